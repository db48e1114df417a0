package io.jtinc.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.DefaultMaxMessagesRecvByteBufAllocator;
import java.util.function.LongSupplier;

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
 *
 * <p>A read that starts more than {@link #QUIET_GAP_NANOS} after the previous one gets a buffer for one datagram
 * instead. Netty's epoll channel reads a buffer that holds a single datagram with recvmsg(2), one slot; a larger
 * one with recvmmsg(2), whose JNI call sets up all its slots and asks getsockopt(IP_RECVORIGDSTADDR) first, every
 * time. On a quiet link (a ping, a trickle) each wake-up finds one datagram, and the one-slot read is the cheaper
 * one: one syscall, as tincd's recvfrom. A read that follows the previous one closely means datagrams are queueing,
 * and gets the batch buffer again; so does the next read of a burst whose first read found one slot too few.
 */
final class ReadBuffers extends DefaultMaxMessagesRecvByteBufAllocator {
    /*
     * One direct arena, 8 KB pages and maxOrder 3 (64 KB chunks), and thread caches for both size classes: in
     * Netty 4.2's size classes a 28 KB buffer is "small", and without a small cache every read took the subpage's
     * ReentrantLock in the arena (seen in the same profile).
     */
    static final PooledByteBufAllocator POOL = new PooledByteBufAllocator(true, 0, 1, 8192, 3, 8, 8, true);

    /** The same gap as the device reader's: reads further apart than this are a quiet link's. */
    static final long QUIET_GAP_NANOS = 1_000_000;

    private final int datagram;
    private final int size;
    private final LongSupplier clock;

    /**
     * Buffers of {@code size} bytes (a batch), like Netty's FixedRecvByteBufAllocator(size), which this replaces;
     * of {@code datagram} bytes (one datagram) for the first read after a quiet spell.
     */
    ReadBuffers(int datagram, int size) {
        this(datagram, size, System::nanoTime);
    }

    ReadBuffers(int datagram, int size, LongSupplier clock) {
        this.datagram = datagram;
        this.size = size;
        this.clock = clock;
    }

    @Override
    public Handle newHandle() {
        return new MaxMessageHandle() {
            private long lastRead = Long.MIN_VALUE / 2;

            @Override
            public int guess() {
                return size;
            }

            @Override
            public ByteBuf allocate(ByteBufAllocator channelAllocator) {
                long now = clock.getAsLong();
                boolean quiet = now - lastRead > QUIET_GAP_NANOS;
                lastRead = now;
                return POOL.directBuffer(quiet ? datagram : size);
            }
        };
    }
}
