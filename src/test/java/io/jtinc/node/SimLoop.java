package io.jtinc.node;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.BooleanSupplier;

/**
 * A deterministic, single-threaded stand-in for the daemon's event loop: a task queue ordered by (due time,
 * submission order) and a virtual millisecond clock. {@link #advance} runs everything due and calls each
 * registered core's {@code tick()} on every whole simulated second, as MeshRuntime's fixed-rate ticker does.
 * Nothing sleeps, nothing runs on another thread.
 */
final class SimLoop {
    /** Guards against a livelock (two cores answering each other forever at the same instant). */
    private static final int MAX_TASKS_PER_INSTANT = 1_000_000;

    private record Task(long due, long seq, Runnable body) {
    }

    private final PriorityQueue<Task> queue = new PriorityQueue<>((a, b) -> a.due != b.due
            ? Long.compare(a.due, b.due) : Long.compare(a.seq, b.seq));
    private final List<NodeCore> ticked = new ArrayList<>();
    private long now;
    private long nextTick;
    private long seq;

    SimLoop(long startMillis) {
        this.now = startMillis;
        this.nextTick = (startMillis / 1000 + 1) * 1000;
    }

    long now() {
        return now;
    }

    void tickEverySecond(NodeCore core) {
        ticked.add(core);
    }

    void execute(Runnable task) {
        schedule(0, task);
    }

    void schedule(long delayMillis, Runnable task) {
        queue.add(new Task(now + delayMillis, seq++, task));
    }

    /** Runs everything due now, including what those tasks enqueue for now. */
    void runUntilIdle() {
        int n = 0;
        while (!queue.isEmpty() && queue.peek().due <= now) {
            queue.poll().body.run();
            if (++n > MAX_TASKS_PER_INSTANT) {
                throw new IllegalStateException("livelock at " + now);
            }
        }
    }

    /** Moves the clock forward by {@code millis}, running tasks and ticks in time order. */
    void advance(long millis) {
        long target = now + millis;
        runUntilIdle();
        while (true) {
            long nextTask = queue.isEmpty() ? Long.MAX_VALUE : queue.peek().due;
            long next = Math.min(nextTask, nextTick);
            if (next > target) {
                break;
            }
            now = next;
            if (next == nextTick && nextTask > nextTick) {
                nextTick += 1000;
                for (NodeCore core : ticked) {
                    core.tick();
                }
            }
            runUntilIdle();
        }
        now = target;
        runUntilIdle();
    }

    /** Runs queued tasks one at a time (advancing the clock to each) until the condition holds. */
    boolean stepUntil(BooleanSupplier condition, long maxMillis) {
        long deadline = now + maxMillis;
        while (!condition.getAsBoolean()) {
            if (queue.isEmpty() || queue.peek().due > deadline) {
                return false;
            }
            Task t = queue.poll();
            now = Math.max(now, t.due);
            t.body.run();
        }
        return true;
    }
}
