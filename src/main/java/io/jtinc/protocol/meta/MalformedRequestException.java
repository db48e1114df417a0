package io.jtinc.protocol.meta;

/**
 * A received line that cannot be accepted. Checked and caught inside this package: it becomes a Close action,
 * never an exception that reaches the event loop. {@code type} is null for unknown numbers and bogus data.
 */
public final class MalformedRequestException extends Exception {
    private final Rejection rejection;
    private final transient RequestType type;
    private final String detail;

    MalformedRequestException(Rejection rejection, RequestType type, String detail) {
        super(rejection + (type == null ? "" : " " + type) + (detail == null ? "" : ": " + detail), null, false, false);
        this.rejection = rejection;
        this.type = type;
        this.detail = detail;
    }

    public Rejection rejection() {
        return rejection;
    }

    public RequestType type() {
        return type;
    }

    /** tincd's trailing explanation ("invalid name"), or null. */
    public String detail() {
        return detail;
    }
}
