package io.jtinc.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The UDP sockets on loopback (no root), IPv4 and IPv6: a lone datagram (outside a batch, or the only one of its
 * batch) leaves by the direct sendto, a batch of several through the channel at its end, in order; a send error
 * still reaches the sender's error callback; a burst after a quiet spell is read whole.
 */
class UdpEndpointsTest {
    private InetAddress loopback;
    private MultiThreadIoEventLoopGroup group;
    private UdpEndpoints udp;
    private DatagramSocket peer;
    private int port;
    private final List<String> received = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() throws Exception {
        if (udp != null) {
            udp.close();
        }
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
        if (peer != null) {
            peer.close();
        }
    }

    private void open(Transport transport) throws Exception {
        open(transport, InetAddress.getLoopbackAddress());
    }

    private void open(Transport transport, InetAddress loopback) throws Exception {
        this.loopback = loopback;
        group = transport.newGroup(1);
        peer = new DatagramSocket(new InetSocketAddress(loopback, 0));
        peer.setSoTimeout(2000);
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(loopback, 0))) {
            port = probe.getLocalPort();
        }
        udp = UdpEndpoints.bind(transport, group, List.of(new InetSocketAddress(loopback, port)), true,
                Optional.empty(), Optional.empty(),
                (content, sender) -> received.add(content.getByte(content.readerIndex()) + ":" + content.readableBytes()));
    }

    private <T> T onLoop(Callable<T> task) throws Exception {
        return group.next().submit(task).get(10, TimeUnit.SECONDS);
    }

    private InetSocketAddress peerAddress() {
        return new InetSocketAddress(loopback, peer.getLocalPort());
    }

    private static ByteBuffer datagram(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
    }

    private String receive() throws Exception {
        DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
        peer.receive(packet);
        return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.US_ASCII);
    }

    @Test
    void aLoneDatagramLeavesByTheDirectSendtoAndItsBufferIsConsumed() throws Exception {
        assumeTrue(Epoll.isAvailable(), "Netty's epoll transport is not available here");
        open(Transport.EPOLL);
        ByteBuffer ping = datagram("ping");
        long direct = onLoop(() -> {
            udp.send(ping, peerAddress(), null);
            return udp.directSends;
        });
        assertEquals("ping", receive());
        assertEquals(0, ping.remaining(), "the sender's buffer is consumed, as a copy into the channel did");
        assertEquals(1, direct, "sent by the direct path");
    }

    @Test
    void theDirectSendtoWorksOnAnIpv6SocketToo() throws Exception {
        assumeTrue(Epoll.isAvailable(), "Netty's epoll transport is not available here");
        InetAddress v6 = InetAddress.getByName("::1");
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(v6, 0))) {
            assumeTrue(probe.getLocalPort() > 0);
        } catch (java.net.SocketException e) {
            assumeTrue(false, "no IPv6 loopback here: " + e.getMessage());
        }
        open(Transport.EPOLL, v6);
        long direct = onLoop(() -> {
            udp.send(datagram("ping6"), peerAddress(), null);
            return udp.directSends;
        });
        assertEquals("ping6", receive());
        assertEquals(1, direct, "sent by the direct path");
    }

    @Test
    void theOnlyDatagramOfABatchLeavesAtItsEndByTheDirectSendto() throws Exception {
        assumeTrue(Epoll.isAvailable(), "Netty's epoll transport is not available here");
        open(Transport.EPOLL);
        String early = onLoop(() -> {
            udp.beginBatch();
            ByteBuffer one = datagram("one");
            udp.send(one, peerAddress(), null);
            // Held, and copied: the encoder reuses its buffer for the next frame.
            one.clear().put("XXX".getBytes(StandardCharsets.US_ASCII));
            String before = receiveWithin(300);
            udp.endBatch();
            return before;
        });
        assertEquals("nothing", early, "held until the batch ends");
        assertEquals("one", receive());
        assertEquals(1, (long) onLoop(() -> udp.directSends), "sent by the direct path");
    }

    @Test
    void aBatchOfSeveralLeavesThroughTheChannelAtItsEndInOrder() throws Exception {
        assumeTrue(Epoll.isAvailable(), "Netty's epoll transport is not available here");
        open(Transport.EPOLL);
        String early = onLoop(() -> {
            udp.beginBatch();
            udp.send(datagram("one"), peerAddress(), null);
            udp.send(datagram("two"), peerAddress(), null);
            udp.send(datagram("three"), peerAddress(), null);
            String before = receiveWithin(300);
            udp.endBatch();
            return before;
        });
        assertEquals("nothing", early, "the batch waits for its end (one sendmmsg)");
        assertEquals("one", receive());
        assertEquals("two", receive());
        assertEquals("three", receive());
        assertEquals(0, (long) onLoop(() -> udp.directSends), "none by the direct path: the first was not split off");
    }

    private String receiveWithin(int millis) throws Exception {
        peer.setSoTimeout(millis);
        try {
            return receive();
        } catch (SocketTimeoutException e) {
            return "nothing";
        } finally {
            peer.setSoTimeout(2000);
        }
    }

    @Test
    void aSendErrorReachesTheErrorCallbackWithTheLength() throws Exception {
        assumeTrue(Epoll.isAvailable(), "Netty's epoll transport is not available here");
        open(Transport.EPOLL);
        // Over 65 507 bytes no UDP datagram fits in IPv4: EMSGSIZE, as a DF datagram over the path MTU gets.
        ByteBuffer huge = ByteBuffer.allocateDirect(70_000);
        AtomicReference<String> failure = new AtomicReference<>();
        onLoop(() -> {
            udp.send(huge, peerAddress(), (length, cause) -> failure.set(length + " " + cause.getMessage()));
            return null;
        });
        assertTrue(failure.get() != null && failure.get().startsWith("70000 ") && failure.get().contains("too long"),
                "error callback got: " + failure.get());
        onLoop(() -> {
            udp.send(datagram("after"), peerAddress(), null);
            return null;
        });
        assertEquals("after", receive(), "the socket still sends after the error");
    }

    @Test
    void withNioEveryDatagramGoesThroughTheChannel() throws Exception {
        open(Transport.NIO);
        onLoop(() -> {
            udp.beginBatch();
            udp.send(datagram("a"), peerAddress(), null);
            udp.send(datagram("b"), peerAddress(), null);
            udp.endBatch();
            return null;
        });
        assertEquals("a", receive());
        assertEquals("b", receive());
        assertThrows(SocketTimeoutException.class, () -> {
            peer.setSoTimeout(200);
            receive();
        }, "one copy of each");
    }

    @Test
    void aBurstAfterAQuietSpellArrivesWholeWhetherReadOneByOneOrInBatches() throws Exception {
        assumeTrue(Epoll.isAvailable(), "Netty's epoll transport is not available here");
        open(Transport.EPOLL);
        byte[] payload = new byte[1400];
        // One lone datagram (a quiet link's read: one slot), then a burst (the reads that follow: batches).
        for (int i = 0; i < 81; i++) {
            payload[0] = (byte) i;
            peer.send(new DatagramPacket(payload, i == 0 ? 100 : payload.length, loopback, port));
            if (i == 0) {
                Thread.sleep(50);
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (received.size() < 81 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(81, received.size(), "datagrams delivered");
        assertEquals("0:100", received.get(0));
        for (int i = 1; i < 81; i++) {
            assertEquals(i + ":1400", received.get(i), "datagram " + i);
        }
    }
}
