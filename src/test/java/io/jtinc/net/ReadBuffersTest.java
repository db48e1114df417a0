package io.jtinc.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jtinc.protocol.data.DataSizes;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PoolArenaMetric;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.RecvByteBufAllocator;
import org.junit.jupiter.api.Test;

/**
 * The UDP sockets' read buffer (one recvmmsg's worth) must come from a pool, not from a fresh direct allocation
 * per read: on a quiet link that was one 28 KB malloc, memset and free per datagram (issue 6, ping RTT).
 */
class ReadBuffersTest {
    private static final int READ_BUFFER = DataSizes.MAX_DATAGRAM * UdpEndpoints.RECV_BATCH;

    @Test
    void readBuffersComeFromThePoolAndAreReused() {
        // Reads 10 µs apart: a busy link, so every read but the first gets the batch buffer.
        long[] now = {0};
        RecvByteBufAllocator.Handle handle = new ReadBuffers(DataSizes.MAX_DATAGRAM, READ_BUFFER,
                () -> now[0] += 10_000).newHandle();
        assertEquals(READ_BUFFER, handle.guess());
        handle.allocate(UnpooledByteBufAllocator.DEFAULT).release(); // the first read follows a quiet spell
        PoolArenaMetric arena = ReadBuffers.POOL.metric().directArenas().get(0);
        long hugeBefore = arena.numHugeAllocations();
        long chunksBefore = chunks(arena);
        long arenaAllocationsBefore = arenaAllocations(arena);
        long address = -1;
        for (int i = 0; i < 1000; i++) {
            // The channel's own allocator is not used (an unpooled one here, as the adaptive one is for 28 KB).
            ByteBuf buf = handle.allocate(UnpooledByteBufAllocator.DEFAULT);
            try {
                assertTrue(buf.isDirect() && buf.capacity() >= READ_BUFFER);
                if (address == -1) {
                    address = buf.memoryAddress();
                }
                // The thread's cache hands the same memory back each time.
                assertEquals(address, buf.memoryAddress(), "read " + i + " got new memory");
            } finally {
                buf.release();
            }
        }
        // A chunk smaller than the read buffer would make every read a "huge" (unpooled) allocation.
        assertEquals(hugeBefore, arena.numHugeAllocations());
        assertTrue(chunks(arena) - chunksBefore <= 1, "chunks grew by " + (chunks(arena) - chunksBefore));
        // The thread's cache serves them: the arena itself (and its locks) is asked once, not once per read.
        long arenaAllocations = arenaAllocations(arena) - arenaAllocationsBefore;
        assertTrue(arenaAllocations <= 1, "the arena served " + arenaAllocations + " of 1000 reads");
    }

    /**
     * A read after a quiet spell gets room for one datagram, which Netty's epoll channel reads with recvmsg (one
     * slot, no getsockopt) instead of recvmmsg; a read right after it, the batch buffer again (issue 3, ping RTT).
     */
    @Test
    void aReadAfterAQuietSpellGetsOneDatagramsBufferAndAReadRightAfterItTheBatch() {
        long[] now = {5_000_000_000L};
        RecvByteBufAllocator.Handle handle = new ReadBuffers(DataSizes.MAX_DATAGRAM, READ_BUFFER, () -> now[0])
                .newHandle();
        assertEquals(DataSizes.MAX_DATAGRAM, capacityOfNextRead(handle), "the first read of all");
        now[0] += 200_000;
        assertEquals(READ_BUFFER, capacityOfNextRead(handle), "200 µs after the previous read");
        now[0] += 900_000;
        assertEquals(READ_BUFFER, capacityOfNextRead(handle), "0.9 ms after");
        now[0] += 10_000_000;
        assertEquals(DataSizes.MAX_DATAGRAM, capacityOfNextRead(handle), "10 ms after, as a ping's");
        now[0] += 10_000_000;
        assertEquals(DataSizes.MAX_DATAGRAM, capacityOfNextRead(handle), "and the next ping");
    }

    private static int capacityOfNextRead(RecvByteBufAllocator.Handle handle) {
        ByteBuf buf = handle.allocate(UnpooledByteBufAllocator.DEFAULT);
        try {
            assertTrue(buf.isDirect());
            return buf.writableBytes();
        } finally {
            buf.release();
        }
    }

    private static long arenaAllocations(PoolArenaMetric arena) {
        return arena.numSmallAllocations() + arena.numNormalAllocations() + arena.numHugeAllocations();
    }

    private static long chunks(PoolArenaMetric arena) {
        return arena.chunkLists().stream().mapToLong(list -> {
            long n = 0;
            for (var ignored : list) {
                n++;
            }
            return n;
        }).sum();
    }
}
