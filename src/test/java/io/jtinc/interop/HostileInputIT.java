package io.jtinc.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jtinc.crypto.RsaKeyPem;
import io.jtinc.protocol.meta.AuthConfig;
import io.jtinc.protocol.meta.ConnectionOptions;
import io.jtinc.protocol.meta.MetaCounters;
import io.jtinc.protocol.meta.PeerCredentials;
import io.jtinc.protocol.meta.PeerLookup;
import io.jtinc.testsupport.InNamespace;
import io.jtinc.testsupport.Sh;
import io.jtinc.testsupport.TincMesh;
import io.jtinc.testsupport.TincMesh.Impl;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 3, acceptance 7: bad input while other peers' traffic keeps flowing. A jtincd hub serves a jtincd peer
 * (ping6 every 0.2 s throughout); an attacker namespace on the same bridge, holding the key of a node the hub
 * trusts ("mallory"), sends malformed and hostile meta lines before and after authentication and junk, truncated,
 * bit-flipped and replayed UDP datagrams. The hub must stay up, keep the peer, and count every drop by its reason
 * in the USR1/USR2 "Counters:" block.
 */
@Tag("netns")
class HostileInputIT {
    private static final String HUB_IP = "10.77.0.1";
    private static final InetSocketAddress HUB = new InetSocketAddress(HUB_IP, 655);
    private static final int HUB_RSA_HEX = 512; // 2048-bit key: RSA_size 256 bytes

    /** One authenticated hostile line: what we send, whether the hub must drop the connection, and the counter. */
    record Line(String what, String text, boolean fatal, String counter) {
    }

    @Test
    void hubSurvivesAndCountsHostileInput() throws Exception {
        try (TincMesh mesh = new TincMesh("switch")) {
            TincMesh.Node hub = mesh.add("hub", Impl.JTINC).up("ip -6 addr add fd7a:77::1/64 dev $INTERFACE nodad");
            TincMesh.Node peer = mesh.add("peer", Impl.JTINC).connectTo("hub")
                    .up("ip -6 addr add fd7a:77::2/64 dev $INTERFACE nodad");
            TincMesh.Node mallory = mesh.add("mallory", Impl.JTINC).noDaemon();
            mesh.configure();
            mesh.start(5);
            mesh.awaitPing(peer, "fd7a:77::1", 30_000);
            Thread.sleep(3000); // PMTU discovery: the peer's traffic moves to UDP, so there is something to replay
            Path pingLog = peer.dir.resolve("ping.log");
            Process ping = peer.ns.start(List.of("ping6", "-i", "0.2", "-W", "1", "fd7a:77::1"), pingLog);
            Path pcap = hub.dir.resolve("peer-udp.pcap");
            boolean tcpdump = Sh.which("tcpdump") != null;
            if (tcpdump) {
                hub.ns.start(List.of("tcpdump", "-i", "eth0", "-U", "-n", "-c", "20", "-w", pcap.toString(),
                        "udp and src host 10.77.0.2 and dst port 655"), hub.dir.resolve("tcpdump.log"));
            }
            long started = System.currentTimeMillis();
            AuthConfig auth = attackerAuth(mallory.dir);
            Map<String, Long> expected = new LinkedHashMap<>();
            Outcome outcome;
            try (InNamespace attacker = new InNamespace(mallory.ns)) {
                outcome = attack(attacker, auth, expected, pcap, tcpdump, mallory.underlayIp);
            } catch (Exception | AssertionError e) {
                throw new AssertionError(e + "\n--- hub log (tail):\n" + tail(hubLog(hub)), e);
            }
            int reconnects = outcome.reconnects();
            HostileUdp.Sent udp = outcome.udp();
            Thread.sleep(500);

            long hubPid = hub.pid();
            assertTrue(ProcessHandle.of(hubPid).map(ProcessHandle::isAlive).orElse(false),
                    "the hub is still running\n" + hubLog(hub));
            Sh.ok("kill", "-USR1", Long.toString(hubPid));
            Sh.ok("kill", "-USR2", Long.toString(hubPid));
            io.jtinc.testsupport.Jtincd.await(() -> count(hubLog(hub), "End of counters.") >= 2, 10_000,
                    "both dumps", null);
            String log = hubLog(hub);
            Map<String, Long> counters = lastCounters(log);
            System.out.println("hub counters after the attack: " + counters);
            System.out.println("mallory reconnected " + reconnects + " times");

            // The peer's connection survived everything (USR1 lists it as active).
            assertTrue(Pattern.compile("(?m) peer at .* active$").matcher(log).find(), "peer still connected\n" + log);
            assertFalse(log.contains("Exception"), "no exception escaped a handler\n" + tail(log));

            // UDP: every kind shows in its own counter.
            expected.merge("udp_drop_replayed", (long) udp.replayedFromKnown + udp.replayedFromStranger
                    + udp.capturedReplays, Long::sum);
            expected.merge("udp_drop_bad_mac", (long) udp.bitFlippedFromKnown, Long::sum);
            expected.merge("udp_drop_unknown_source", (long) udp.randomFromStranger * 9 / 10, Long::sum);
            for (Map.Entry<String, Long> e : expected.entrySet()) {
                long got = counters.getOrDefault(e.getKey(), -1L);
                assertTrue(got >= e.getValue(), e.getKey() + ": expected at least " + e.getValue() + ", got " + got
                        + "\n" + counters);
            }
            long junkFromKnown = udp.truncatedFromKnown + udp.randomFromKnown;
            // Once mallory's connection is closed by a fatal line its key is gone, so its junk may land in no_key or
            // unknown_source instead of bad_mac/other; and the kernel itself may drop a few datagrams of a burst
            // when the socket buffer is full. So: at least 95 % of the junk is accounted for somewhere.
            long knownDrops = counters.get("udp_drop_bad_mac") + counters.get("udp_drop_other")
                    + counters.get("udp_drop_no_key") + counters.get("udp_drop_unknown_source")
                    - udp.bitFlippedFromKnown - udp.randomFromStranger;
            assertTrue(knownDrops >= junkFromKnown * 95 / 100, "truncated and random datagrams from mallory's "
                    + "address are dropped and counted: " + knownDrops + " < 95% of " + junkFromKnown);

            // Traffic kept flowing: at least 95 % of the pings during the attack were answered.
            long seconds = (System.currentTimeMillis() - started) / 1000;
            Sh.run("kill", "-INT", Long.toString(ping.pid()));
            ping.waitFor();
            String pings = Files.readString(pingLog, StandardCharsets.ISO_8859_1);
            Matcher m = Pattern.compile("(\\d+) packets transmitted, (\\d+) received").matcher(pings);
            assertTrue(m.find(), pings);
            long sent = Long.parseLong(m.group(1));
            long answered = Long.parseLong(m.group(2));
            System.out.println("ping6 during " + seconds + " s of attack: " + answered + "/" + sent + " answered");
            assertTrue(sent >= seconds * 3, "ping6 kept sending: " + sent);
            assertTrue(answered * 100 >= sent * 95, "traffic kept flowing: " + answered + "/" + sent + "\n" + pings);
            assertEquals(0, peer.run("ping6", "-c", "2", "-W", "2", "fd7a:77::1").status(), "peer still reaches hub");
        }
    }

    record Outcome(int reconnects, HostileUdp.Sent udp) {
    }

    private Outcome attack(InNamespace attacker, AuthConfig auth, Map<String, Long> expected, Path pcap,
            boolean tcpdump, String malloryIp) throws Exception {
        attacker.call(() -> beforeAuthentication(expected), 60);
        int reconnects = attacker.call(() -> afterAuthentication(auth, expected, malloryIp), 90);
        List<byte[]> captured = HostileUdp.udpPayloads(pcap);
        System.out.println("captured " + captured.size() + " real datagrams peer -> hub for replay");
        if (tcpdump) {
            assertTrue(captured.size() >= 5, "tcpdump captured the peer's UDP traffic: " + captured.size());
        }
        HostileUdp.Sent udp = attacker.call(() -> {
            try (MallorySession m = MallorySession.open(auth, HUB, malloryIp)) {
                assertTrue(m.awaitAnsKey(5000) != null, "the hub sends mallory a data key");
                m.pump(300);
                return new HostileUdp(HUB).run(m.ansKey, new InetSocketAddress(malloryIp, 655), captured);
            }
        }, 60);
        return new Outcome(reconnects, udp);
    }

    // ---- before authentication: raw TCP connections ----

    private Void beforeAuthentication(Map<String, Long> expected) throws Exception {
        // An idle connection that never speaks: closed at PingTimeout (5 s) during authentication.
        Socket idle = new Socket();
        idle.connect(HUB, 3000);
        long idleSince = System.currentTimeMillis();
        String zeros = "00".repeat(HUB_RSA_HEX / 2);
        String id = "0 mallory 17\n";
        byte[] garbage = new byte[300];
        new Random(1).nextBytes(garbage);
        garbage[0] = (byte) 0xfe; // not a digit: "Bogus data"
        for (int i = 0; i < garbage.length; i++) {
            if (garbage[i] == '\n' || garbage[i] == 0) {
                garbage[i] = 'x';
            }
        }
        garbage[garbage.length - 1] = '\n';
        raw("overlong line", "A".repeat(3000).getBytes(StandardCharsets.ISO_8859_1), "meta_READ_BUFFER_OVERFLOW",
                expected);
        raw("wrong version", "0 mallory 16\n", "meta_INCOMPATIBLE_VERSION", expected);
        raw("the hub's own name", "0 hub 17\n", "meta_INVALID_NAME", expected);
        raw("invalid name", "0 mal-lory 17\n", "meta_INVALID_NAME", expected);
        raw("unknown node", "0 nosuchnode 17\n", "meta_UNKNOWN_IDENTITY", expected);
        raw("unknown request", "99\n", "meta_UNKNOWN_REQUEST", expected);
        raw("TERMREQ", "7\n", "meta_UNKNOWN_REQUEST", expected);
        raw("garbage bytes", garbage, "meta_BOGUS_DATA", expected);
        raw("ACK before ID", "4 655 1 c\n", "meta_UNAUTHORIZED_REQUEST", expected);
        raw("PACKET before ID", "17 64\n", "meta_UNAUTHORIZED_PACKET", expected);
        raw("null cipher", id + "1 0 672 0 0 " + zeros + "\n", "meta_NULL_CIPHER", expected);
        raw("unknown cipher", id + "1 4242 672 0 0 " + zeros + "\n", "meta_UNKNOWN_CIPHER", expected);
        raw("null digest", id + "1 429 0 0 0 " + zeros + "\n", "meta_NULL_DIGEST", expected);
        raw("bad hex METAKEY", id + "1 429 672 0 0 " + "ZZ".repeat(HUB_RSA_HEX / 2) + "\n", "meta_INVALID_HEX",
                expected);
        raw("short METAKEY", id + "1 429 672 0 0 ABCD\n", "meta_WRONG_KEY_LENGTH", expected);
        raw("CHALLENGE instead of METAKEY", id + "2 " + zeros + "\n", "meta_UNAUTHORIZED_REQUEST", expected);

        // A burst of 50 connections: from the 10th within a second on they go straight to the tarpit.
        List<Socket> burst = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                Socket s = new Socket();
                s.connect(HUB, 3000);
                burst.add(s);
            }
        } finally {
            for (Socket s : burst) {
                s.close();
            }
        }
        expected.merge("accept_throttled", 30L, Long::sum);
        expected.merge("tarpitted", 30L, Long::sum);
        Thread.sleep(Math.max(1100, 6000 - (System.currentTimeMillis() - idleSince)));
        idle.close();
        expected.merge("meta_AUTH_TIMEOUT", 1L, Long::sum);
        return null;
    }

    private void raw(String what, String text, String counter, Map<String, Long> expected) throws Exception {
        raw(what, text.getBytes(StandardCharsets.ISO_8859_1), counter, expected);
    }

    /** One connection, one hostile input; read what the hub says for a while so our close is not a reset. */
    private void raw(String what, byte[] bytes, String counter, Map<String, Long> expected) throws Exception {
        try (Socket s = new Socket()) {
            s.connect(HUB, 3000);
            s.getOutputStream().write(bytes);
            s.setSoTimeout(250);
            InputStream in = s.getInputStream();
            byte[] buf = new byte[4096];
            try {
                while (in.read(buf) >= 0) {
                    // drain: the hub's ID and METAKEY, then silence (tarpit)
                }
            } catch (SocketTimeoutException e) {
                // the pace of these connections also keeps us under the accept throttle (10 per second)
            }
        }
        expected.merge(counter, 1L, Long::sum);
        System.out.println("sent before authentication: " + what + " -> " + counter);
    }

    // ---- after authentication: lines inside mallory's encrypted meta connection ----

    private Integer afterAuthentication(AuthConfig auth, Map<String, Long> expected, String malloryIp)
            throws Exception {
        String hex96 = "0123456789ABCDEF".repeat(6); // key+IV of aes-256-cbc: 48 bytes
        String binary = "\u00fe\u0001\u0080garbage\u00ff\u0007\u00c3\u00a9";
        List<Line> lines = List.of(
                new Line("DEL_EDGE for unknown nodes", "13 1001 ghost1 ghost2", false, "graph_del_edge_unknown"),
                new Line("the same DEL_EDGE again", "13 1001 ghost1 ghost2", false, "graph_duplicates"),
                new Line("DEL_SUBNET for an unknown owner", "11 1002 ghost 10.9.9.9", false,
                        "graph_del_subnet_unknown"),
                new Line("KEY_CHANGED from an unknown origin", "14 1003 ghost", false,
                        "graph_key_changed_unknown_origin"),
                new Line("ADD_EDGE for the hub that does not exist", "12 1004 hub ghost 10.0.0.9 655 0 1", false,
                        "graph_contradicting_add_edge"),
                new Line("DEL_EDGE for the hub's own edge", "13 1005 hub peer", false, "graph_contradicting_del_edge"),
                new Line("REQ_KEY from an unknown node", "15 ghost hub", false, "bad_requests"),
                new Line("REQ_KEY for an unknown node", "15 mallory ghost", false, "key_unroutable"),
                new Line("ANS_KEY from an unknown node", "16 ghost hub " + hex96 + " 427 672 4 0", false,
                        "bad_requests"),
                new Line("ANS_KEY for an unknown node", "16 mallory ghost " + hex96 + " 427 672 4 0", false,
                        "key_unroutable"),
                new Line("ANS_KEY with bad hex", "16 mallory hub " + "ZZ".repeat(48) + " 427 672 4 0", false,
                        "key_rejections"),
                new Line("ANS_KEY with a wrong key length", "16 mallory hub ABCD 427 672 4 0", false,
                        "key_rejections"),
                new Line("ANS_KEY with an unknown cipher", "16 mallory hub " + hex96 + " 4242 672 4 0", false,
                        "key_rejections"),
                new Line("ANS_KEY with a bogus MAC length", "16 mallory hub " + hex96 + " 427 672 99 0", false,
                        "key_rejections"),
                new Line("PACKET of 1700 bytes", "17 1700\n" + "x".repeat(1699), false, "meta_oversized_packets"),
                new Line("ADD_EDGE with a bad name", "12 2001 gh-ost peer 10.0.0.1 655 0 1", true,
                        "meta_INVALID_NAME"),
                new Line("ADD_EDGE from == to", "12 2002 ghost ghost 10.0.0.1 655 0 1", true, "meta_INVALID_NAME"),
                new Line("ADD_EDGE missing fields", "12 2003 ghost1 ghost2 10.0.0.1", true, "meta_BAD_REQUEST"),
                new Line("ADD_EDGE with a bad hex nonce", "12 zz ghost1 ghost2 10.0.0.1 655 0 1", true,
                        "meta_BAD_REQUEST"),
                new Line("ADD_SUBNET of 1200 characters", "10 2004 mallory " + "1".repeat(1200), true,
                        "graph_fatal"),
                new Line("ADD_SUBNET invalid", "10 2005 mallory 10.0.0.300/33", true, "graph_fatal"),
                new Line("DEL_SUBNET invalid", "11 2006 mallory fe80::zz/200", true, "graph_fatal"),
                new Line("ADD_SUBNET token over 2048", "10 2007 mallory " + "1".repeat(2100), true,
                        "meta_BAD_REQUEST"),
                new Line("KEY_CHANGED with a bad name", "14 2008 bad-name", true, "meta_INVALID_NAME"),
                new Line("ANS_KEY with a bad name", "16 bad-name hub 00 427 672 4 0", true, "meta_INVALID_NAME"),
                new Line("PACKET of 5000 bytes", "17 5000", true, "meta_READ_BUFFER_OVERFLOW"),
                new Line("a 2200-byte line", "9".repeat(2199), true, "meta_READ_BUFFER_OVERFLOW"),
                new Line("ID after activation", "0 mallory 17", true, "meta_HANDSHAKE_AFTER_ACTIVATION"),
                new Line("unknown request", "99", true, "meta_UNKNOWN_REQUEST"),
                new Line("binary garbage", binary, true, "meta_BOGUS_DATA"));
        int reconnects = 0;
        MallorySession m = MallorySession.open(auth, HUB, malloryIp);
        try {
            m.pump(300);
            for (Line l : lines) {
                m.line(l.text());
                boolean alive = m.alive(l.fatal() ? 1000 : 3000);
                System.out.println("sent after authentication: " + l.what() + " -> " + l.counter()
                        + (alive ? "" : " (connection dropped)"));
                assertEquals(!l.fatal(), alive, l.what() + ": connection should " + (l.fatal() ? "" : "not ")
                        + "be dropped");
                expected.merge(l.counter(), 1L, Long::sum);
                if (l.fatal()) {
                    expected.merge("bad_requests", l.counter().startsWith("graph_") ? 1L : 0L, Long::sum);
                    m.close();
                    Thread.sleep(150);
                    m = MallorySession.open(auth, HUB, malloryIp);
                    reconnects++;
                }
            }
        } finally {
            m.close();
        }
        return reconnects;
    }

    /** The client side of mallory: its own key, the hub's public key from hosts/hub. */
    private static AuthConfig attackerAuth(Path dir) throws Exception {
        PeerLookup lookup = name -> {
            try {
                return new PeerCredentials(RsaKeyPem.readPublicKey(dir.resolve("hosts").resolve(name)), null,
                        io.jtinc.protocol.meta.PeerOverrides.NONE);
            } catch (Exception e) {
                throw new PeerLookup.UnknownPeerException(e.getMessage());
            }
        };
        return new AuthConfig("mallory", RsaKeyPem.readPrivateKey(dir.resolve("rsa_key.priv")), 32, "655",
                ConnectionOptions.PMTU_DISCOVERY | ConnectionOptions.CLAMP_MSS, 600_000, 5_000, lookup,
                new MetaCounters(), new SecureRandom());
    }

    // ---- reading the dumps ----

    private static String hubLog(TincMesh.Node hub) {
        try {
            return Files.exists(hub.log) ? Files.readString(hub.log, StandardCharsets.ISO_8859_1) : "";
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    /** The last "Counters:" block: name → value. */
    static Map<String, Long> lastCounters(String log) {
        int start = log.lastIndexOf("Counters:");
        int end = log.indexOf("End of counters.", start);
        Map<String, Long> out = new HashMap<>();
        Matcher m = Pattern.compile("(?m) (\\S+) (\\d+)$").matcher(log.substring(start, end));
        while (m.find()) {
            out.put(m.group(1), Long.parseLong(m.group(2)));
        }
        return new java.util.TreeMap<>(out);
    }

    private static String tail(String log) {
        return log.length() > 20_000 ? log.substring(log.length() - 20_000) : log;
    }
}
