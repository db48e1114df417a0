package io.jtinc.protocol.meta;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters shared by all meta connections of a daemon. Thread-safe (LongAdder), so connections on several event
 * loops may share one instance.
 */
public final class MetaCounters {
    private final EnumMap<Rejection, LongAdder> rejections = new EnumMap<>(Rejection.class);
    /** PACKET payloads longer than MAXSIZE (1661), consumed and dropped (CVE-2013-1428). */
    private final LongAdder oversizedPackets = new LongAdder();
    /** Lines we refused to send because they would not fit tincd's 2176-byte buffer. */
    private final LongAdder outputOverflows = new LongAdder();

    public MetaCounters() {
        for (Rejection r : Rejection.values()) {
            rejections.put(r, new LongAdder());
        }
    }

    void count(Rejection r) {
        rejections.get(r).increment();
    }

    void countOversizedPacket() {
        oversizedPackets.increment();
    }

    void countOutputOverflow() {
        outputOverflows.increment();
    }

    public long rejections(Rejection r) {
        return rejections.get(r).sum();
    }

    public long oversizedPackets() {
        return oversizedPackets.sum();
    }

    public long outputOverflows() {
        return outputOverflows.sum();
    }

    /** A snapshot of every rejection counter (zeros included), for dumps and metrics. */
    public Map<Rejection, Long> snapshot() {
        EnumMap<Rejection, Long> out = new EnumMap<>(Rejection.class);
        rejections.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
