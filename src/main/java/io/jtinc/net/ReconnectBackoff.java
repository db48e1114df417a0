package io.jtinc.net;

/**
 * tincd's reconnect timing (spec §10, retry_outgoing): after a whole round of Address entries failed, wait
 * 5 s more than last time, clamped to [MinTimeout, MaxTimeout]: linear, not doubling. The first PONG on the
 * connection resets it. Sans-IO and loop-confined.
 */
public final class ReconnectBackoff {
    static final int STEP_SECONDS = 5;

    private final int minTimeout;
    private final int maxTimeout;
    private int timeout;

    public ReconnectBackoff(int minTimeoutSeconds, int maxTimeoutSeconds) {
        this.minTimeout = Math.max(0, minTimeoutSeconds);
        this.maxTimeout = Math.max(1, maxTimeoutSeconds);
    }

    /** The delay before the next round, in seconds; each call lengthens the following one. */
    public int nextDelaySeconds() {
        timeout += STEP_SECONDS;
        if (timeout > maxTimeout) {
            timeout = maxTimeout;
        }
        if (timeout < minTimeout) {
            timeout = minTimeout;
        }
        return timeout;
    }

    /** The first PONG on an outgoing connection proves it works. */
    public void reset() {
        timeout = 0;
    }

    public int currentSeconds() {
        return timeout;
    }
}
