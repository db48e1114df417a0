package io.jtinc.crypto;

import java.security.MessageDigest;

/** Comparisons of secrets that do not leak, through timing, how many leading bytes matched. */
public final class ConstantTime {
    private ConstantTime() {
    }

    /**
     * True when both arrays are non-null and have the same length and contents. Used for MACs and challenge
     * replies (tinc 1.0.35 hardening): an early-exit compare would let an attacker find a valid MAC byte by
     * byte. {@link MessageDigest#isEqual} has been constant-time in content since JDK 6u17 (only the length,
     * which is public for MACs, may show); we delegate to it and only make null never equal, so a missing value
     * cannot pass a check by meeting another missing value.
     */
    public static boolean equals(byte[] a, byte[] b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(a, b);
    }
}
