package io.jtinc.protocol.meta;

import io.jtinc.log.Log;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One meta (TCP) connection, sans-IO: bytes and the time go in, {@link MetaAction}s come out. Implements the
 * tincd 1.0.35+ handshake (spec §3.1) and the liveness rules of §10. Not thread-safe: one owner thread (the
 * connection's event loop) calls every method. Time is milliseconds on any monotonic clock.
 * <p>
 * After a {@link MetaAction.Close} the connection is dead and every method returns an empty list.
 */
public final class MetaConnection {
    /** net.h: MAXSIZE = 1518+4+32+64+1518/64+20, the largest frame tincd accepts (CVE-2013-1428). */
    public static final int MAXSIZE = 1661;
    /** tincd's PROT_CURRENT for 1.0.x. */
    public static final int PROTOCOL_VERSION = 17;

    private enum State { ID, METAKEY, CHALLENGE, CHAL_REPLY, ACK, ACTIVE, CLOSED }

    private final AuthConfig cfg;
    private final boolean outgoing;
    private final String remote;
    private final long created;
    private final MetaFramer framer = new MetaFramer();
    private final Handshake handshake;
    private State state = State.ID;
    /** The peer's name: expected name for an initiator, "<unknown>" for a responder until a valid ID. */
    private String name;
    private MetaStreamCipher encryptor;
    private long lastPingTime;
    private boolean pinged;
    /** The "0 ?ID" line of an invitation request, once seen: the connection is handed over (jtinc extension). */
    private String invitationLine;

    private MetaConnection(AuthConfig cfg, boolean outgoing, String name, String remote, long now) {
        this.cfg = cfg;
        this.outgoing = outgoing;
        this.name = name;
        this.remote = remote;
        this.created = now;
        this.lastPingTime = now;
        this.handshake = new Handshake(cfg, this);
    }

    /**
     * We connected to peerName. Create it when connect() is issued (the ACK weight counts from here).
     * @param remote how logs name the socket's peer, tincd style: "10.0.0.2 port 655"
     */
    public static MetaConnection initiator(AuthConfig cfg, String peerName, String remote, long nowMillis) {
        return new MetaConnection(cfg, true, peerName, remote, nowMillis);
    }

    /** The peer connected to us; create it at accept(). */
    public static MetaConnection responder(AuthConfig cfg, String remote, long nowMillis) {
        return new MetaConnection(cfg, false, "<unknown>", remote, nowMillis);
    }

    /** Initiator: sends our ID. Responder: nothing (1.0.35+ responders speak only after a valid ID). */
    public List<MetaAction> start(long nowMillis) {
        List<MetaAction> out = new ArrayList<>(1);
        if (outgoing && state == State.ID) {
            send(out, new MetaRequest.Id(cfg.myName(), PROTOCOL_VERSION).format());
        }
        return out;
    }

    /** Handles received bytes; consumes all of raw (unless the connection closes), never modifies its content. */
    public List<MetaAction> receive(ByteBuffer raw, long nowMillis) {
        List<MetaAction> out = new ArrayList<>(2);
        try {
            while (state != State.CLOSED && raw.hasRemaining()) {
                framer.offer(raw);
                MetaFramer.Frame f;
                while (state != State.CLOSED && (f = framer.next()) != null) {
                    if (f instanceof MetaFramer.Line line) {
                        handleLine(line.text(), nowMillis, out);
                    } else {
                        handlePayload(((MetaFramer.Payload) f).bytes(), out);
                    }
                }
                if (state != State.CLOSED && framer.overflowed()) {
                    throw new Reject(Rejection.READ_BUFFER_OVERFLOW, "Metadata read buffer overflow for " + who());
                }
            }
        } catch (Reject r) {
            close(out, r.rejection, r.getMessage(), true);
        }
        if (invitationLine != null) {
            byte[] buffered = framer.drain();
            byte[] rest = new byte[buffered.length + raw.remaining()];
            System.arraycopy(buffered, 0, rest, 0, buffered.length);
            raw.get(rest, buffered.length, raw.remaining());
            out.add(new MetaAction.Invitation(invitationLine, rest));
            invitationLine = null;
        }
        return out;
    }

    /** Sends one request line (without newline) after activation. Refused lines are counted, not thrown. */
    public List<MetaAction> sendLine(String line) {
        requireActive();
        List<MetaAction> out = new ArrayList<>(1);
        if (line.length() + 1 > MetaFramer.MAXBUFSIZE) {
            // send_request: "Output buffer overflow while sending request" (the peer could not read it anyway).
            cfg.counters().countOutputOverflow();
            Log.debug(Log.PROTOCOL, "Output buffer overflow while sending request to " + who());
            return out;
        }
        send(out, line);
        return out;
    }

    /**
     * Sends a frame as {@code 17 <len>} plus the bytes, inside the encrypted stream; consumes frame. Random early
     * drop (send_tcppacket) is the caller's decision, see {@link #randomEarlyDrop}. Frames above MAXSIZE are
     * dropped and counted: the peer would drop them.
     */
    public List<MetaAction> sendPacket(ByteBuffer frame) {
        requireActive();
        List<MetaAction> out = new ArrayList<>(1);
        int len = frame.remaining();
        if (len > MAXSIZE) {
            cfg.counters().countOutputOverflow();
            frame.position(frame.limit());
            return out;
        }
        byte[] head = (RequestType.PACKET.number() + " " + len + "\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[head.length + len];
        System.arraycopy(head, 0, all, 0, head.length);
        frame.get(all, head.length, len);
        Log.debug(Log.TRAFFIC, "Sending packet of " + len + " bytes to " + who());
        encryptor.update(all, 0, all.length);
        out.add(new MetaAction.Send(ByteBuffer.wrap(all)));
        return out;
    }

    /**
     * tincd's random early drop for PACKET: drop when 2·queued/max − 1 exceeds a uniform random in [0,1).
     * @param queuedBytes bytes waiting in the connection's output buffer
     * @param maxOutputBufferSize MaxOutputBufferSize (default 10·1518)
     */
    public static boolean randomEarlyDrop(long queuedBytes, long maxOutputBufferSize, double random01) {
        return 2.0 * queuedBytes / maxOutputBufferSize - 1 > random01;
    }

    /**
     * Timers: authentication deadline (PingTimeout after creation), PING every PingInterval (counted from creation,
     * then from the last PING, as tincd's last_ping_time), close when a PING got no PONG within PingTimeout.
     * Call at {@link #nextTickAt()} or later (calling more often is harmless).
     */
    public List<MetaAction> tick(long nowMillis) {
        List<MetaAction> out = new ArrayList<>(1);
        if (state == State.CLOSED) {
            return out;
        }
        if (state != State.ACTIVE) {
            if (nowMillis - created >= cfg.pingTimeoutMillis()) {
                close(out, Rejection.AUTH_TIMEOUT, "Timeout from " + who() + " during authentication", true);
            }
        } else if (pinged) {
            if (nowMillis - lastPingTime >= cfg.pingTimeoutMillis()) {
                close(out, Rejection.PING_TIMEOUT, who() + " didn't respond to PING in "
                        + (nowMillis - lastPingTime) / 1000 + " seconds", false);
            }
        } else if (nowMillis - lastPingTime >= cfg.pingIntervalMillis()) {
            pinged = true;
            lastPingTime = nowMillis;
            send(out, new MetaRequest.Ping().format());
        }
        return out;
    }

    /** When {@link #tick} next has something to do (Long.MAX_VALUE once closed). */
    public long nextTickAt() {
        return switch (state) {
            case CLOSED -> Long.MAX_VALUE;
            case ACTIVE -> lastPingTime + (pinged ? cfg.pingTimeoutMillis() : cfg.pingIntervalMillis());
            default -> created + cfg.pingTimeoutMillis();
        };
    }

    public boolean isActive() {
        return state == State.ACTIVE;
    }

    public boolean isClosed() {
        return state == State.CLOSED;
    }

    public boolean isOutgoing() {
        return outgoing;
    }

    /** The peer's name (the expected one for an initiator; "<unknown>" before a responder got a valid ID). */
    public String peerName() {
        return name;
    }

    // ---- internals, also used by Handshake ----

    String who() {
        return name + " (" + remote + ")";
    }

    String remote() {
        return remote;
    }

    boolean outgoing() {
        return outgoing;
    }

    long created() {
        return created;
    }

    void adoptName(String peerName) {
        name = peerName;
    }

    void advance(RequestType next) {
        state = State.valueOf(next.name());
    }

    void activate() {
        state = State.ACTIVE;
    }

    void enableEncryption(MetaStreamCipher cipher) {
        encryptor = cipher;
    }

    void enableDecryption(MetaStreamCipher cipher) {
        framer.enableDecryption(cipher);
    }

    void send(List<MetaAction> out, String line) {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.ISO_8859_1);
        if (encryptor != null) {
            encryptor.update(bytes, 0, bytes.length);
        }
        out.add(new MetaAction.Send(ByteBuffer.wrap(bytes)));
    }

    private void requireActive() {
        if (state != State.ACTIVE) {
            throw new IllegalStateException("meta connection with " + who() + " is not active");
        }
    }

    private void close(List<MetaAction> out, Rejection rejection, String reason, boolean tarpit) {
        state = State.CLOSED;
        cfg.counters().count(rejection);
        out.add(new MetaAction.Close(reason, tarpit, rejection));
    }

    private void handleLine(String line, long now, List<MetaAction> out) throws Reject {
        if (state == State.ID && !outgoing && line.startsWith("0 ?")) {
            // An invitation (io.jtinc.invite): no tinc name starts with '?', so no tinc peer is diverted here.
            invitationLine = line;
            state = State.CLOSED;
            return;
        }
        RequestType type;
        MetaRequest req;
        try {
            type = RequestParser.requestType(line);
            if (state != State.ACTIVE && !type.name().equals(state.name())) {
                boolean packet = type == RequestType.PACKET;
                throw new Reject(packet ? Rejection.UNAUTHORIZED_PACKET : Rejection.UNAUTHORIZED_REQUEST,
                        "Unauthorized request from " + who());
            }
            if (state == State.ACTIVE && type.isHandshake()) {
                throw new Reject(Rejection.HANDSHAKE_AFTER_ACTIVATION,
                        "Unauthorized request from " + who() + ": " + type + " after activation");
            }
            req = RequestParser.parse(line);
        } catch (MalformedRequestException e) {
            throw new Reject(e.rejection(), describe(e));
        }
        logGot(type, line);
        switch (type) {
            case ID, METAKEY, CHALLENGE, CHAL_REPLY, ACK -> handshake.handle(req, now, out);
            case PING -> send(out, new MetaRequest.Pong().format());
            case PONG -> {
                pinged = false;
                out.add(new MetaAction.PongReceived());
            }
            case PACKET -> {
                int len = ((MetaRequest.Packet) req).length();
                if (len >= MetaFramer.MAXBUFSIZE) {
                    // tincd would wait for bytes that can never fit its buffer and then overflow; fail now.
                    throw new Reject(Rejection.READ_BUFFER_OVERFLOW, "Metadata read buffer overflow for " + who());
                }
                framer.expectPacket(len);
            }
            default -> out.add(new MetaAction.Request(type, line, req));
        }
    }

    private void handlePayload(byte[] payload, List<MetaAction> out) {
        if (payload.length > MAXSIZE) {
            // receive_tcppacket silently drops what cannot be a frame (CVE-2013-1428).
            cfg.counters().countOversizedPacket();
            Log.debug(Log.TRAFFIC, "Dropping oversized packet of " + payload.length + " bytes from " + who());
            return;
        }
        out.add(new MetaAction.Packet(ByteBuffer.wrap(payload)));
    }

    private String describe(MalformedRequestException e) {
        return switch (e.rejection()) {
            case UNKNOWN_REQUEST -> "Unknown request from " + who();
            case BOGUS_DATA -> "Bogus data received from " + who();
            default -> "Got bad " + e.type() + " from " + who() + (e.detail() == null ? "" : ": " + e.detail());
        };
    }

    private void logGot(RequestType type, String line) {
        if (!Log.enabled(Log.PROTOCOL)) {
            return;
        }
        // METAKEY and ANS_KEY carry key material: never log their hex (tincd does at -d4; we do not).
        boolean secret = type == RequestType.METAKEY || type == RequestType.ANS_KEY;
        if (Log.enabled(Log.META) && !secret) {
            Log.debug(Log.META, "Got " + type + " from " + who() + ": " + line);
        } else {
            Log.debug(Log.PROTOCOL, "Got " + type + " from " + who());
        }
    }

    /** A fatal protocol error: becomes a Close with tincd's text. */
    static final class Reject extends Exception {
        final Rejection rejection;

        Reject(Rejection rejection, String reason) {
            super(reason, null, false, false);
            this.rejection = rejection;
        }
    }
}
