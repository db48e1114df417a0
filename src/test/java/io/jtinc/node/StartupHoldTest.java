package io.jtinc.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The start-up hold's bounds: its size, its window after start, the age of what it sends, and one use only. */
class StartupHoldTest {
    private static ByteBuffer frame(int id) {
        ByteBuffer b = ByteBuffer.allocate(60);
        b.putInt(14, id);
        return b;
    }

    @Test
    void holdsAtMostItsCapAndOnlyDuringItsWindow() {
        StartupHold hold = new StartupHold(1000);
        for (int i = 0; i < StartupHold.MAX_FRAMES; i++) {
            assertTrue(hold.offer(frame(i), 1000 + i));
        }
        assertFalse(hold.offer(frame(99), 1100), "full");
        assertEquals(StartupHold.MAX_FRAMES, hold.release(1200).size());

        StartupHold late = new StartupHold(1000);
        assertFalse(late.offer(frame(1), 1000 + StartupHold.WINDOW_MILLIS), "the window has passed");
        assertFalse(late.isOpen());
    }

    @Test
    void releaseSendsFreshFramesInOrderKeepsCopiesAndEndsTheHold() {
        StartupHold hold = new StartupHold(0);
        assertTrue(hold.offer(frame(1), 100));
        ByteBuffer original = frame(2);
        assertTrue(hold.offer(original, 2000));
        original.putInt(14, 666); // the caller's buffer is reused for the next frame
        assertTrue(hold.offer(frame(3), 2500));
        List<ByteBuffer> out = hold.release(100 + StartupHold.MAX_AGE_MILLIS + 1);
        assertEquals(2, out.size(), "the frame from t=100 is too old");
        assertEquals(2, out.get(0).getInt(14));
        assertEquals(3, out.get(1).getInt(14));
        assertFalse(hold.isOpen());
        assertFalse(hold.offer(frame(4), 3000), "used once");
        assertTrue(hold.isEmpty());
    }
}
