package io.jtinc.protocol.data;

import io.jtinc.log.Log;
import io.jtinc.log.LogSink;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Captures the global log at a given level for one test; restore with close(). */
final class CapturedLog implements AutoCloseable {
    final List<String> lines = new CopyOnWriteArrayList<>();
    private final LogSink oldSink = Log.sink();
    private final int oldLevel = Log.level();

    CapturedLog(int level) {
        Log.setLevel(level);
        // Replace without closing the previous sink (setSink closes it): wrap a no-op close.
        LogSink capture = (p, m) -> lines.add(m);
        swap(capture);
    }

    boolean contains(String text) {
        return lines.stream().anyMatch(l -> l.contains(text));
    }

    private static void swap(LogSink sink) {
        try {
            var f = Log.class.getDeclaredField("sink");
            f.setAccessible(true);
            f.set(null, sink);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        swap(oldSink);
        Log.setLevel(oldLevel);
    }
}
