package io.jtinc.node;

import io.jtinc.graph.ConnectionRef;
import io.jtinc.log.Log;
import io.jtinc.net.MetaLink;
import io.jtinc.net.MetaSession;
import io.jtinc.net.Outgoing;
import io.jtinc.protocol.meta.MetaAction;
import io.jtinc.protocol.meta.MetaConnection;
import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * One meta connection: the transport link, the sans-IO protocol state machine, and the execution of its
 * actions. Everything protocol-level beyond the handshake goes to the {@link NodeCore}. Loop-confined.
 */
final class PeerConnection implements MetaSession, ConnectionRef {
    private final NodeCore core;
    final MetaLink link;
    final MetaConnection meta;
    final Outgoing outgoing;
    private String name;
    /** hosts/NAME's modification time when the connection came up, for SIGHUP's "changed host file" check. */
    long hostFileStamp;
    private boolean active;
    private boolean pongSeen;
    private boolean closed;
    /**
     * True while the actions of one state-machine call are carried out. The state machine encrypted its own
     * replies in that list (a PONG, say) when it parsed the batch; a line or frame the core sends to this peer
     * meanwhile (the DEL_EDGE answering an ADD_EDGE for ourself, the ANS_KEY answering a REQ_KEY, our ADD_EDGEs on
     * activation) must be encrypted after them, or the peer decrypts garbage. So it waits in {@link #deferred}
     * until the list is done. Requests after a fatal one in the same batch are not answered, as in tincd.
     */
    private boolean executing;
    private final java.util.ArrayDeque<Object> deferred = new java.util.ArrayDeque<>();
    /** Set when the peer asked for an invitation exchange instead of the meta protocol (jtinc extension). */
    private InvitationSession invitation;

    PeerConnection(NodeCore core, MetaLink link, MetaConnection meta, Outgoing outgoing) {
        this.core = core;
        this.link = link;
        this.meta = meta;
        this.outgoing = outgoing;
    }

    String name() {
        return name != null ? name : meta.peerName();
    }

    boolean active() {
        return active && !closed;
    }

    void start(long now) {
        execute(meta.start(now));
    }

    @Override
    public void onBytes(ByteBuf data) {
        if (closed) {
            return;
        }
        ByteBuffer bytes = data.nioBufferCount() == 1 ? data.nioBuffer() : ByteBuffer.wrap(io.netty.buffer.ByteBufUtil.getBytes(data));
        if (invitation != null) {
            invitation.receive(bytes, core.now());
            invitationDone();
            return;
        }
        execute(meta.receive(bytes, core.now()));
        core.afterReceive();
    }

    @Override
    public void onClosed() {
        if (!closed) {
            closed = true;
            Log.info(Log.CONNECTIONS, "Connection closed by " + name() + " (" + link + ")");
            core.connectionGone(this, active);
            core.afterBatch();
        }
    }

    /**
     * A peer that stops reading must not make us buffer without bound: tincd closes a connection that could not
     * flush for PingTimeout; we also close one whose queue passes this cap (gossip to a large mesh fits easily).
     */
    static final long MAX_QUEUED_BYTES = 4L << 20;

    void sendLine(String line) {
        if (!active()) {
            return;
        }
        if (link.pendingOutboundBytes() > MAX_QUEUED_BYTES) {
            Log.error(name() + " (" + link + ") could not flush " + link.pendingOutboundBytes()
                    + " bytes, closing connection");
            core.counters().outputOverflows.increment();
            terminate(true);
            return;
        }
        if (executing) {
            deferred.add(line);
        } else {
            write(meta.sendLine(line));
        }
    }

    /** A frame over the meta connection, with tincd's random early drop when the output queue fills (§7). */
    boolean sendPacket(ByteBuffer frame) {
        if (!active()) {
            return false;
        }
        if (MetaConnection.randomEarlyDrop(link.pendingOutboundBytes(), core.settings().maxOutputBufferSize(),
                core.random().nextDouble())) {
            core.counters().tcpEarlyDrops.increment();
            return true;
        }
        if (executing) {
            // The frame may live in a reused scratch buffer: keep a copy.
            ByteBuffer copy = ByteBuffer.allocate(frame.remaining());
            copy.put(frame).flip();
            deferred.add(copy);
        } else {
            write(meta.sendPacket(frame));
        }
        return true;
    }

    void tick(long now) {
        if (!closed && invitation != null) {
            invitation.tick(now);
            invitationDone();
        } else if (!closed) {
            execute(meta.tick(now));
        }
    }

    /** The peer's first line asked for an invitation: the rest of the connection belongs to the hub's handler. */
    private void startInvitation(io.jtinc.protocol.meta.MetaAction.Invitation i) {
        invitation = core.openInvitation(link);
        if (invitation == null) {
            Log.notice("Invitation request from " + link + " refused: this node does not accept invitations");
            closed = true;
            link.close();
            core.connectionGone(this, false);
            return;
        }
        byte[] first = (i.firstLine() + "\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        ByteBuffer all = ByteBuffer.allocate(first.length + i.rest().length);
        all.put(first).put(i.rest()).flip();
        invitation.receive(all, core.now());
        invitationDone();
    }

    private void invitationDone() {
        if (invitation.done() && !closed) {
            closed = true;
            core.connectionGone(this, false);
        }
    }

    /** Our side ends it (shutdown, replaced by a second connection, host file removed on reload). */
    void terminate(boolean report) {
        if (!closed) {
            closed = true;
            link.close();
            core.connectionGone(this, report && active);
        }
    }

    /** A protocol error found above the handshake (bad gossip): tarpit, as tincd does for a failed handler. */
    void fail() {
        if (!closed) {
            closed = true;
            link.tarpit();
            core.connectionGone(this, active);
        }
    }

    /** Output of sendLine/sendPacket: only Send actions. */
    private void write(List<MetaAction> sends) {
        for (MetaAction a : sends) {
            link.send(((MetaAction.Send) a).bytes());
        }
    }

    private void execute(List<MetaAction> actions) {
        executing = true;
        try {
            run(actions);
        } finally {
            executing = false;
        }
        while (!deferred.isEmpty() && active()) {
            Object next = deferred.poll();
            write(next instanceof String line ? meta.sendLine(line) : meta.sendPacket((ByteBuffer) next));
        }
        deferred.clear();
    }

    private void run(List<MetaAction> actions) {
        for (MetaAction action : actions) {
            if (closed) {
                return;
            }
            // if/else rather than a pattern switch: that is a preview feature on Java 17.
            if (action instanceof MetaAction.Send s) {
                link.send(s.bytes());
            } else if (action instanceof MetaAction.Activated a) {
                active = true;
                name = a.info().name();
                core.onActivated(this, a.info());
            } else if (action instanceof MetaAction.Request r) {
                core.onRequest(this, r.type(), r.rawLine(), r.request());
            } else if (action instanceof MetaAction.Packet p) {
                core.dataPlane().onTcpPacket(this, p.frame());
            } else if (action instanceof MetaAction.PongReceived) {
                if (!pongSeen) {
                    pongSeen = true;
                    if (outgoing != null) {
                        outgoing.onPong();
                    }
                }
            } else if (action instanceof MetaAction.Invitation i) {
                startInvitation(i);
            } else if (action instanceof MetaAction.Close c) {
                Log.error(c.reason());
                closed = true;
                if (c.tarpit()) {
                    link.tarpit();
                } else {
                    link.close();
                }
                core.connectionGone(this, active);
            }
        }
    }

    @Override
    public String toString() {
        return name() + " (" + link + ")";
    }
}
