package io.jtinc.node;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Broadcasts from the local device that reached nobody because no other node is reachable yet, kept during the
 * first seconds after start and sent once the first node becomes reachable (issue 5: start to first ping6).
 *
 * <p>Why: a Pi's kernel resolves the hub's address with a neighbour solicitation as soon as tinc-up has put an
 * address on the TAP, which is before the meta connection is up. tincd drops that broadcast (nobody to send it
 * to), and the kernel only asks again after its RetransTimer, one second later, so the first ping6 is answered
 * one or two seconds after the tunnel is up. Held here, the first solicitation goes out the moment the hub is
 * reachable. The hold is small and short-lived on purpose: at most {@link #MAX_FRAMES} frames, only during
 * {@link #WINDOW_MILLIS} after start and before the first node was ever reachable, and a frame older than
 * {@link #MAX_AGE_MILLIS} is dropped instead of sent (the kernel has asked again by then). Loop-confined.
 */
final class StartupHold {
    static final int MAX_FRAMES = 16;
    static final long WINDOW_MILLIS = 10_000;
    static final long MAX_AGE_MILLIS = 3_000;

    private final long openUntil;
    private final ArrayDeque<ByteBuffer> frames = new ArrayDeque<>();
    private final ArrayDeque<Long> times = new ArrayDeque<>();
    private boolean closed;

    StartupHold(long startMillis) {
        this.openUntil = startMillis + WINDOW_MILLIS;
    }

    /** Keeps a copy of the frame (position..limit, not consumed); false when the hold is over or full. */
    boolean offer(ByteBuffer frame, long now) {
        if (closed || now >= openUntil) {
            close();
            return false;
        }
        if (frames.size() >= MAX_FRAMES) {
            return false;
        }
        ByteBuffer copy = ByteBuffer.allocate(frame.remaining());
        copy.put(frame.duplicate()).flip();
        frames.add(copy);
        times.add(now);
        return true;
    }

    /** False once the hold is over (released, or its window passed): the cheap test before anything else. */
    boolean isOpen() {
        return !closed;
    }

    boolean isEmpty() {
        return frames.isEmpty();
    }

    /** Ends the hold for good and returns the frames still fresh enough to send, oldest first. */
    List<ByteBuffer> release(long now) {
        List<ByteBuffer> fresh = new ArrayList<>(frames.size());
        while (!frames.isEmpty()) {
            ByteBuffer f = frames.poll();
            if (now - times.poll() <= MAX_AGE_MILLIS) {
                fresh.add(f);
            }
        }
        close();
        return fresh;
    }

    private void close() {
        closed = true;
        frames.clear();
        times.clear();
    }
}
