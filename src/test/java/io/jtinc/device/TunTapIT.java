package io.jtinc.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jtinc.log.Log;
import io.jtinc.log.LogSink;
import io.jtinc.testsupport.Netns;
import io.jtinc.testsupport.Requirements;
import io.netty.channel.IoEventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Real TUN/TAP devices. Each is opened in the test JVM's namespace under a unique name and immediately moved into
 * the test's own namespace (the fd stays valid across the move), so all traffic and configuration happen there
 * and the host namespace is never touched beyond that instant.
 */
@Tag("netns")
class TunTapIT {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    @BeforeEach
    void requirements() {
        Requirements.requireNetns();
    }

    private static String uniqueName() {
        return "jtt" + ProcessHandle.current().pid() % 10000 + "x" + COUNTER.incrementAndGet();
    }

    private static LinuxTunTap openIn(Netns ns, DeviceKind kind) throws IOException {
        LinuxTunTap dev = (LinuxTunTap) Devices.open(DeviceSettings.of(kind).withInterfaceName(uniqueName()));
        io.jtinc.testsupport.Sh.ok("ip", "link", "set", dev.interfaceName(), "netns", ns.name());
        return dev;
    }

    @Test
    void tapOpensWithTheConfiguredNameLogsLikeTincdAndVanishesOnClose() throws IOException {
        List<String> lines = new CopyOnWriteArrayList<>();
        LogSink old = Log.sink();
        Log.setSink((p, m) -> lines.add(m));
        try (Netns ns = Netns.create("tap")) {
            String name = uniqueName();
            LinuxTunTap dev = LinuxTunTap.open(DeviceSettings.of(DeviceKind.TAP).withInterfaceName(name));
            try {
                assertEquals(name, dev.interfaceName());
                assertEquals("/dev/net/tun", dev.devicePath());
                assertTrue(lines.contains("/dev/net/tun is a Linux tun/tap device (tap mode)"), lines.toString());
                // A second open (still in this namespace) of the same name is refused, with tincd's message.
                IOException busy = assertThrows(IOException.class,
                        () -> LinuxTunTap.open(DeviceSettings.of(DeviceKind.TAP).withInterfaceName(name)).close());
                assertTrue(busy.getMessage().startsWith("Error while trying to configure /dev/net/tun: "),
                        busy.getMessage());
                io.jtinc.testsupport.Sh.ok("ip", "link", "set", name, "netns", ns.name());
                String show = ns.exec("ip", "-d", "link", "show", name).output();
                assertTrue(show.contains("tap"), show);
            } finally {
                dev.close();
                dev.close();
            }
            assertEquals(-1, dev.read(ByteBuffer.allocate(Device.MAX_FRAME)));
            assertTrue(waitUntil(() -> ns.run("ip", "link", "show", name).status() != 0),
                    "interface still exists after close");
        } finally {
            Log.setSink(old);
        }
    }

    @Test
    void kernelChoosesANameWhenNoneIsConfigured() throws IOException {
        try (Netns ns = Netns.create("auto"); Device dev = openIn(ns, DeviceKind.TAP)) {
            assertFalse(dev.interfaceName().isEmpty());
            ns.exec("ip", "link", "show", dev.interfaceName());
        }
        try (Device dev = Devices.open(new DeviceSettings(DeviceKind.TAP, null, Optional.empty(), true))) {
            assertTrue(dev.interfaceName().startsWith("tap"), dev.interfaceName());
        }
    }

    @Test
    void epollAttachmentReceivesRealFrames() throws Exception {
        MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        try {
            receiveIpv6Frame(group.next(), false, true, "netty-jni");
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    @Test
    void readerThreadAttachmentReceivesRealFramesOnNio() throws Exception {
        MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            receiveIpv6Frame(group.next(), false, false, "netty-jni");
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    @Test
    void forcedReaderThreadWorksOnAnEpollLoop() throws Exception {
        MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        try {
            receiveIpv6Frame(group.next(), true, false, "netty-jni");
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    /** The JNA read/write path (32-bit ARM, where Netty has no native library) still moves real frames. */
    @Test
    void jnaDeviceIoReceivesRealFrames() throws Exception {
        MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        System.setProperty("jtinc.deviceio", "jna");
        try {
            receiveIpv6Frame(group.next(), false, false, "jna");
        } finally {
            System.clearProperty("jtinc.deviceio");
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    /** Link up + a ping to all-nodes: the kernel sends IPv6 (MLD, DAD, echo) as Ethernet frames onto the TAP. */
    private void receiveIpv6Frame(IoEventLoop loop, boolean force, boolean expectEpoll, String expectIo)
            throws Exception {
        try (Netns ns = Netns.create("rx"); Device dev = openIn(ns, DeviceKind.TAP)) {
            assertEquals(expectIo, ((LinuxTunTap) dev).ioPath());
            LinkedBlockingQueue<byte[]> frames = new LinkedBlockingQueue<>();
            List<Thread> threads = new CopyOnWriteArrayList<>();
            try (DeviceAttachment att = DeviceAttachment.attach(dev, loop, f -> {
                threads.add(Thread.currentThread());
                byte[] b = new byte[f.remaining()];
                f.get(b);
                frames.add(b);
            }, force)) {
                assertEquals(expectEpoll, att.usesEpoll());
                ns.exec("ip", "link", "set", dev.interfaceName(), "up");
                byte[] v6 = null;
                for (int i = 0; i < 20 && v6 == null; i++) {
                    ns.run("ping", "-6", "-c1", "-W1", "-I", dev.interfaceName(), "ff02::1");
                    v6 = pollFor(frames, 0x86dd, 500);
                }
                assertNotNull(v6, "no IPv6 frame arrived through the attachment");
                assertTrue(loop.inEventLoop(threads.get(0)), "handler ran off the loop thread");
            }
        }
    }

    @Test
    void writtenFramesReachTheInterface() throws Exception {
        writeFrames("netty-jni");
    }

    @Test
    void jnaDeviceIoWritesRealFrames() throws Exception {
        System.setProperty("jtinc.deviceio", "jna");
        try {
            writeFrames("jna");
        } finally {
            System.clearProperty("jtinc.deviceio");
        }
    }

    private void writeFrames(String expectIo) throws Exception {
        try (Netns ns = Netns.create("tx"); Device dev = openIn(ns, DeviceKind.TAP)) {
            assertEquals(expectIo, ((LinuxTunTap) dev).ioPath());
            String ifc = dev.interfaceName();
            ns.exec("ip", "link", "set", ifc, "up");
            long before = rxPackets(ns, ifc);
            byte[] frame = new byte[60];
            for (int i = 0; i < 6; i++) {
                frame[i] = (byte) 0xff;
            }
            frame[6] = 0x02;
            frame[11] = 0x01;
            frame[12] = (byte) 0x88;
            frame[13] = (byte) 0xb5; // IEEE local experimental ethertype: nobody will answer it
            ByteBuffer buf = ByteBuffer.wrap(frame);
            dev.write(buf);
            assertEquals(buf.limit(), buf.position(), "write must consume the frame");
            dev.write(ByteBuffer.wrap(frame));
            assertTrue(waitUntil(() -> rxPackets(ns, ifc) >= before + 2), "rx_packets did not grow by 2");
        }
    }

    @Test
    void tunReadsGetZeroMacsAndTheEthertypeAndWritesArrive() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        LogSink old = Log.sink();
        Log.setSink((p, m) -> lines.add(m));
        MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        try (Netns ns = Netns.create("tun"); Device dev = openIn(ns, DeviceKind.TUN)) {
            assertTrue(lines.contains("/dev/net/tun is a Linux tun/tap device (tun mode)"), lines.toString());
            String ifc = dev.interfaceName();
            String show = ns.exec("ip", "-d", "link", "show", ifc).output();
            assertTrue(show.contains("tun"), show);
            ns.exec("ip", "link", "set", ifc, "up");
            ns.exec("ip", "-6", "addr", "add", "fd00:99::1/64", "dev", ifc, "nodad");
            LinkedBlockingQueue<byte[]> frames = new LinkedBlockingQueue<>();
            try (DeviceAttachment att = DeviceAttachment.attach(dev, group.next(), f -> {
                byte[] b = new byte[f.remaining()];
                f.get(b);
                frames.add(b);
            })) {
                byte[] v6 = null;
                for (int i = 0; i < 20 && v6 == null; i++) {
                    ns.run("ping", "-6", "-c1", "-W1", "fd00:99::2");
                    v6 = pollFor(frames, 0x86dd, 500);
                }
                assertNotNull(v6, "no IPv6 packet arrived from the TUN device");
                for (int i = 0; i < 12; i++) {
                    assertEquals(0, v6[i], "MAC byte " + i);
                }
                assertEquals(0x60, v6[14] & 0xf0, "IPv6 header must follow the Ethernet header");
            }
            long before = rxPackets(ns, ifc);
            byte[] frame = new byte[14 + 40];
            frame[12] = (byte) 0x86;
            frame[13] = (byte) 0xdd;
            frame[14] = 0x60;
            frame[14 + 6] = 59; // no next header
            frame[14 + 7] = 1;
            dev.write(ByteBuffer.wrap(frame));
            assertTrue(waitUntil(() -> rxPackets(ns, ifc) >= before + 1), "rx_packets did not grow");
        } finally {
            Log.setSink(old);
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    private static byte[] pollFor(LinkedBlockingQueue<byte[]> frames, int ethertype, long millis)
            throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        long left;
        while ((left = end - System.nanoTime()) > 0) {
            byte[] f = frames.poll(left, TimeUnit.NANOSECONDS);
            if (f != null && f.length >= 14 && ((f[12] & 0xff) << 8 | (f[13] & 0xff)) == ethertype) {
                return f;
            }
        }
        return null;
    }

    private static long rxPackets(Netns ns, String ifc) {
        return Long.parseLong(ns.exec("cat", "/sys/class/net/" + ifc + "/statistics/rx_packets").output().trim());
    }

    private static boolean waitUntil(java.util.function.BooleanSupplier cond) {
        for (int i = 0; i < 50; i++) {
            if (cond.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }
}
