package io.jtinc.net;

/**
 * tincd 1.0.35+'s accept limit (CVE-2018-16738 mitigation, spec §1): from the 10th connection accepted within the
 * same second on, new connections go straight to the tarpit. Loop-confined.
 */
public final class AcceptThrottle {
    static final int MAX_PER_SECOND = 10;

    private long currentSecond = Long.MIN_VALUE;
    private int acceptedThisSecond;
    private long throttled;

    /** Records an accept at this time; true when it must be tarpitted. */
    public boolean tooMany(long nowMillis) {
        long second = Math.floorDiv(nowMillis, 1000);
        if (second != currentSecond) {
            currentSecond = second;
            acceptedThisSecond = 0;
        }
        boolean tooMany = ++acceptedThisSecond >= MAX_PER_SECOND;
        if (tooMany) {
            throttled++;
        }
        return tooMany;
    }

    /** Connections sent to the tarpit by this limit since start (shown in the USR1/USR2 counters). */
    public long throttled() {
        return throttled;
    }
}
