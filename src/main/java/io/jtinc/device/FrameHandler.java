package io.jtinc.device;

import io.jtinc.log.Log;
import java.io.IOException;
import java.nio.ByteBuffer;

/** Receives frames read from a device. Called on the event loop thread; the buffer is only valid during the call. */
@FunctionalInterface
public interface FrameHandler {
    void onFrame(ByteBuffer frame);

    /**
     * A read failed (also on the loop thread). tincd exits after ten consecutive device errors ("Too many
     * errors from …, exiting!"); that policy belongs to the daemon, which overrides this. Default: log it.
     */
    default void onError(IOException e) {
        Log.error(e.getMessage());
    }

    /**
     * The reader has handed over every frame it had for now (the device said EAGAIN, or a batch limit was hit):
     * the moment to flush what the frames produced, so one burst leaves in few syscalls.
     */
    default void onBatchEnd() {
    }
}
