package io.jtinc.device;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.IoEventLoop;
import io.netty.channel.nio.NioIoHandler;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InMemoryDeviceTest {
    @Test
    void injectedFramesAreReadInOrderThenZeroThenMinusOneWhenClosed() {
        InMemoryDevice dev = new InMemoryDevice();
        AtomicInteger wakeUps = new AtomicInteger();
        dev.setWakeUpListener(wakeUps::incrementAndGet);
        assertTrue(dev.inject(new byte[] {1, 2, 3}));
        assertTrue(dev.inject(new byte[] {4}));
        assertEquals(2, wakeUps.get());
        ByteBuffer buf = ByteBuffer.allocate(10);
        assertEquals(3, dev.read(buf));
        assertEquals(1, dev.read(buf));
        assertEquals(4, buf.position());
        assertEquals(4, buf.get(3));
        assertEquals(0, dev.read(buf));
        dev.close();
        assertEquals(-1, dev.read(buf));
        assertFalse(dev.inject(new byte[] {5}));
    }

    @Test
    void oversizedFramesAreDroppedAndTheQueueIsCapped() {
        InMemoryDevice dev = new InMemoryDevice(DeviceKind.TUN, "t", 2);
        assertTrue(dev.inject(new byte[20]));
        assertTrue(dev.inject(new byte[5]));
        assertFalse(dev.inject(new byte[5]), "capacity 2");
        ByteBuffer small = ByteBuffer.allocate(10);
        assertEquals(5, dev.read(small));
        assertEquals(0, dev.read(small));
    }

    @Test
    void writtenFramesAreCopiedAndConsumed() throws InterruptedException {
        InMemoryDevice dev = new InMemoryDevice();
        byte[] f = {9, 8, 7};
        ByteBuffer buf = ByteBuffer.wrap(f);
        dev.write(buf);
        assertFalse(buf.hasRemaining());
        f[0] = 0;
        assertArrayEquals(new byte[] {9, 8, 7}, dev.takeWritten(1, TimeUnit.SECONDS));
        assertNull(dev.takeWritten(10, TimeUnit.MILLISECONDS));
        dev.write(ByteBuffer.wrap(f));
        assertEquals(1, dev.drainWritten().size());
    }

    @Test
    void attachmentDeliversInjectedFramesOnTheLoopUntilClosed() throws Exception {
        MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            IoEventLoop loop = group.next();
            InMemoryDevice dev = new InMemoryDevice();
            dev.inject(new byte[] {1});
            List<Integer> seen = new CopyOnWriteArrayList<>();
            List<Boolean> onLoop = new CopyOnWriteArrayList<>();
            CountDownLatch two = new CountDownLatch(2);
            DeviceAttachment att = DeviceAttachment.attach(dev, loop, f -> {
                seen.add((int) f.get(0));
                onLoop.add(loop.inEventLoop());
                two.countDown();
            });
            assertFalse(att.usesEpoll());
            dev.inject(new byte[] {2});
            assertTrue(two.await(5, TimeUnit.SECONDS));
            assertEquals(List.of(1, 2), seen);
            assertEquals(List.of(true, true), onLoop);
            att.close();
            dev.inject(new byte[] {3});
            loop.submit(() -> { }).sync();
            assertEquals(2, seen.size(), "no delivery after close");
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    @Test
    void dummyDeviceReadsNothingAndDiscardsWrites() throws Exception {
        Device d = Devices.open(DeviceSettings.of(DeviceKind.DUMMY));
        assertEquals("dummy", d.interfaceName());
        assertEquals("dummy", d.devicePath());
        ByteBuffer f = ByteBuffer.allocate(60);
        d.write(f);
        assertFalse(f.hasRemaining());
        assertEquals(0, d.read(ByteBuffer.allocate(100)));
        d.close();
        assertEquals(-1, d.read(ByteBuffer.allocate(100)));
    }
}
