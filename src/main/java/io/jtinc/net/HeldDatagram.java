package io.jtinc.net;

import io.jtinc.protocol.data.DataSizes;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.function.BiConsumer;

/**
 * The first datagram of a send batch, copied and held back until the batch shows whether it is alone (see
 * {@link UdpEndpoints#send(ByteBuffer, InetSocketAddress, BiConsumer)}). One per UdpEndpoints; event loop only.
 */
final class HeldDatagram {
    /** The encoder's largest datagram; a longer one is never held, it goes through the channel. */
    static final int CAPACITY = DataSizes.MAX_DATAGRAM + 64;

    private final ByteBuffer buffer = ByteBuffer.allocateDirect(CAPACITY);
    private Channel channel;
    private InetSocketAddress to;
    private BiConsumer<Integer, Throwable> onError;

    boolean isEmpty() {
        return channel == null;
    }

    /** Copies {@code datagram}'s remaining bytes (consuming them); false, and nothing taken, if it is too long. */
    boolean hold(Channel channel, ByteBuffer datagram, InetSocketAddress to, BiConsumer<Integer, Throwable> onError) {
        if (datagram.remaining() > CAPACITY) {
            return false;
        }
        buffer.clear();
        buffer.put(datagram).flip();
        this.channel = channel;
        this.to = to;
        this.onError = onError;
        return true;
    }

    Channel channel() {
        return channel;
    }

    /** The held bytes, from position to limit. */
    ByteBuffer datagram() {
        return buffer;
    }

    InetSocketAddress to() {
        return to;
    }

    BiConsumer<Integer, Throwable> onError() {
        return onError;
    }

    void clear() {
        channel = null;
        to = null;
        onError = null;
    }
}
