package io.jtinc.protocol.data;

/**
 * Why a datagram or frame was not delivered. The codec returns these as negative ints ({@link #code()}) so the
 * hot path allocates nothing; {@link #of(int)} maps back. Each has a counter in its encoder/decoder.
 */
public enum DropReason {
    /** Decode: shorter than seqno + MAC ("Got too short packet from X (Y)"). */
    TOO_SHORT,
    /** Decode: longer than tincd's MAXSIZE (1661); tincd would truncate it and fail the MAC. */
    OVERSIZE,
    /** Decode: MAC mismatch ("Got unauthenticated packet from X (Y)"); nothing else was touched. */
    BAD_MAC,
    /** Decode: ciphertext length or padding invalid, or the plaintext has no room for the seqno. */
    DECRYPT_FAILED,
    /** Decode: seqno at or below the last one received and not a pending late packet. */
    REPLAYED,
    /** Decode: one of the first replaywin/4 packets in a row that are a window or more ahead. */
    FAR_FUTURE,
    /** Decode: invalid zlib stream, or empty output ("Error while uncompressing packet from X (Y)"). */
    DECOMPRESS_FAILED,
    /** Decode: the zlib stream inflates beyond MAXSIZE (a decompression bomb); stopped at the bound. */
    DECOMPRESS_OVERSIZE,
    /** Decode: the frame is shorter than an Ethernet header (14 bytes) and could not be routed. */
    RUNT_FRAME,
    /** Encode: the frame is longer than MAXSIZE. */
    FRAME_TOO_LARGE,
    /** Encode: zlib output does not fit MAXSIZE ("Error while compressing packet to X (Y)"). */
    COMPRESS_FAILED,
    /** Encode: the cipher refused (cannot happen with the registered ciphers; "Error while encrypting ..."). */
    ENCRYPT_FAILED,
    /** Encode/decode: the caller's destination has no room between the offset and its limit. */
    DESTINATION_TOO_SMALL;

    private static final DropReason[] VALUES = values();

    /** The negative int the codec returns for this reason. */
    public int code() {
        return -1 - ordinal();
    }

    /** The reason for a negative codec result; throws for non-negative values (those are lengths). */
    public static DropReason of(int code) {
        if (code >= 0 || -1 - code >= VALUES.length) {
            throw new IllegalArgumentException("not a drop code: " + code);
        }
        return VALUES[-1 - code];
    }
}
