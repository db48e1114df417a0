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
}
