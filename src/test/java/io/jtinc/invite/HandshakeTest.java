package io.jtinc.invite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jtinc.config.NetDirectory;
import io.jtinc.crypto.KeyGenerator;
import io.jtinc.crypto.RsaKeyPem;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both ends of the invitation exchange in memory, with the hub's real file-backed enrolment. */
class HandshakeTest {
    private static KeyPair hubKeys;
    private static KeyPair otherHubKeys;
    private static KeyPair joinerKeys;

    @TempDir
    Path confbase;
    private NetDirectory dir;
    private HubSettings hub;
    private final AtomicLong wallClock = new AtomicLong(1_700_000_000_000L);
    private final List<List<String>> routes = new ArrayList<>();
    private final InviteCounters counters = new InviteCounters();
    private final SecureRandom random = new SecureRandom();

    @BeforeAll
    static void keys() throws Exception {
        hubKeys = KeyGenerator.generate(2048);
        otherHubKeys = KeyGenerator.generate(2048);
        joinerKeys = KeyGenerator.generate(2048);
    }

    @BeforeEach
    void hub() throws Exception {
        dir = NetDirectory.of(null, confbase);
        Files.createDirectories(dir.hostsDir());
        Files.writeString(dir.hostFile("hub"), "Address = 198.51.100.1\n\n"
                + RsaKeyPem.publicKeyPem((RSAPublicKey) hubKeys.getPublic()));
        hub = new HubSettings(dir, "mesh", "hub", (RSAPublicKey) hubKeys.getPublic(), Optional.empty(), "655",
                Optional.of(Ipv6Prefix.parse("2001:db8:85a3:ef00::/56")),
                Optional.of(Ipv6Prefix.parse("2001:db8:85a3:ef00::/64")));
    }

    private InviteUrl invite(String node, long validMillis, boolean force, KeyPair signer) throws Exception {
        InvitationStore.Issued issued = new InvitationStore(dir).create(node, wallClock.get() + validMillis, force,
                hub.prefix(), hub.transfer(), dir.hostsDir(), random, wallClock.get());
        return new InviteUrl("198.51.100.1", 655, "mesh", InviteCrypto.fingerprint((RSAPublicKey) signer.getPublic()),
                issued.secret());
    }

    private HubHandshake hubSide(KeyPair keys) {
        HubEnrolment enrolment = new HubEnrolment(hub, wallClock::get, routes::add);
        return new HubHandshake(new HubHandshake.Identity("hub", keys.getPrivate(), (RSAPublicKey) keys.getPublic()),
                enrolment, counters, random, 0);
    }

    /** What each side ended with, and the hub's log reason. */
    record Result(JoinHandshake.Action joiner, String hubReason, boolean enrolled) {
    }

    /** Pumps bytes between the two ends until both are done; tamper may change hub-bound bytes. */
    private Result run(InviteUrl url, HubHandshake h, java.util.function.UnaryOperator<byte[]> tamperToHub) {
        return run(new JoinHandshake(url, (RSAPublicKey) joinerKeys.getPublic(), random), h, tamperToHub);
    }

    private Result run(JoinHandshake j, HubHandshake h, java.util.function.UnaryOperator<byte[]> tamperToHub) {
        List<byte[]> toHub = new ArrayList<>(List.of(j.start()));
        JoinHandshake.Action joinerEnd = null;
        String hubReason = null;
        boolean enrolled = false;
        for (int round = 0; round < 10 && (joinerEnd == null || hubReason == null); round++) {
            List<byte[]> toJoiner = new ArrayList<>();
            for (byte[] b : toHub) {
                for (HubHandshake.Action a : h.receive(ByteBuffer.wrap(tamperToHub.apply(b)), 0)) {
                    if (a instanceof HubHandshake.Send s) {
                        toJoiner.add(s.bytes());
                    } else if (a instanceof HubHandshake.Close c) {
                        hubReason = c.reason();
                        enrolled = c.enrolled();
                    }
                }
            }
            toHub.clear();
            for (byte[] b : toJoiner) {
                for (JoinHandshake.Action a : j.receive(ByteBuffer.wrap(b))) {
                    if (a instanceof JoinHandshake.Send s) {
                        toHub.add(s.bytes());
                    } else if (joinerEnd == null) {
                        joinerEnd = a;
                    }
                }
            }
            if (toJoiner.isEmpty() && joinerEnd == null && hubReason != null) {
                joinerEnd = j.closed().get(0);
            }
        }
        return new Result(joinerEnd, hubReason, enrolled);
    }

    private Result run(InviteUrl url, HubHandshake h) {
        return run(url, h, b -> b);
    }

    private static String failure(Result r) {
        return assertInstanceOf(JoinHandshake.Failed.class, r.joiner(), String.valueOf(r.joiner())).message();
    }

    @Test
    void successWritesTheHostFileRoutesAndAnswersTheAssignment() throws Exception {
        Result r = run(invite("node_one", 3_600_000, false, hubKeys), hubSide(hubKeys));
        JoinHandshake.Enrolled e = assertInstanceOf(JoinHandshake.Enrolled.class, r.joiner());
        assertTrue(r.enrolled(), r.hubReason());
        assertEquals("mesh", e.answer().get("Net"));
        assertEquals("node_one", e.answer().get("Node"));
        assertEquals("hub", e.answer().get("HubName"));
        assertEquals("2001:db8:85a3:ef01::/64", e.answer().get("Subnet"));
        assertEquals("2001:db8:85a3:ef00::2/64", e.answer().get("Address"));
        assertEquals("2001:db8:85a3:ef00::1", e.answer().get("HubAddress"));
        String host = Files.readString(dir.hostFile("node_one"));
        assertTrue(host.contains("Subnet = 2001:db8:85a3:ef00::2/128"), host);
        assertTrue(host.contains("Subnet = 2001:db8:85a3:ef01::/64"), host);
        assertEquals(joinerKeys.getPublic(), RsaKeyPem.readPublicKey(dir.hostFile("node_one")));
        assertEquals(List.of(List.of("ip", "-6", "route", "replace", "2001:db8:85a3:ef01::/64", "via",
                "2001:db8:85a3:ef00::2")), routes);
        String up = Files.readString(dir.script("tinc-up"));
        assertTrue(up.contains("ip -6 route replace 2001:db8:85a3:ef01::/64 via 2001:db8:85a3:ef00::2"), up);
        assertEquals(1, counters.enrolled.sum());
    }

    @Test
    void reusingTheUrlIsRefusedOnBothSides() throws Exception {
        InviteUrl url = invite("node_one", 3_600_000, false, hubKeys);
        assertInstanceOf(JoinHandshake.Enrolled.class, run(url, hubSide(hubKeys)).joiner());
        Result again = run(url, hubSide(hubKeys));
        assertTrue(failure(again).contains("the hub refused the invitation: the invitation for node_one was "
                + "already used"), failure(again));
        assertTrue(again.hubReason().contains("already used"), again.hubReason());
        assertFalse(again.enrolled());
    }

    @Test
    void anExpiredInvitationIsRefusedOnBothSides() throws Exception {
        InviteUrl url = invite("node_one", 1000, false, hubKeys);
        wallClock.addAndGet(2000);
        Result r = run(url, hubSide(hubKeys));
        assertTrue(failure(r).contains("expired"), failure(r));
        assertTrue(r.hubReason().contains("expired"), r.hubReason());
        assertFalse(Files.exists(dir.hostFile("node_one")));
    }

    @Test
    void aWrongSecretIsRefusedAndNothingIsWritten() throws Exception {
        InviteUrl good = invite("node_one", 3_600_000, false, hubKeys);
        // The right id (the hub finds the file) but another secret: what someone who saw only the id has.
        InviteUrl wrong = new InviteUrl(good.host(), good.port(), good.net(), good.fingerprint(), flip(good.secret()));
        String rightId = InviteCrypto.invitationId(good.secret());
        Result r = run(new JoinHandshake(wrong, (RSAPublicKey) joinerKeys.getPublic(), random, rightId),
                hubSide(hubKeys), b -> b);
        assertTrue(r.hubReason().contains("wrong invitation secret"), r.hubReason());
        assertTrue(failure(r).contains("wrong invitation secret"), failure(r));
        assertFalse(Files.exists(dir.hostFile("node_one")));
        assertFalse(new InvitationStore(dir).isUsed(rightId));
        assertEquals(1, counters.badSecret.sum());
    }

    private static byte[] flip(byte[] b) {
        byte[] c = b.clone();
        c[0] ^= 1;
        return c;
    }

    @Test
    void anUnknownInvitationIsRefusedWithASignedMessage() throws Exception {
        InviteUrl good = invite("node_one", 3_600_000, false, hubKeys);
        InviteUrl unknown = new InviteUrl(good.host(), good.port(), good.net(), good.fingerprint(),
                flip(good.secret()));
        Result r = run(unknown, hubSide(hubKeys));
        assertTrue(failure(r).contains("the hub refused the invitation: unknown invitation"), failure(r));
        assertTrue(r.hubReason().contains("unknown invitation"), r.hubReason());
    }

    @Test
    void aHubWithAnotherKeyIsNotOurHub() throws Exception {
        InviteUrl url = invite("node_one", 3_600_000, false, hubKeys);
        Result r = run(url, hubSide(otherHubKeys));
        assertTrue(failure(r).startsWith("not our hub"), failure(r));
        assertTrue(r.hubReason().contains("refused us: not our hub"), r.hubReason());
        assertFalse(Files.exists(dir.hostFile("node_one")));
        assertEquals(1, counters.joinerAborted.sum());
    }

    @Test
    void tamperedCiphertextIsRefusedAndDoesNotUseTheInvitation() throws Exception {
        InviteUrl url = invite("node_one", 3_600_000, false, hubKeys);
        Result r = run(url, hubSide(hubKeys), b -> {
            String s = new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
            if (!s.startsWith("DATA ")) {
                return b;
            }
            char c = s.charAt(10);
            return (s.substring(0, 10) + (c == 'A' ? 'B' : 'A') + s.substring(11))
                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        });
        assertTrue(r.hubReason().contains("tampered"), r.hubReason());
        assertTrue(failure(r).contains("tampered"), failure(r));
        assertFalse(Files.exists(dir.hostFile("node_one")));
        // The real joiner can still use its URL afterwards.
        assertInstanceOf(JoinHandshake.Enrolled.class, run(url, hubSide(hubKeys)).joiner());
    }

    @Test
    void aReplayedJoinerMessageFailsInANewSession() throws Exception {
        InviteUrl url = invite("node_one", 3_600_000, false, hubKeys);
        List<byte[]> recorded = new ArrayList<>();
        assertInstanceOf(JoinHandshake.Enrolled.class, run(url, hubSide(hubKeys), b -> {
            recorded.add(b);
            return b;
        }).joiner());
        HubHandshake h = hubSide(hubKeys);
        List<HubHandshake.Action> out = new ArrayList<>();
        for (byte[] b : recorded) {
            out.addAll(h.receive(ByteBuffer.wrap(b), 0));
        }
        HubHandshake.Close c = (HubHandshake.Close) out.get(out.size() - 1);
        assertFalse(c.enrolled());
        // New ephemeral keys: the recorded DATA cannot be decrypted in the new session.
        assertTrue(c.reason().contains("wrong invitation secret"), c.reason());
    }

    @Test
    void aNameAlreadyPresentIsRefusedAtInviteUnlessForcedAndForceKeepsTheSlash64() throws Exception {
        InviteUrl url = invite("node_one", 3_600_000, false, hubKeys);
        assertInstanceOf(JoinHandshake.Enrolled.class, run(url, hubSide(hubKeys)).joiner());
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> invite("node_one", 3_600_000, false, hubKeys));
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
        Result again = run(invite("node_one", 3_600_000, true, hubKeys), hubSide(hubKeys));
        assertEquals("2001:db8:85a3:ef01::/64",
                assertInstanceOf(JoinHandshake.Enrolled.class, again.joiner()).answer().get("Subnet"));
    }

    @Test
    void garbageAndOverlongLinesAreCountedDrops() {
        HubHandshake h = hubSide(hubKeys);
        List<HubHandshake.Action> out = h.receive(ByteBuffer.wrap("0 ?x 17.jtinc-invite !!\n".getBytes()), 0);
        assertTrue(((HubHandshake.Close) out.get(0)).reason().contains("malformed"));
        HubHandshake h2 = hubSide(hubKeys);
        out = h2.receive(ByteBuffer.wrap(new byte[InviteWire.MAX_LINE + 10]), 0);
        assertTrue(((HubHandshake.Close) out.get(0)).reason().contains("longer than"));
        HubHandshake h3 = hubSide(hubKeys);
        assertTrue(h3.tick(HubHandshake.TIMEOUT_MILLIS - 1).isEmpty());
        assertTrue(((HubHandshake.Close) h3.tick(HubHandshake.TIMEOUT_MILLIS).get(0)).reason().contains("within"));
        assertEquals(2, counters.malformed.sum());
        assertEquals(1, counters.timeouts.sum());
    }
}
