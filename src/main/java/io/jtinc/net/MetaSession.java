package io.jtinc.net;

import io.netty.buffer.ByteBuf;

/**
 * The node core's side of one TCP meta connection. Every call happens on the event loop that owns the channel.
 * The buffer passed to {@link #onBytes} is only valid during the call (the transport releases it afterwards).
 */
public interface MetaSession {
    void onBytes(ByteBuf data);

    /** The connection is gone (closed by either side, or failed). Called once. */
    void onClosed();
}
