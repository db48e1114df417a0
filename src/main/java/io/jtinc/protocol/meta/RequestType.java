package io.jtinc.protocol.meta;

/** The 18 request numbers of protocol 17 (protocol.h:request_t), in wire order. */
public enum RequestType {
    ID, METAKEY, CHALLENGE, CHAL_REPLY, ACK,
    /** 5-7 have no handler in 1.0.36: receiving one is "Unknown request" and ends the connection. */
    STATUS, ERROR, TERMREQ,
    PING, PONG, ADD_SUBNET, DEL_SUBNET, ADD_EDGE, DEL_EDGE, KEY_CHANGED, REQ_KEY, ANS_KEY, PACKET;

    private static final RequestType[] BY_NUMBER = values();

    /** The decimal number that starts the line. */
    public int number() {
        return ordinal();
    }

    /** The request with this number, or null when it is outside 0..17. */
    public static RequestType ofNumber(int number) {
        return number >= 0 && number < BY_NUMBER.length ? BY_NUMBER[number] : null;
    }

    /** False for STATUS, ERROR and TERMREQ: tincd 1.0.36 treats them like an unknown number. */
    public boolean hasHandler() {
        return this != STATUS && this != ERROR && this != TERMREQ;
    }

    /** ID..ACK: only valid during authentication, never once the connection is active. */
    public boolean isHandshake() {
        return ordinal() <= ACK.ordinal();
    }
}
