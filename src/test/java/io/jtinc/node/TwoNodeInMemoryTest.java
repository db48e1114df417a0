package io.jtinc.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jtinc.protocol.data.DropReason;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 3 acceptance 8, unit tier: two real node cores (switch mode) talk over an in-memory meta connection and
 * an in-memory UDP fabric on a simulated clock. No sockets, no threads, no root. Covers the handshake and
 * activation, gossip into the graph and the scripts, the data path (TCP PACKET first, UDP after PMTU discovery),
 * KeyExpire renewals under traffic, tampering and replay on UDP, and closing.
 */
class TwoNodeInMemoryTest {
    private static final byte[] BROADCAST = mac("ff:ff:ff:ff:ff:ff");

    @TempDir
    Path dir;

    private TwoNodes connected(String extraConf) throws Exception {
        TwoNodes n = new TwoNodes(dir, extraConf);
        n.connect();
        n.loop.runUntilIdle();
        return n;
    }

    @Test
    void bothSidesActivateAndSeeEachOtherWithScriptsRun() throws Exception {
        TwoNodes n = connected("");

        assertTrue(n.alpha.graph().snapshot().reachable("beta"), "alpha reaches beta");
        assertTrue(n.beta.graph().snapshot().reachable("alpha"), "beta reaches alpha");
        assertEquals(1, n.alpha.activeConnections().size());
        assertEquals(1, n.beta.activeConnections().size());
        assertTrue(n.alpha.graph().snapshot().node("beta").directlyConnected());
        assertEquals(List.of("host-up beta 10.99.0.2 655"), hostLines(n.alphaScripts));
        // beta learned alpha's port from the ACK, not from the TCP connection's ephemeral source port.
        assertEquals(List.of("host-up alpha 10.99.0.1 655"), hostLines(n.betaScripts));
        assertEquals(List.of("subnet-up beta 2:0:0:0:0:2 10.99.0.2 655"), subnetLines(n.alphaScripts));
        assertEquals(List.of("subnet-up alpha 2:0:0:0:0:1 10.99.0.1 655"), subnetLines(n.betaScripts));
        assertEquals(List.of("alpha", "beta"), List.copyOf(n.alpha.graph().snapshot().nodes().keySet()));
    }

    @Test
    void aDeferredFlushRecomputesOnceForAllReadsOfAWakeUp() throws Exception {
        TwoNodes n = new TwoNodes(dir, "");
        List<Runnable> later = new ArrayList<>();
        n.beta.setDeferredFlush(later::add);
        n.connect();
        n.loop.runUntilIdle();
        // beta read alpha's ID .. ACK and ADD_EDGEs, but its graph waits for the end of the event-loop wake-up.
        assertEquals(1, later.size(), "one flush pending, however many reads came");
        assertFalse(n.beta.graph().snapshot().reachable("alpha"));
        long recomputations = n.beta.graph().counters().recomputations.get();
        later.remove(0).run();
        assertEquals(recomputations + 1, n.beta.graph().counters().recomputations.get());
        assertTrue(n.beta.graph().snapshot().reachable("alpha"), "the flush made alpha reachable");
        assertEquals(List.of("host-up alpha 10.99.0.1 655"), hostLines(n.betaScripts));
        for (int i = 0; i < 20 && !later.isEmpty(); i++) {
            later.remove(0).run();
            n.loop.advance(1000);
        }
        assertTrue(n.bothReachable());
    }

    @Test
    void aBroadcastFromBeforeThePeerWasReachableGoesOutOnceItIs() throws Exception {
        TwoNodes n = new TwoNodes(dir, "");
        // The kernel's first neighbour solicitation, sent while the meta connection is still being made: tincd
        // drops it and the kernel asks again a second later. A frame held too long is not sent any more.
        byte[] stale = frame(BROADCAST, mac(TwoNodes.ALPHA_MAC), 1, 90);
        n.alpha.onDeviceFrame(ByteBuffer.wrap(stale.clone()));
        n.loop.advance(StartupHold.MAX_AGE_MILLIS + 1);
        byte[] early = frame(BROADCAST, mac(TwoNodes.ALPHA_MAC), 2, 90);
        n.alpha.onDeviceFrame(ByteBuffer.wrap(early.clone()));
        assertTrue(n.betaDevice.isEmpty());

        n.connect();
        n.loop.runUntilIdle();

        assertTrue(n.bothReachable());
        assertFrames(List.of(early), n.betaDevice);
        assertTrue(n.alphaDevice.isEmpty(), "not looped back to alpha's own device");
    }

    @Test
    void framesGoByTcpFirstThenByUdpAfterPmtuDiscovery() throws Exception {
        TwoNodes n = new TwoNodes(dir, "");
        n.connect();
        // Stop as soon as alpha sees beta: no data key and no PMTU result yet.
        assertTrue(n.loop.stepUntil(() -> n.alpha.graph().snapshot().reachable("beta"), 1000));
        assertEquals(0, n.alpha.peer("beta").minMtu());

        byte[] first = frame(mac(TwoNodes.BETA_MAC), mac(TwoNodes.ALPHA_MAC), 0, 200);
        long tcpOut = n.counter(n.alpha, "tcp_packets_out");
        n.alpha.onDeviceFrame(ByteBuffer.wrap(first.clone()));
        assertEquals(tcpOut + 1, n.counter(n.alpha, "tcp_packets_out"), "first frame goes as PACKET");
        n.loop.runUntilIdle();
        assertEquals(1, n.betaDevice.size());
        assertArrayEquals(first, n.betaDevice.get(0));
        assertEquals(1, n.counter(n.beta, "tcp_packets_in"));

        n.loop.advance(10_000);
        assertTrue(n.alpha.peer("beta").validKey(), "alpha has beta's key");
        assertTrue(n.alpha.peer("beta").minMtu() >= 1400, "PMTU settled: " + n.alpha.peer("beta").minMtu());
        assertTrue(n.beta.peer("alpha").minMtu() >= 1400, "PMTU settled: " + n.beta.peer("alpha").minMtu());

        n.betaDevice.clear();
        long datagrams = n.fabric.count(TwoNodes.ALPHA, TwoNodes.BETA);
        long udpIn = n.counter(n.beta, "udp_in");
        long tcpIn = n.counter(n.beta, "tcp_packets_in");
        List<byte[]> sent = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            byte[] f = frame(mac(TwoNodes.BETA_MAC), mac(TwoNodes.ALPHA_MAC), i, 60 + 67 * i);
            sent.add(f);
            n.alpha.onDeviceFrame(ByteBuffer.wrap(f.clone()));
            n.loop.runUntilIdle();
        }
        assertFrames(sent, n.betaDevice);
        assertEquals(datagrams + 20, n.fabric.count(TwoNodes.ALPHA, TwoNodes.BETA), "one datagram per frame");
        assertEquals(udpIn + 20, n.counter(n.beta, "udp_in"));
        assertEquals(tcpIn, n.counter(n.beta, "tcp_packets_in"), "nothing over TCP any more");

        // A broadcast goes to beta's device too (and not back to alpha's).
        n.betaDevice.clear();
        byte[] bcast = frame(BROADCAST, mac(TwoNodes.ALPHA_MAC), 99, 300);
        n.alpha.onDeviceFrame(ByteBuffer.wrap(bcast.clone()));
        n.loop.runUntilIdle();
        assertFrames(List.of(bcast), n.betaDevice);
        assertTrue(n.alphaDevice.isEmpty(), "alpha's own device got " + n.alphaDevice.size() + " frames");

        // And the other way round.
        byte[] back = frame(mac(TwoNodes.ALPHA_MAC), mac(TwoNodes.BETA_MAC), 7, 500);
        long alphaUdpIn = n.counter(n.alpha, "udp_in");
        n.beta.onDeviceFrame(ByteBuffer.wrap(back.clone()));
        n.loop.runUntilIdle();
        assertFrames(List.of(back), n.alphaDevice);
        assertEquals(alphaUdpIn + 1, n.counter(n.alpha, "udp_in"));
    }

    @Test
    void keyExpireRenewsKeysUnderTrafficWithoutLosingFrames() throws Exception {
        TwoNodes n = new TwoNodes(dir, "KeyExpire = 10");
        // With delays, frames sealed with the old key can still be in flight when the receiver switches to its new
        // key (tincd loses those too); that is what the 99 % allows for.
        n.linkLatencyMillis = 3;
        n.fabric.setLatency(2);
        n.connect();
        n.loop.advance(50);
        assertTrue(n.bothReachable());
        Set<Object> alphaEncoders = Collections.newSetFromMap(new IdentityHashMap<>());
        Set<Object> betaEncoders = Collections.newSetFromMap(new IdentityHashMap<>());
        List<byte[]> toBeta = new ArrayList<>();
        List<byte[]> toAlpha = new ArrayList<>();
        long udpBefore = n.counter(n.beta, "udp_in");
        for (int i = 0; i < 350; i++) {
            byte[] ab = frame(mac(TwoNodes.BETA_MAC), mac(TwoNodes.ALPHA_MAC), i, 100 + i % 900);
            byte[] ba = frame(mac(TwoNodes.ALPHA_MAC), mac(TwoNodes.BETA_MAC), i, 1000 - i % 900);
            toBeta.add(ab);
            toAlpha.add(ba);
            n.alpha.onDeviceFrame(ByteBuffer.wrap(ab.clone()));
            n.beta.onDeviceFrame(ByteBuffer.wrap(ba.clone()));
            n.loop.advance(100);
            if (n.alpha.peer("beta").outbound != null) {
                alphaEncoders.add(n.alpha.peer("beta").outbound);
            }
            if (n.beta.peer("alpha").outbound != null) {
                betaEncoders.add(n.beta.peer("alpha").outbound);
            }
        }
        // The first key plus one per expiry at +10 s, +20 s, +30 s.
        assertTrue(alphaEncoders.size() - 1 >= 3, "alpha got " + alphaEncoders.size() + " keys from beta");
        assertTrue(betaEncoders.size() - 1 >= 3, "beta got " + betaEncoders.size() + " keys from alpha");
        assertTrue(delivered(toBeta, n.betaDevice) >= 347, "to beta: " + delivered(toBeta, n.betaDevice));
        assertTrue(delivered(toAlpha, n.alphaDevice) >= 347, "to alpha: " + delivered(toAlpha, n.alphaDevice));
        assertTrue(n.counter(n.beta, "udp_in") - udpBefore > 300, "most frames went by UDP");
        assertTrue(n.bothReachable());
    }

    /** The old key of a renewal is closed by the once-a-second tick after its grace, with no datagram arriving. */
    @Test
    void thePreviousKeyIsDroppedAfterItsGraceWithoutTraffic() throws Exception {
        // Grace is 2 x PingTimeout, 4 s here.
        TwoNodes n = new TwoNodes(dir, "KeyExpire = 10\nPingTimeout = 2");
        n.connect();
        n.loop.advance(50);
        assertTrue(n.bothReachable());
        n.alpha.onDeviceFrame(ByteBuffer.wrap(frame(mac(TwoNodes.BETA_MAC), mac(TwoNodes.ALPHA_MAC), 1, 100)));
        n.loop.advance(100);
        PeerData alphaAtBeta = n.beta.peer("alpha");
        assertNotNull(alphaAtBeta.inbound, "beta holds a key for alpha's datagrams");

        for (int waited = 0; alphaAtBeta.previousInbound == null; waited += 100) {
            assertTrue(waited < 12_000, "no key renewal within 12 s of KeyExpire = 10");
            n.loop.advance(100);
        }
        long graceEnds = alphaAtBeta.previousInboundUntil;
        assertEquals(4_000, graceEnds - n.beta.now(), 100, "renewed: the old key has 2 x PingTimeout of grace");
        n.loop.advance(graceEnds - n.beta.now() - 100);
        assertNotNull(alphaAtBeta.previousInbound, "still in its grace just before it ends");
        // No datagram arrives from here on: only the once-a-second tick can drop it.
        n.loop.advance(1_200);
        assertNull(alphaAtBeta.previousInbound, "the first tick after the grace drops it");
        assertTrue(n.bothReachable());
    }

    @Test
    void tamperedAndReplayedDatagramsAreDroppedAndCounted() throws Exception {
        TwoNodes n = connected("");
        n.loop.advance(10_000);
        n.betaDevice.clear();

        n.fabric.tamperWithNext(b -> {
            byte[] c = b.clone();
            c[c.length / 2] ^= 0x01;
            return c;
        });
        long badMac = n.counter(n.beta, "udp_drop_bad_mac");
        n.alpha.onDeviceFrame(ByteBuffer.wrap(frame(mac(TwoNodes.BETA_MAC), mac(TwoNodes.ALPHA_MAC), 1, 400)));
        n.loop.runUntilIdle();
        assertTrue(n.betaDevice.isEmpty(), "tampered frame must not be delivered");
        assertEquals(badMac + 1, n.counter(n.beta, "udp_drop_bad_mac"));

        byte[] next = frame(mac(TwoNodes.BETA_MAC), mac(TwoNodes.ALPHA_MAC), 2, 400);
        n.alpha.onDeviceFrame(ByteBuffer.wrap(next.clone()));
        n.loop.runUntilIdle();
        assertFrames(List.of(next), n.betaDevice);

        UdpFabric.Datagram last = n.fabric.carried().get(n.fabric.carried().size() - 1);
        assertEquals(TwoNodes.BETA, last.to());
        long replays = n.counter(n.beta, "udp_drop_replayed");
        long replayed = n.beta.peer("alpha").inbound.dropCount(DropReason.REPLAYED);
        n.fabric.replay(last);
        n.loop.runUntilIdle();
        assertEquals(1, n.betaDevice.size(), "a replayed datagram must not be delivered again");
        assertEquals(replayed + 1, n.beta.peer("alpha").inbound.dropCount(DropReason.REPLAYED));
        assertEquals(replays + 1, n.counter(n.beta, "udp_drop_replayed"));
        assertTrue(n.bothReachable(), "bad datagrams do not hurt the connection");
        assertFalse(n.alphaLink.tarpitted() || n.betaLink.tarpitted());
    }

    /**
     * Issue 4: an endpoint moves only on a datagram that passes the MAC and the replay check. A captured datagram
     * replayed from another address (an attacker trying to steal the flow) is dropped as a replay, and the
     * sender's address stays where it was. (A fresh datagram from a new NAT port does move it: RoamingIT.)
     */
    @Test
    void onlyAFreshAuthenticDatagramMovesAPeersUdpAddress() throws Exception {
        TwoNodes n = connected("");
        n.loop.advance(10_000);
        byte[] first = frame(mac(TwoNodes.BETA_MAC), mac(TwoNodes.ALPHA_MAC), 1, 400);
        n.alpha.onDeviceFrame(ByteBuffer.wrap(first));
        n.loop.runUntilIdle();
        UdpFabric.Datagram last = n.fabric.carried().get(n.fabric.carried().size() - 1);
        InetSocketAddress before = n.beta.peer("alpha").udpAddress;
        assertEquals(last.from(), before);

        InetSocketAddress attacker = new InetSocketAddress("192.0.2.66", 40000);
        long replays = n.counter(n.beta, "udp_drop_replayed");
        n.fabric.replay(new UdpFabric.Datagram(attacker, last.to(), last.bytes()));
        n.loop.runUntilIdle();
        assertEquals(replays + 1, n.counter(n.beta, "udp_drop_replayed"));
        assertEquals(before, n.beta.peer("alpha").udpAddress, "a replay must not move the endpoint");
    }

    @Test
    void lossAndReorderingOnUdpOnlyCostTheLostFrames() throws Exception {
        TwoNodes n = connected("");
        n.loop.advance(10_000);
        n.betaDevice.clear();
        n.fabric.setLossRate(0.1);
        n.fabric.setReorder(true);
        List<byte[]> sent = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            byte[] f = frame(mac(TwoNodes.BETA_MAC), mac(TwoNodes.ALPHA_MAC), i, 80 + i);
            sent.add(f);
            n.alpha.onDeviceFrame(ByteBuffer.wrap(f.clone()));
        }
        n.fabric.setReorder(false);
        n.loop.runUntilIdle();
        assertTrue(n.fabric.lost > 0, "the fabric lost nothing: the test proves nothing");
        assertEquals(200 - n.fabric.lost, n.betaDevice.size());
        assertEquals(200 - n.fabric.lost, delivered(sent, n.betaDevice));
        assertEquals(0, n.beta.peer("alpha").inbound.dropCount(DropReason.REPLAYED), "late is not replayed");
    }

    @Test
    void closingTheLinkMakesBothSidesSeeThePeerGo() throws Exception {
        TwoNodes n = connected("");
        n.loop.advance(3_000);
        n.alphaLink.close();
        n.loop.runUntilIdle();

        assertFalse(n.alpha.graph().snapshot().reachable("beta"));
        assertFalse(n.beta.graph().snapshot().reachable("alpha"));
        assertTrue(n.alpha.activeConnections().isEmpty());
        assertTrue(n.beta.activeConnections().isEmpty());
        assertEquals(List.of("host-up beta 10.99.0.2 655", "host-down beta 10.99.0.2 655"),
                hostLines(n.alphaScripts));
        assertEquals(List.of("host-up alpha 10.99.0.1 655", "host-down alpha 10.99.0.1 655"),
                hostLines(n.betaScripts));
        // tincd runs subnet-down before it forgets the node's address: REMOTEADDRESS/REMOTEPORT are still set.
        assertEquals(List.of("subnet-up beta 2:0:0:0:0:2 10.99.0.2 655", "subnet-down beta 2:0:0:0:0:2 10.99.0.2 655"),
                subnetLines(n.alphaScripts));
        assertEquals(List.of("subnet-up alpha 2:0:0:0:0:1 10.99.0.1 655",
                "subnet-down alpha 2:0:0:0:0:1 10.99.0.1 655"), subnetLines(n.betaScripts));
        assertFalse(n.alpha.peer("beta").validKey(), "keys are forgotten with reachability");

        // Frames for beta are now dropped as unreachable, not sent anywhere.
        long datagrams = n.fabric.carried().size();
        n.alpha.onDeviceFrame(ByteBuffer.wrap(frame(mac(TwoNodes.BETA_MAC), mac(TwoNodes.ALPHA_MAC), 1, 100)));
        n.loop.advance(2_000);
        assertEquals(datagrams, n.fabric.carried().size());
    }

    @Test
    void anIdleConnectionStaysUpThroughPingsAndPmtuMaintenance() throws Exception {
        TwoNodes n = connected("");
        n.loop.advance(200_000);
        assertTrue(n.bothReachable());
        assertTrue(n.alphaLink.isOpen());
        assertEquals(0, n.alphaScripts.count("host-down") + n.betaScripts.count("host-down"));
        assertTrue(n.alpha.peer("beta").minMtu() > 0, "PMTU still known after the maintenance probes");

        n.betaDevice.clear();
        long udpIn = n.counter(n.beta, "udp_in");
        byte[] f = frame(mac(TwoNodes.BETA_MAC), mac(TwoNodes.ALPHA_MAC), 1, 1000);
        n.alpha.onDeviceFrame(ByteBuffer.wrap(f.clone()));
        n.loop.runUntilIdle();
        assertFrames(List.of(f), n.betaDevice);
        assertEquals(udpIn + 1, n.counter(n.beta, "udp_in"));
    }

    @Test
    void aSilentPeerIsDroppedAfterPingTimeout() throws Exception {
        TwoNodes n = connected("");
        n.loop.advance(5_000);
        n.alphaLink.blackhole();
        n.betaLink.blackhole();
        n.loop.advance(59_000);
        assertTrue(n.bothReachable(), "nothing is due before PingInterval");
        n.loop.advance(15_000);
        assertFalse(n.alpha.graph().snapshot().reachable("beta"));
        assertFalse(n.beta.graph().snapshot().reachable("alpha"));
        assertEquals(List.of("host-up beta 10.99.0.2 655", "host-down beta 10.99.0.2 655"),
                hostLines(n.alphaScripts));
        assertFalse(n.alphaLink.isOpen());
    }

    @Test
    void reconnectingAfterACloseRestoresTheUdpPath() throws Exception {
        TwoNodes n = connected("");
        n.loop.advance(10_000);
        n.betaLink.close();
        n.loop.advance(1_000);
        assertFalse(n.bothReachable());

        n.connect();
        n.loop.runUntilIdle();
        assertTrue(n.bothReachable());
        n.loop.advance(10_000);
        assertTrue(n.alpha.peer("beta").minMtu() > 0, "PMTU discovery ran again");

        n.betaDevice.clear();
        n.alphaDevice.clear();
        long betaUdp = n.counter(n.beta, "udp_in");
        long alphaUdp = n.counter(n.alpha, "udp_in");
        byte[] ab = frame(mac(TwoNodes.BETA_MAC), mac(TwoNodes.ALPHA_MAC), 1, 700);
        byte[] ba = frame(mac(TwoNodes.ALPHA_MAC), mac(TwoNodes.BETA_MAC), 2, 700);
        n.alpha.onDeviceFrame(ByteBuffer.wrap(ab.clone()));
        n.beta.onDeviceFrame(ByteBuffer.wrap(ba.clone()));
        n.loop.runUntilIdle();
        assertFrames(List.of(ab), n.betaDevice);
        assertFrames(List.of(ba), n.alphaDevice);
        assertEquals(betaUdp + 1, n.counter(n.beta, "udp_in"));
        assertEquals(alphaUdp + 1, n.counter(n.alpha, "udp_in"));
        assertEquals(2, n.alphaScripts.count("host-up"));
        assertEquals(2, n.betaScripts.count("host-up"));
    }

    // ---- helpers ----

    private static List<String> subnetLines(RecordingScripts s) {
        return s.calls.stream().filter(c -> c.startsWith("subnet-")).toList();
    }

    private static List<String> hostLines(RecordingScripts s) {
        return s.calls.stream().filter(c -> c.startsWith("host-")).toList();
    }

    /** An Ethernet frame with a local-experimental EtherType and a payload that identifies it. */
    static byte[] frame(byte[] dst, byte[] src, int id, int length) {
        byte[] f = new byte[length];
        System.arraycopy(dst, 0, f, 0, 6);
        System.arraycopy(src, 0, f, 6, 6);
        f[12] = (byte) 0x88;
        f[13] = (byte) 0xb5;
        ByteBuffer.wrap(f, 14, 4).putInt(id);
        for (int i = 18; i < length; i++) {
            f[i] = (byte) (i * 31 + id);
        }
        return f;
    }

    static byte[] mac(String text) {
        String[] parts = text.split(":");
        byte[] m = new byte[6];
        for (int i = 0; i < 6; i++) {
            m[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return m;
    }

    private static void assertFrames(List<byte[]> expected, List<byte[]> actual) {
        assertEquals(expected.size(), actual.size(), "frame count");
        for (int i = 0; i < expected.size(); i++) {
            assertNotNull(actual.get(i));
            assertArrayEquals(expected.get(i), actual.get(i), "frame " + i);
        }
    }

    /** How many of {@code sent} arrived byte-for-byte, each counted once, in any order. */
    private static int delivered(List<byte[]> sent, List<byte[]> received) {
        Set<String> got = new java.util.HashSet<>();
        for (byte[] r : received) {
            got.add(java.util.HexFormat.of().formatHex(r));
        }
        int n = 0;
        for (byte[] s : sent) {
            if (got.contains(java.util.HexFormat.of().formatHex(s))) {
                n++;
            }
        }
        return n;
    }
}
