package io.jtinc.protocol.data;

import io.jtinc.crypto.CipherAlgorithm;

/** Size limits and arithmetic of tinc's UDP packets (spec §5.1, §5.6, net.h). Stateless. */
public final class DataSizes {
    /** Largest frame tincd originates: 1500 payload + 14 Ethernet + 4 VLAN (net.h MTU; jumbograms are off). */
    public static final int MTU = 1518;
    /**
     * tincd's packet buffer, net.h {@code MAXSIZE = MTU + 4 + EVP_MAX_BLOCK_LENGTH(32) + EVP_MAX_MD_SIZE(64) +
     * MTU/64 + 20} = 1661. tincd reads at most this many bytes per datagram (longer ones are truncated and fail
     * the MAC), decompresses into at most this many, and drops TCP PACKETs longer than this.
     */
    public static final int MAXSIZE = 1661;
    /** Bytes of the big-endian sequence number in front of every frame. */
    public static final int SEQNO_LENGTH = 4;
    /** What tincd subtracts from the length of a compressed probe reply: MTU/64 + 20 (net_packet.c). */
    public static final int COMPRESSED_PROBE_ADJUSTMENT = MTU / 64 + 20;
    /** IPv4 header (20) + UDP header (8). */
    public static final int IPV4_UDP_OVERHEAD = 28;
    /** IPv6 header (40) + UDP header (8). */
    public static final int IPV6_UDP_OVERHEAD = 48;
    /** Room an encoder's output needs in the worst case: MAXSIZE frame, seqno, a full pad block, SHA-512 MAC. */
    public static final int MAX_DATAGRAM = MAXSIZE + SEQNO_LENGTH + 32 + 64;

    private DataSizes() {
    }

    /**
     * UDP payload bytes for an uncompressed frame of {@code frameLength}: for aes-256-cbc with a 4-byte MAC this is
     * {@code 16*floor((4+L)/16) + 16 + 4} (frame 1314 → 1332, 251 → 260).
     */
    public static int datagramLength(int frameLength, CipherAlgorithm cipher, int macLength) {
        return cipher.ciphertextLength(SEQNO_LENGTH + frameLength) + macLength;
    }

    /**
     * The largest uncompressed frame whose datagram fits an underlay path of IP MTU {@code pathMtu}
     * (1451 for IPv4 at 1500 with aes-256-cbc and a 4-byte MAC, 1435 for IPv6).
     *
     * @param ipv6 true for an IPv6 underlay (48 bytes of IP+UDP headers instead of 28)
     * @return the frame length, or 0 when not even an empty frame fits
     */
    public static int largestFrame(int pathMtu, boolean ipv6, CipherAlgorithm cipher, int macLength) {
        int udpPayload = pathMtu - (ipv6 ? IPV6_UDP_OVERHEAD : IPV4_UDP_OVERHEAD);
        int ciphertext = udpPayload - macLength;
        if (ciphertext <= 0) {
            return 0;
        }
        int plaintext;
        if (cipher.mode().padded()) {
            int block = cipher.blockSize();
            // PKCS#7 always adds at least one byte: the largest plaintext in n whole blocks is n*block - 1.
            plaintext = (ciphertext / block) * block - 1;
        } else {
            plaintext = ciphertext;
        }
        return Math.max(0, plaintext - SEQNO_LENGTH);
    }
}
