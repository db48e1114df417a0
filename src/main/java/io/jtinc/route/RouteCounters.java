package io.jtinc.route;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/** Per-reason drop counters; thread-safe (updated by every thread that routes). */
public final class RouteCounters {
    private static final DropReason[] REASONS = DropReason.values();
    private final AtomicLongArray counts = new AtomicLongArray(REASONS.length);

    void increment(DropReason reason) {
        counts.incrementAndGet(reason.ordinal());
    }

    public long get(DropReason reason) {
        return counts.get(reason.ordinal());
    }

    public long total() {
        long t = 0;
        for (int i = 0; i < REASONS.length; i++) {
            t += counts.get(i);
        }
        return t;
    }

    /** A copy of the non-zero counters, for dumps. */
    public Map<DropReason, Long> snapshot() {
        Map<DropReason, Long> m = new EnumMap<>(DropReason.class);
        for (DropReason r : REASONS) {
            long v = counts.get(r.ordinal());
            if (v != 0) {
                m.put(r, v);
            }
        }
        return m;
    }
}
