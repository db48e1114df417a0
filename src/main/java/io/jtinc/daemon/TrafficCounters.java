package io.jtinc.daemon;

import java.util.concurrent.atomic.LongAdder;

/** Byte counters of the device, shown by USR2 and at exit as tincd's "total bytes in/out". */
public final class TrafficCounters {
    private final LongAdder deviceIn = new LongAdder();
    private final LongAdder deviceOut = new LongAdder();

    public void deviceIn(long bytes) {
        deviceIn.add(bytes);
    }

    public void deviceOut(long bytes) {
        deviceOut.add(bytes);
    }

    public long bytesIn() {
        return deviceIn.sum();
    }

    public long bytesOut() {
        return deviceOut.sum();
    }
}
