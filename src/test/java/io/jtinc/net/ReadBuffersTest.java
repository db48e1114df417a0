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
        PoolArenaMetric arena = ReadBuffers.POOL.metric().directArenas().get(0);
        long hugeBefore = arena.numHugeAllocations();
        long chunksBefore = chunks(arena);
        long arenaAllocationsBefore = arenaAllocations(arena);
        RecvByteBufAllocator.Handle handle = new ReadBuffers(READ_BUFFER).newHandle();
        assertEquals(READ_BUFFER, handle.guess());
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
