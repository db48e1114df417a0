package io.jtinc.route;

/**
 * route.c ratelimit(3): at most {@code perSecond} generated ICMP/ICMPv6 errors per wall-clock second, globally
 * (tincd counts per value of its {@code now}, a time_t). A rate limit protects us from being turned into an ICMP
 * reflector. Thread-safe; time is passed in.
 */
public final class IcmpRateLimiter {
    /** tincd's value. */
    public static final int TINCD_PER_SECOND = 3;

    private final int perSecond;
    private long second = Long.MIN_VALUE;
    private int count;

    public IcmpRateLimiter(int perSecond) {
        this.perSecond = perSecond;
    }

    public IcmpRateLimiter() {
        this(TINCD_PER_SECOND);
    }

    /** True when this error must not be sent; otherwise it is counted against the current second. */
    public synchronized boolean limited(long nowMillis) {
        long s = Math.floorDiv(nowMillis, 1000);
        if (s == second) {
            if (count >= perSecond) {
                return true;
            }
        } else {
            second = s;
            count = 0;
        }
        count++;
        return false;
    }
}
