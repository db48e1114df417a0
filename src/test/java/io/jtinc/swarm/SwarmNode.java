package io.jtinc.swarm;

import io.jtinc.protocol.meta.AuthConfig;
import io.jtinc.protocol.meta.MetaAction;
import io.jtinc.protocol.meta.MetaConnection;
import io.jtinc.protocol.meta.MetaRequest;
import io.jtinc.protocol.meta.PeerInfo;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.List;

/**
 * One simulated node: a non-blocking socket to the hub driven by our sans-IO {@link MetaConnection}, as a Pi's
 * jtincd would dial out with ConnectTo. After authentication it announces its edge to the hub (so the hub counts
 * it reachable) and then only answers PINGs. A closed or failed connection is retried after a second, as the
 * tarpit and the accept throttle make a real node do.
 */
final class SwarmNode {
    private final AuthConfig cfg;
    private final InetSocketAddress hub;
    private final InetSocketAddress source;
    private final ArrayDeque<ByteBuffer> pending = new ArrayDeque<>();
    private final ByteBuffer in = ByteBuffer.allocate(16 * 1024);
    private SocketChannel channel;
    private SelectionKey key;
    private MetaConnection mc;
    /** Why connections failed, for the swarm's report (one thread: a plain map). */
    static final java.util.Map<String, Integer> FAILURES = new java.util.TreeMap<>();
    long authenticatedAt = -1;
    long retryAt;
    int attempts;

    SwarmNode(AuthConfig cfg, InetSocketAddress hub, InetSocketAddress source) {
        this.cfg = cfg;
        this.hub = hub;
        this.source = source;
    }

    String name() {
        return cfg.myName();
    }

    boolean connected() {
        return channel != null;
    }

    void connect(Selector selector, long now) throws IOException {
        attempts++;
        channel = SocketChannel.open();
        channel.configureBlocking(false);
        channel.bind(source);
        channel.connect(hub);
        key = channel.register(selector, SelectionKey.OP_CONNECT, this);
        mc = MetaConnection.initiator(cfg, "hub", hub.getAddress().getHostAddress() + " port " + hub.getPort(), now);
    }

    void onReady(long now) {
        try {
            if (key.isConnectable()) {
                channel.finishConnect();
                key.interestOps(SelectionKey.OP_READ);
                execute(mc.start(now), now);
            }
            if (key.isValid() && key.isReadable()) {
                in.clear();
                int n = channel.read(in);
                if (n < 0) {
                    fail(now, "closed by the hub");
                    return;
                }
                in.flip();
                execute(mc.receive(in, now), now);
            }
            if (key.isValid() && key.isWritable()) {
                flush();
            }
        } catch (IOException e) {
            fail(now, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    void tick(long now) {
        if (channel == null) {
            return;
        }
        try {
            execute(mc.tick(now), now);
        } catch (IOException e) {
            fail(now, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private void execute(List<MetaAction> actions, long now) throws IOException {
        for (MetaAction a : actions) {
            if (a instanceof MetaAction.Send s) {
                ByteBuffer copy = ByteBuffer.allocate(s.bytes().remaining());
                copy.put(s.bytes().duplicate()).flip();
                pending.add(copy);
            } else if (a instanceof MetaAction.Activated act) {
                authenticatedAt = now;
                PeerInfo info = act.info();
                int nonce = (int) (Math.random() * Integer.MAX_VALUE);
                String edge = new MetaRequest.AddEdge(nonce, name(), "hub", source.getAddress().getHostAddress(),
                        "655", info.options(), info.edgeWeight()).format();
                execute(mc.sendLine(edge), now);
            } else if (a instanceof MetaAction.Close c) {
                fail(now, c.reason());
                return;
            }
        }
        flush();
    }

    private void flush() throws IOException {
        while (!pending.isEmpty()) {
            ByteBuffer b = pending.peek();
            channel.write(b);
            if (b.hasRemaining()) {
                key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                return;
            }
            pending.poll();
        }
        if (key.isValid()) {
            key.interestOps(SelectionKey.OP_READ);
        }
    }

    void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the swarm is ending
            }
            channel = null;
        }
    }

    private void fail(long now, String why) {
        FAILURES.merge(why.replaceAll("[0-9]+", "N"), 1, Integer::sum);
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing a failed socket: nothing to add
        }
        channel = null;
        key = null;
        pending.clear();
        authenticatedAt = -1;
        retryAt = now + 1000 + (long) (Math.random() * 1000);
    }
}
