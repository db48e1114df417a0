package io.jtinc.invite;

import io.jtinc.crypto.ConstantTime;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The joining node's side of the invitation exchange, sans-IO. {@link #start} gives the first line; every
 * {@link #receive} may give bytes to send and, at the end, exactly one {@link Enrolled} or {@link Failed}.
 * The hub is trusted only after its key matches the URL's fingerprint and it signed this session's transcript.
 */
public final class JoinHandshake {
    public sealed interface Action {
    }

    public record Send(byte[] bytes) implements Action {
    }

    /** The hub's answer (Net, Node, HubName, HubHost, and Subnet/Address/HubAddress/Prefix when delegating). */
    public record Enrolled(Map<String, String> answer) implements Action {
    }

    /** Why it did not work, for the user; also sent to the hub when we are the side that refuses. */
    public record Failed(String message) implements Action {
    }

    private enum State { HELLO, ANSWER, DONE }

    private final InviteUrl url;
    private final String id;
    private final RSAPublicKey myKey;
    private final byte[] myEph;
    private final LineReader reader = new LineReader();
    private String firstLine;
    private State state = State.HELLO;
    private RSAPublicKey hubKey;
    private byte[] transcript;
    private byte[][] keys;

    public JoinHandshake(InviteUrl url, RSAPublicKey myKey, SecureRandom random) {
        this(url, myKey, random, InviteCrypto.invitationId(url.secret()));
    }

    /** With another id than the secret's: only tests use it, to play someone who saw the id but lacks the secret. */
    JoinHandshake(InviteUrl url, RSAPublicKey myKey, SecureRandom random, String id) {
        this.id = id;
        this.url = url;
        this.myKey = myKey;
        this.myEph = InviteCrypto.x25519Private(random);
    }

    public byte[] start() {
        firstLine = InviteWire.firstLine(id, InviteCrypto.x25519Public(myEph));
        return InviteWire.line(firstLine);
    }

    public List<Action> receive(ByteBuffer bytes) {
        List<Action> out = new ArrayList<>(2);
        reader.offer(bytes);
        String line;
        while (state != State.DONE && (line = reader.next()) != null) {
            if (state == State.HELLO) {
                hello(line, out);
            } else {
                answer(line, out);
            }
        }
        if (state != State.DONE && reader.overflowed()) {
            fail(out, "the hub sent a line longer than " + InviteWire.MAX_LINE + " bytes", true);
        }
        return out;
    }

    /** The connection closed before the exchange finished. */
    public List<Action> closed() {
        List<Action> out = new ArrayList<>(1);
        if (state != State.DONE) {
            fail(out, state == State.HELLO
                    ? "the hub closed the connection without answering (is it a jtinc hub, and is this its meta port?)"
                    : "the hub closed the connection before answering", false);
        }
        return out;
    }

    private void hello(String line, List<Action> out) {
        String[] f = line.split(" ", -1);
        if (f.length != 4 || !f[0].equals(InviteWire.HELLO)) {
            fail(out, "the server at " + url.host() + " port " + url.port() + " does not speak the jtinc invitation "
                    + "protocol (got '" + InviteWire.sanitize(line.length() > 60 ? line.substring(0, 60) : line) + "')",
                    true);
            return;
        }
        byte[] der = InviteCrypto.unb64(f[1]);
        byte[] eph = InviteCrypto.unb64(f[2]);
        byte[] sig = InviteCrypto.unb64(f[3]);
        RSAPublicKey key = der == null ? null : InviteCrypto.rsaFromDer(der);
        if (key == null || eph == null || sig == null) {
            fail(out, "the hub's HELLO is malformed", true);
            return;
        }
        String fp = InviteCrypto.fingerprint(key);
        if (!ConstantTime.equals(fp.getBytes(StandardCharsets.US_ASCII), url.fingerprint().getBytes(StandardCharsets.US_ASCII))) {
            fail(out, "not our hub: the server at " + url.host() + " port " + url.port() + " has key fingerprint "
                    + fp + ", the invitation expects " + url.fingerprint(), true);
            return;
        }
        String body = f[0] + " " + f[1] + " " + f[2];
        transcript = InviteWire.transcript(firstLine, body);
        if (!InviteCrypto.verify(key, transcript, sig)) {
            fail(out, "bad signature: the hub's HELLO is not signed by the key of fingerprint " + fp, true);
            return;
        }
        hubKey = key;
        byte[] shared = InviteCrypto.x25519Agree(myEph, eph);
        Arrays.fill(myEph, (byte) 0);
        if (shared == null) {
            fail(out, "the hub sent an invalid X25519 key", true);
            return;
        }
        keys = InviteWire.sessionKeys(InviteCrypto.keySalt(url.secret()), shared, transcript);
        Arrays.fill(shared, (byte) 0);
        Map<String, String> mine = new LinkedHashMap<>();
        mine.put("Version", "1");
        mine.put("PublicKey", InviteCrypto.b64(InviteCrypto.publicDer(myKey)));
        byte[] sealed = InviteCrypto.seal(keys[0], InviteWire.AAD_JOINER, KeyValues.bytes(mine));
        out.add(new Send(InviteWire.line(InviteWire.DATA + " " + InviteCrypto.b64(sealed))));
        state = State.ANSWER;
    }

    private void answer(String line, List<Action> out) {
        String[] f = line.split(" ", -1);
        if (f.length == 3 && f[0].equals(InviteWire.NO)) {
            byte[] sig = InviteCrypto.unb64(f[2]);
            String message = InviteWire.textOf(f[1]);
            boolean genuine = sig != null && message != null && InviteCrypto.verify(hubKey,
                    InviteWire.refusalTranscript(transcript, f[0] + " " + f[1]), sig);
            fail(out, genuine ? "the hub refused the invitation: " + message
                    : "got a refusal that the hub did not sign (ignored as tampering); giving up", false);
            return;
        }
        byte[] ct = f.length == 2 && f[0].equals(InviteWire.DATA) ? InviteCrypto.unb64(f[1]) : null;
        byte[] plain = ct == null ? null : InviteCrypto.open(keys[1], InviteWire.AAD_HUB, ct);
        Map<String, String> kv = plain == null ? null : KeyValues.parse(plain);
        if (kv == null || kv.get("Net") == null || kv.get("Node") == null || kv.get("HubName") == null
                || kv.get("HubHost") == null) {
            fail(out, "the hub's answer could not be decrypted or is incomplete (tampered with?)", true);
            return;
        }
        state = State.DONE;
        out.add(new Enrolled(kv));
    }

    private void fail(List<Action> out, String message, boolean tellHub) {
        if (tellHub) {
            out.add(new Send(InviteWire.line(InviteWire.NO + " " + InviteWire.b64Text(message))));
        }
        state = State.DONE;
        out.add(new Failed(message));
    }
}
