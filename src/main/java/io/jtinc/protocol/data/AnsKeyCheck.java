package io.jtinc.protocol.data;

import io.jtinc.crypto.Algorithms;
import io.jtinc.crypto.CipherAlgorithm;
import io.jtinc.crypto.DigestAlgorithm;
import java.util.Objects;
import java.util.Optional;

/**
 * Validation of a received ANS_KEY's key fields, in tincd 1.0.36's order (protocol_key.c ans_key_h, 1.0.35+
 * checks; spec §4.2). Rejections are "log and ignore": the connection stays, the node simply has no valid key
 * (the caller clears validkey first, as tincd does). Stateless.
 */
public final class AnsKeyCheck {
    /** tincd's MAX_STRING_SIZE: a longer token cannot even be parsed. */
    public static final int MAX_HEX_LENGTH = 2048;

    private AnsKeyCheck() {
    }

    /** Why an ANS_KEY was refused, with tincd's log wording (logged at LOG_ERR by tincd). */
    public enum Rejection {
        INVALID_KEY("Got bad ANS_KEY from %s (%s): invalid key"),
        UNKNOWN_CIPHER("Node %s (%s) uses unknown cipher!"),
        WRONG_KEYLENGTH("Node %s (%s) uses wrong keylength!"),
        UNKNOWN_DIGEST("Node %s (%s) uses unknown digest!"),
        BOGUS_MAC_LENGTH("Node %s (%s) uses bogus MAC length!"),
        BOGUS_COMPRESSION("Node %s (%s) uses bogus compression level!"),
        /** Ours: a peer asking for LZO (levels 10, 11); tincd would accept it, jtinc cannot compress with LZO. */
        LZO_UNSUPPORTED("Node %s (%s) asks for LZO compression, which jtinc does not implement;"
                + " traffic to it stays on TCP (set Compression to 0..9 on that node)");

        private final String format;

        Rejection(String format) {
            this.format = format;
        }

        /** The log line for node {@code name} at {@code hostname}. */
        public String message(String name, String hostname) {
            return String.format(format, name, hostname);
        }
    }

    /** Outcome of {@link #check}: exactly one of key/rejection is present. */
    public static final class Result {
        private final DataKey key;
        private final Rejection rejection;

        private Result(DataKey key, Rejection rejection) {
            this.key = key;
            this.rejection = rejection;
        }

        public boolean accepted() {
            return key != null;
        }

        /** The key to send with (build a {@link PacketEncoder} from it); empty when rejected. */
        public Optional<DataKey> key() {
            return Optional.ofNullable(key);
        }

        public Optional<Rejection> rejection() {
            return Optional.ofNullable(rejection);
        }

        @Override
        public String toString() {
            return accepted() ? "accepted " + key : "rejected " + rejection;
        }
    }

    /**
     * Checks the HEXKEY, cipher NID, digest NID, MAC length and compression fields of an ANS_KEY addressed to us.
     * Like tincd, the MAC length is only checked against a real digest: a node with {@code Digest = none} still
     * announces its MACLength (default 4) and that must be accepted.
     */
    public static Result check(String hexKey, int cipherNid, int digestNid, int macLength, int compression) {
        Objects.requireNonNull(hexKey, "hexKey");
        byte[] material = parseHex(hexKey);
        if (material == null) {
            return reject(Rejection.INVALID_KEY);
        }
        try {
            Optional<CipherAlgorithm> cipher = Algorithms.cipherByNid(cipherNid);
            if (cipher.isEmpty()) {
                return reject(Rejection.UNKNOWN_CIPHER);
            }
            // Covers NID 0 too: keyMaterialLength() is 1 for none (CVE-2018-16758).
            if (material.length != cipher.get().keyMaterialLength()) {
                return reject(Rejection.WRONG_KEYLENGTH);
            }
            Optional<DigestAlgorithm> digest = Algorithms.digestByNid(digestNid);
            if (digest.isEmpty()) {
                return reject(Rejection.UNKNOWN_DIGEST);
            }
            if (!digest.get().isNone() && (macLength < 0 || macLength > digest.get().size())) {
                return reject(Rejection.BOGUS_MAC_LENGTH);
            }
            if (compression < 0 || compression > 11) {
                return reject(Rejection.BOGUS_COMPRESSION);
            }
            if (compression >= 10) {
                return reject(Rejection.LZO_UNSUPPORTED);
            }
            return new Result(new DataKey(cipher.get(), digest.get(), macLength, compression, material), null);
        } finally {
            java.util.Arrays.fill(material, (byte) 0);
        }
    }

    private static Result reject(Rejection r) {
        return new Result(null, r);
    }

    /** Even-length ASCII hex (either case, like tincd's hex2bin), 2..MAX_HEX_LENGTH chars; null otherwise. */
    /** Even-length ASCII hex within ANS_KEY's size bound; null otherwise (tincd would ignore an odd last digit). */
    private static byte[] parseHex(String hex) {
        int n = hex.length();
        if (n == 0 || n > MAX_HEX_LENGTH) {
            return null;
        }
        return io.jtinc.crypto.Hex.decode(hex);
    }
}
