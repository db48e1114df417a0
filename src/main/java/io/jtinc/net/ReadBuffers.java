package io.jtinc.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.DefaultMaxMessagesRecvByteBufAllocator;

/**
 * The UDP sockets' read buffers: a fixed size (one recvmmsg's worth, RECV_BATCH datagrams of the largest size we
 * accept, about 28 KB), always from a small pool of their own, whatever allocator the channel has.
 *
 * <p>Why not the channel's allocator: Netty 4.2's default (adaptive) allocator pools nothing above 16.5 KB once it
 * decides memory is low, which it does for any max heap up to 512 MB (the launcher's is 48 MB). Every read then
 * got a fresh ByteBuffer.allocateDirect: 28 KB malloc'ed, zeroed, registered with a Cleaner and freed again, once
 * per datagram on a quiet link (found with a profiler while measuring ping RTT, issue 6). The datagrams we send
 * stay with the channel's allocator, whose pools take sizes up to 16.5 KB. A read buffer lives only while its
 * datagrams are handled, so the loop thread's cache hands the same memory back every time, from one 64 KB chunk.
 */
final class ReadBuffers extends DefaultMaxMessagesRecvByteBufAllocator {
    /*
     * One direct arena, 8 KB pages and maxOrder 3 (64 KB chunks), and thread caches for both size classes: in
     * Netty 4.2's size classes a 28 KB buffer is "small", and without a small cache every read took the subpage's
     * ReentrantLock in the arena (seen in the same profile).
     */
    static final PooledByteBufAllocator POOL = new PooledByteBufAllocator(true, 0, 1, 8192, 3, 8, 8, true);

    private final int size;

    /** Like Netty's FixedRecvByteBufAllocator(size), which this replaces. */
    ReadBuffers(int size) {
        this.size = size;
    }

    @Override
    public Handle newHandle() {
        return new MaxMessageHandle() {
            @Override
            public int guess() {
                return size;
            }

            @Override
            public ByteBuf allocate(ByteBufAllocator channelAllocator) {
                return POOL.directBuffer(size);
            }
        };
    }
}
