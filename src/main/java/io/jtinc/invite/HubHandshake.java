package io.jtinc.invite;

import io.jtinc.crypto.KeyGenerator;
import java.nio.ByteBuffer;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The hub's side of one invitation connection, sans-IO: bytes and the time go in, {@link Action}s come out. The
 * meta connection hands over its first line (the one starting "0 ?"); from then on this object owns the socket's
 * input. It never grants mesh privileges: the only thing a joiner can cause is {@link Enrolment#enrol}.
 * Not thread-safe; one owner (the connection's event loop). Time is milliseconds on a monotonic clock.
 */
public final class HubHandshake {
    /** The whole exchange must finish within this, or the connection is closed (and counted). */
    public static final long TIMEOUT_MILLIS = 30_000;

    public sealed interface Action {
    }

    /** Write these bytes. */
    public record Send(byte[] bytes) implements Action {
    }

    /** Close the connection after the sends; {@code reason} is logged at notice level with the peer address. */
    public record Close(String reason, boolean enrolled) implements Action {
    }

    /** The hub's own identity: name and RSA key pair (the same as for the meta protocol). */
    public record Identity(String name, PrivateKey privateKey, RSAPublicKey publicKey) {
    }

    private enum State { FIRST, DATA, DONE }

    private final Identity identity;
    private final Enrolment enrolment;
    private final InviteCounters counters;
    private final SecureRandom random;
    private final long created;
    private final LineReader reader = new LineReader();
    private State state = State.FIRST;
    private Invitation invitation;
    private byte[] transcript;
    private byte[][] keys;

    public HubHandshake(Identity identity, Enrolment enrolment, InviteCounters counters, SecureRandom random,
                        long nowMillis) {
        this.identity = identity;
        this.enrolment = enrolment;
        this.counters = counters;
        this.random = random;
        this.created = nowMillis;
        counters.started.increment();
    }

    public List<Action> receive(ByteBuffer bytes, long nowMillis) {
        List<Action> out = new ArrayList<>(2);
        if (state == State.DONE) {
            bytes.position(bytes.limit());
            return out;
        }
        reader.offer(bytes);
        String line;
        try {
            while (state != State.DONE && (line = reader.next()) != null) {
                if (state == State.FIRST) {
                    first(line, out);
                } else {
                    data(line, out);
                }
            }
        } catch (RuntimeException e) {
            // Peer input must never throw out of the event loop: whatever slipped through is a counted drop.
            counters.malformed.increment();
            close(out, "caused an error and was dropped: " + e, false);
        }
        if (state != State.DONE && reader.overflowed()) {
            counters.malformed.increment();
            close(out, "sent a line longer than " + InviteWire.MAX_LINE + " bytes", false);
        }
        return out;
    }

    public List<Action> tick(long nowMillis) {
        List<Action> out = new ArrayList<>(1);
        if (state != State.DONE && nowMillis - created >= TIMEOUT_MILLIS) {
            counters.timeouts.increment();
            close(out, "did not finish the invitation exchange within " + TIMEOUT_MILLIS / 1000 + " seconds", false);
        }
        return out;
    }

    public boolean done() {
        return state == State.DONE;
    }

    private void first(String line, List<Action> out) {
        String[] f = line.split(" ", -1);
        byte[] joinerEph = f.length == 4 ? InviteCrypto.unb64(f[3]) : null;
        if (f.length != 4 || !f[0].equals("0") || !f[1].startsWith("?") || !f[2].equals(InviteWire.VERSION)
                || joinerEph == null || joinerEph.length != InviteCrypto.X25519_BYTES) {
            counters.malformed.increment();
            close(out, "sent a malformed invitation request", false);
            return;
        }
        String id = f[1].substring(1);
        byte[] myEph = InviteCrypto.x25519Private(random);
        String helloBody = InviteWire.HELLO + " " + InviteCrypto.b64(InviteCrypto.publicDer(identity.publicKey()))
                + " " + InviteCrypto.b64(InviteCrypto.x25519Public(myEph));
        transcript = InviteWire.transcript(line, helloBody);
        byte[] sig = InviteCrypto.sign(identity.privateKey(), transcript);
        out.add(new Send(InviteWire.line(helloBody + " " + InviteCrypto.b64(sig))));
        // The id is a hash of the secret and names a file: only a well-formed one is looked up.
        Optional<Invitation> found = validId(id) ? enrolment.find(id) : Optional.empty();
        if (found.isEmpty()) {
            refuse(out, "unknown invitation (it was never issued by this hub, or was deleted)");
            return;
        }
        byte[] shared = InviteCrypto.x25519Agree(myEph, joinerEph);
        Arrays.fill(myEph, (byte) 0);
        if (shared == null) {
            counters.malformed.increment();
            close(out, "sent an invalid X25519 key", false);
            return;
        }
        invitation = found.get();
        keys = InviteWire.sessionKeys(invitation.keySalt(), shared, transcript);
        Arrays.fill(shared, (byte) 0);
        state = State.DATA;
    }

    static boolean validId(String id) {
        byte[] b = InviteCrypto.unb64(id);
        return b != null && b.length == 32;
    }

    private void data(String line, List<Action> out) {
        if (line.startsWith(InviteWire.NO + " ")) {
            String why = InviteWire.textOf(line.substring(3));
            counters.joinerAborted.increment();
            close(out, "refused us: " + (why == null ? "(no reason)" : why), false);
            return;
        }
        byte[] ct = line.startsWith(InviteWire.DATA + " ") ? InviteCrypto.unb64(line.substring(5)) : null;
        byte[] plain = ct == null ? null : InviteCrypto.open(keys[0], InviteWire.AAD_JOINER, ct);
        if (plain == null) {
            // GCM's tag check is constant-time: it is what proves the joiner holds the secret.
            counters.badSecret.increment();
            refuse(out, "could not decrypt the joiner's message: wrong invitation secret, or the message was "
                    + "tampered with");
            return;
        }
        Map<String, String> kv = KeyValues.parse(plain);
        byte[] der = kv == null || kv.get("PublicKey") == null ? null : InviteCrypto.unb64(kv.get("PublicKey"));
        RSAPublicKey key = der == null ? null : InviteCrypto.rsaFromDer(der);
        if (key == null || InviteCrypto.bits(key) < KeyGenerator.MIN_BITS
                || InviteCrypto.bits(key) > KeyGenerator.MAX_BITS) {
            counters.malformed.increment();
            refuse(out, "the joiner's public key is missing or not an RSA key of " + KeyGenerator.MIN_BITS + ".."
                    + KeyGenerator.MAX_BITS + " bits");
            return;
        }
        Enrolment.Outcome outcome = enrolment.enrol(invitation, key);
        if (outcome instanceof Enrolment.Outcome.Refused r) {
            refuse(out, r.message());
            return;
        }
        Map<String, String> answer = ((Enrolment.Outcome.Accepted) outcome).answer();
        byte[] sealed = InviteCrypto.seal(keys[1], InviteWire.AAD_HUB, KeyValues.bytes(answer));
        out.add(new Send(InviteWire.line(InviteWire.DATA + " " + InviteCrypto.b64(sealed))));
        counters.enrolled.increment();
        close(out, "enrolled " + invitation.node() + " with invitation " + shortId(invitation.id())
                + answer.entrySet().stream().filter(e -> e.getKey().equals("Subnet"))
                        .map(e -> ", delegated " + e.getValue()).findFirst().orElse(""), true);
    }

    /** A refusal the joiner can trust: signed over this session's transcript. */
    private void refuse(List<Action> out, String message) {
        counters.refused.increment();
        String body = InviteWire.NO + " " + InviteWire.b64Text(message);
        byte[] sig = InviteCrypto.sign(identity.privateKey(), InviteWire.refusalTranscript(transcript, body));
        out.add(new Send(InviteWire.line(body + " " + InviteCrypto.b64(sig))));
        String who = invitation == null ? "" : " for " + invitation.node();
        close(out, "refused" + who + ": " + message, false);
    }

    private void close(List<Action> out, String reason, boolean enrolled) {
        state = State.DONE;
        if (keys != null) {
            Arrays.fill(keys[0], (byte) 0);
            Arrays.fill(keys[1], (byte) 0);
        }
        out.add(new Close(reason, enrolled));
    }

    static String shortId(String id) {
        return id.length() > 8 ? id.substring(0, 8) + "…" : id;
    }
}
