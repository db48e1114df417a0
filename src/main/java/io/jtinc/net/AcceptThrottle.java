package io.jtinc.net;

/**
 * tincd 1.0.35+'s accept limit (CVE-2018-16738 mitigation, spec §1): from the 10th connection accepted within the
 * same second on, new connections go straight to the tarpit. Loop-confined.
 *
 * <p>The 10 is fixed in tincd 1.0.36; tinc 1.1 made it {@code MaxConnectionBurst} (default 10) and jtinc takes that
 * variable too: a hub that hundreds of Pis dial at once after a power cut accepts 9 a second with the default
 * (1000 nodes: two minutes of tarpits and retries), so such a hub raises it. The default stays tincd's.
 */
public final class AcceptThrottle {
    public static final int DEFAULT_BURST = 10;

    private final int maxPerSecond;

    private long currentSecond = Long.MIN_VALUE;

    public AcceptThrottle() {
        this(DEFAULT_BURST);
    }

    /** {@code burst}: the accept within one second that is tarpitted (tincd's 10 tarpits the 10th). */
    public AcceptThrottle(int burst) {
        if (burst < 1) {
            throw new IllegalArgumentException("MaxConnectionBurst must be at least 1");
        }
        this.maxPerSecond = burst;
    }
    private int acceptedThisSecond;
    private long throttled;

    /** Records an accept at this time; true when it must be tarpitted. */
    public boolean tooMany(long nowMillis) {
        long second = Math.floorDiv(nowMillis, 1000);
        if (second != currentSecond) {
            currentSecond = second;
            acceptedThisSecond = 0;
        }
        boolean tooMany = ++acceptedThisSecond >= maxPerSecond;
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
