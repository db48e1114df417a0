package io.jtinc.protocol.meta;

import static io.jtinc.protocol.meta.MetaTestKit.*;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every way a peer gets itself dropped, with tincd's texts, counters and the tarpit flag. */
class MetaRejectionTest {
    private final MetaCounters counters = new MetaCounters();
    private final String beta = "beta (" + REMOTE + ")";

    private MetaConnection responder() {
        return MetaConnection.responder(config("beta", BETA, counters), REMOTE, 0);
    }

    private static ByteBuffer ascii(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    private MetaAction.Close closeOf(List<MetaAction> actions, Rejection expected) {
        MetaAction last = actions.get(actions.size() - 1);
        MetaAction.Close c = assertInstanceOf(MetaAction.Close.class, last, actions::toString);
        assertEquals(expected, c.rejection());
        assertTrue(c.tarpit());
        assertEquals(1, counters.rejections(expected));
        return c;
    }

    /** Feeds the responder "0 alpha 17" through a scripted alpha, then the given lines; returns all actions. */
    @SafeVarargs
    private List<MetaAction> afterId(MetaConnection r, ScriptedPeer alpha, java.util.function.Supplier<ByteBuffer>... more) {
        List<MetaAction> all = new ArrayList<>(r.receive(alpha.line("0 alpha 17"), 1));
        alpha.read(all);
        for (java.util.function.Supplier<ByteBuffer> b : more) {
            List<MetaAction> got = r.receive(b.get(), 2);
            alpha.read(got);
            all.addAll(got);
        }
        return all;
    }

    @Test
    void badVersion() {
        var c = closeOf(responder().receive(ascii("0 alpha 18\n"), 1), Rejection.INCOMPATIBLE_VERSION);
        assertEquals("Peer alpha (" + REMOTE + ") uses incompatible version 18", c.reason());
    }

    @Test
    void peerClaimsOurOwnName() {
        var c = closeOf(responder().receive(ascii("0 beta 17\n"), 1), Rejection.INVALID_NAME);
        assertEquals("Got bad ID from <unknown> (" + REMOTE + "): invalid name", c.reason());
    }

    @Test
    void invalidNameInId() {
        closeOf(responder().receive(ascii("0 al-pha 17\n"), 1), Rejection.INVALID_NAME);
    }

    @Test
    void initiatorReachedTheWrongPeer() {
        MetaConnection a = MetaConnection.initiator(config("alpha", ALPHA, counters), "beta", REMOTE, 0);
        a.start(0);
        var c = closeOf(a.receive(ascii("0 gamma 17\n"), 1), Rejection.WRONG_PEER_NAME);
        assertEquals("Peer " + REMOTE + " is gamma instead of beta", c.reason());
    }

    @Test
    void unknownIdentity() {
        var c = closeOf(responder().receive(ascii("0 gamma 17\n"), 1), Rejection.UNKNOWN_IDENTITY);
        assertEquals("Peer " + REMOTE + " had unknown identity (gamma)", c.reason());
    }

    @Test
    void nullCipher() {
        MetaConnection r = responder();
        ScriptedPeer alpha = new ScriptedPeer(ALPHA, pub(BETA));
        var c = closeOf(afterId(r, alpha, () -> alpha.metaKey(0, 672, 0)), Rejection.NULL_CIPHER);
        assertEquals("alpha (" + REMOTE + ") uses null cipher!", c.reason());
    }

    @Test
    void unknownOrBlockModeCipher() {
        MetaConnection r = responder();
        ScriptedPeer alpha = new ScriptedPeer(ALPHA, pub(BETA));
        closeOf(afterId(r, alpha, () -> alpha.metaKey(427, 672, 0)), Rejection.UNKNOWN_CIPHER);
    }

    @Test
    void nullDigest() {
        MetaConnection r = responder();
        ScriptedPeer alpha = new ScriptedPeer(ALPHA, pub(BETA));
        var c = closeOf(afterId(r, alpha, () -> alpha.metaKey(429, 0, 0)), Rejection.NULL_DIGEST);
        assertEquals("alpha (" + REMOTE + ") uses null digest!", c.reason());
    }

    @Test
    void macLengthAboveDigestSize() {
        MetaConnection r = responder();
        ScriptedPeer alpha = new ScriptedPeer(ALPHA, pub(BETA));
        closeOf(afterId(r, alpha, () -> alpha.metaKey(429, 672, 33)), Rejection.BOGUS_MAC_LENGTH);
    }

    @Test
    void wrongKeyLength() {
        MetaConnection r = responder();
        ScriptedPeer alpha = new ScriptedPeer(ALPHA, pub(BETA));
        var c = closeOf(afterId(r, alpha, () -> alpha.line("1 429 672 0 0 " + "AB".repeat(127))), Rejection.WRONG_KEY_LENGTH);
        assertEquals("Possible intruder alpha (" + REMOTE + "): wrong keylength", c.reason());
    }

    @Test
    void badHexInMetaKey() {
        MetaConnection r = responder();
        ScriptedPeer alpha = new ScriptedPeer(ALPHA, pub(BETA));
        var c = closeOf(afterId(r, alpha, () -> alpha.line("1 429 672 0 0 " + "ZZ".repeat(128))), Rejection.INVALID_HEX);
        assertEquals("Got bad METAKEY from alpha(" + REMOTE + "): invalid key", c.reason());
    }

    /**
     * CVE-2018-16737: the responder must not answer the initiator's challenge before the initiator proved itself.
     * A bogus CHAL_REPLY gets the connection dropped and no "3 " line was ever produced.
     */
    @Test
    void responderNeverRepliesBeforeVerifyingTheInitiator() {
        MetaConnection r = responder();
        ScriptedPeer alpha = new ScriptedPeer(ALPHA, pub(BETA));
        List<MetaAction> all = afterId(r, alpha, () -> alpha.metaKey(429, 672, 0));
        assertEquals("0 beta 17", alpha.received.get(0));
        assertTrue(alpha.received.get(1).startsWith("1 429 672 0 0 "));
        assertTrue(alpha.received.get(2).startsWith("2 "), alpha.received::toString);
        // Our challenge to beta is sized by beta's modulus.
        List<MetaAction> more = r.receive(alpha.line("2 " + "AB".repeat(128)), 3);
        alpha.read(more);
        assertTrue(more.isEmpty(), "the responder stays silent after the initiator's CHALLENGE");
        more = r.receive(alpha.line("3 " + "00".repeat(32)), 4);
        alpha.read(more);
        all.addAll(more);
        var c = closeOf(all, Rejection.WRONG_CHAL_REPLY);
        assertEquals("Possible intruder alpha (" + REMOTE + "): wrong challenge reply", c.reason());
        assertNull(alpha.last("3 "), alpha.received::toString);
        assertEquals(3, alpha.received.size());
    }

    @Test
    void wrongChallengeLength() {
        MetaConnection r = responder();
        ScriptedPeer alpha = new ScriptedPeer(ALPHA, pub(BETA));
        afterId(r, alpha, () -> alpha.metaKey(429, 672, 0));
        closeOf(r.receive(alpha.line("2 ABCD"), 3), Rejection.WRONG_CHALLENGE_LENGTH);
    }

    @Test
    void unauthorizedRequestBeforeAuthentication() {
        var c = closeOf(responder().receive(ascii("8\n"), 1), Rejection.UNAUTHORIZED_REQUEST);
        assertEquals("Unauthorized request from <unknown> (" + REMOTE + ")", c.reason());
    }

    @Test
    void unknownRequestNumber() {
        var c = closeOf(responder().receive(ascii("99\n"), 1), Rejection.UNKNOWN_REQUEST);
        assertEquals("Unknown request from <unknown> (" + REMOTE + ")", c.reason());
    }

    @Test
    void termreqIsUnknownIn1036() {
        closeOf(responder().receive(ascii("7\n"), 1), Rejection.UNKNOWN_REQUEST);
    }

    @Test
    void bogusData() {
        closeOf(responder().receive(ascii("hello\n"), 1), Rejection.BOGUS_DATA);
    }

    @Test
    void overlongLine() {
        MetaConnection r = responder();
        var c = closeOf(r.receive(ascii("0 " + "a".repeat(3000)), 1), Rejection.READ_BUFFER_OVERFLOW);
        assertEquals("Metadata read buffer overflow for <unknown> (" + REMOTE + ")", c.reason());
        assertTrue(r.receive(ascii("0 alpha 17\n"), 2).isEmpty(), "dead after Close");
    }

    @Test
    void packetBeforeActivation() {
        closeOf(responder().receive(ascii("17 5\nabcde"), 1), Rejection.UNAUTHORIZED_PACKET);
    }

    @Test
    void timeoutDuringAuthentication() {
        MetaConnection r = responder();
        assertTrue(r.tick(4_999).isEmpty());
        assertEquals(5_000, r.nextTickAt());
        var c = closeOf(r.tick(5_000), Rejection.AUTH_TIMEOUT);
        assertEquals("Timeout from <unknown> (" + REMOTE + ") during authentication", c.reason());
    }

    @Test
    void handshakeRequestAfterActivation() {
        MetaConnection a = MetaConnection.initiator(config("alpha", ALPHA, counters), "beta", REMOTE, 0);
        MetaConnection b = responder();
        List<MetaAction> toB = a.start(0);
        List<MetaAction> toA = List.of();
        while (!toB.isEmpty() || !toA.isEmpty()) {
            List<MetaAction> nextA = new ArrayList<>();
            for (ByteBuffer x : sends(toB)) {
                nextA.addAll(b.receive(x, 1));
            }
            List<MetaAction> nextB = new ArrayList<>();
            for (ByteBuffer x : sends(toA)) {
                nextB.addAll(a.receive(x, 1));
            }
            toA = nextA;
            toB = nextB;
        }
        assertTrue(a.isActive() && b.isActive());
        List<MetaAction> got = b.receive(sends(a.sendLine("0 alpha 17")).get(0), 2);
        var c = closeOf(got, Rejection.HANDSHAKE_AFTER_ACTIVATION);
        assertTrue(c.reason().startsWith("Unauthorized request from alpha (" + REMOTE + ")"), c.reason());
    }
}
