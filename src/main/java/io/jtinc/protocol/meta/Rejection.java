package io.jtinc.protocol.meta;

/** Why a meta connection was closed by us. Each has a counter in {@link MetaCounters}. */
public enum Rejection {
    /** A number outside 0..17 or 5/6/7 ("Unknown request"). */
    UNKNOWN_REQUEST,
    /** The line does not start with a number ("Bogus data received"). */
    BOGUS_DATA,
    /** A request the current handshake state does not allow ("Unauthorized request"). */
    UNAUTHORIZED_REQUEST,
    /** ID..ACK again after activation (tincd would re-run the handshake handlers; we refuse). */
    HANDSHAKE_AFTER_ACTIVATION,
    /** Missing or malformed fields, overlong tokens ("Got bad X"). */
    BAD_REQUEST,
    /** A name that fails [A-Za-z0-9_]+, our own name in ID, or from == to in an edge. */
    INVALID_NAME,
    /** Outgoing connection answered by another node ("Peer X is Y instead of Z"). */
    WRONG_PEER_NAME,
    /** ID version other than 17 ("uses incompatible version"). */
    INCOMPATIBLE_VERSION,
    /** No host file or no usable public key ("had unknown identity"). */
    UNKNOWN_IDENTITY,
    /** METAKEY hex not 2*RSA_size ("wrong keylength"). */
    WRONG_KEY_LENGTH,
    /** Non-hex METAKEY/CHALLENGE/CHAL_REPLY ("invalid key/challenge/hash"). */
    INVALID_HEX,
    /** The RSA decryption of the meta key failed (value >= modulus). */
    RSA_FAILURE,
    NULL_CIPHER,
    UNKNOWN_CIPHER,
    NULL_DIGEST,
    UNKNOWN_DIGEST,
    BOGUS_MAC_LENGTH,
    WRONG_CHALLENGE_LENGTH,
    WRONG_CHAL_REPLY_LENGTH,
    /** "Possible intruder … wrong challenge reply". */
    WRONG_CHAL_REPLY,
    /** A line longer than the 2176-byte buffer, or a PACKET length that can never fit. */
    READ_BUFFER_OVERFLOW,
    /** PACKET line or payload before activation. */
    UNAUTHORIZED_PACKET,
    /** No ACK within PingTimeout of creation. */
    AUTH_TIMEOUT,
    /** No PONG within PingTimeout of our PING. */
    PING_TIMEOUT
}
