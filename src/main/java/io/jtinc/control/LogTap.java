package io.jtinc.control;

import io.jtinc.log.Log;
import io.jtinc.log.LogSink;
import io.jtinc.log.Priority;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code jtinc log [LEVEL]}: the daemon's log lines for the connected log clients, through {@link Log#setTap} at
 * the highest level any client asked for (the log file keeps the daemon's own level). Each client has a bounded
 * queue: a slow or stalled client loses lines (counted, and told so) and never blocks the thread that logs, which
 * is usually the event loop.
 */
final class LogTap implements LogSink {
    /** Lines a client may be behind before new ones are dropped for it. */
    static final int QUEUE_LINES = 1000;

    private final CopyOnWriteArrayList<Subscriber> subscribers = new CopyOnWriteArrayList<>();

    /** One client's stream at its debug level. */
    static final class Subscriber {
        final int level;
        final BlockingQueue<String> lines = new ArrayBlockingQueue<>(QUEUE_LINES);
        final AtomicLong dropped = new AtomicLong();

        Subscriber(int level) {
            this.level = level;
        }
    }

    synchronized Subscriber subscribe(int level) {
        Subscriber s = new Subscriber(level);
        subscribers.add(s);
        retune();
        return s;
    }

    synchronized void unsubscribe(Subscriber s) {
        subscribers.remove(s);
        retune();
    }

    private void retune() {
        int max = subscribers.stream().mapToInt(s -> s.level).max().orElse(-1);
        Log.setTap(max < 0 ? null : this, max);
    }

    @Override
    public void write(Priority priority, String message) {
        // Lines at ALWAYS..level reach every subscriber whose level is at least Log's tap level for the line;
        // a per-line level is not passed to sinks, so a client at a lower level than another may see more lines.
        for (Subscriber s : subscribers) {
            if (!s.lines.offer(message)) {
                s.dropped.incrementAndGet();
            }
        }
    }
}
