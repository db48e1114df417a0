package io.jtinc.device;

import java.nio.ByteBuffer;

/** Receives frames read from a device. Called on the event loop thread; the buffer is only valid during the call. */
@FunctionalInterface
public interface FrameHandler {
    void onFrame(ByteBuffer frame);
}
