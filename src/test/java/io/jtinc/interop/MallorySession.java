package io.jtinc.interop;

import io.jtinc.protocol.meta.AuthConfig;
import io.jtinc.protocol.meta.MetaAction;
import io.jtinc.protocol.meta.MetaConnection;
import io.jtinc.protocol.meta.MetaRequest;
import io.jtinc.protocol.meta.PeerInfo;
import io.jtinc.protocol.meta.RawMetaLines;
import io.jtinc.protocol.meta.RequestType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * An authenticated meta connection of the attacker "mallory" (a node the hub trusts) to the hub, driven by our
 * own sans-IO {@link MetaConnection} over a blocking socket so that whatever it sends is correctly encrypted.
 * Blocking and single-threaded: create and use it on the attacker namespace's thread. The hub tarpits a
 * connection it fails (keeps it open and silent), so "closed" is observed as "no PONG to our PING".
 */
final class MallorySession implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final MetaConnection mc;
    private final long t0 = System.nanoTime();
    private final byte[] buf = new byte[8192];
    private PeerInfo info;
    private boolean pong;
    /** The last ANS_KEY the hub sent us: the key it will accept our UDP datagrams with. */
    MetaRequest.AnsKey ansKey;

    private MallorySession(Socket socket, MetaConnection mc) throws IOException {
        this.socket = socket;
        this.mc = mc;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        socket.setSoTimeout(50);
        socket.setTcpNoDelay(true);
    }

    /** Connects, authenticates as mallory and announces the edge mallory→hub (so the hub considers it reachable). */
    static MallorySession open(AuthConfig cfg, InetSocketAddress hub, String myAddress) throws IOException {
        Socket s = new Socket();
        s.connect(hub, 3000);
        MallorySession m = new MallorySession(s, MetaConnection.initiator(cfg, "hub", hub.getHostString() + " port "
                + hub.getPort(), 0));
        m.execute(m.mc.start(m.now()));
        long deadline = System.currentTimeMillis() + 10_000;
        while (m.info == null && System.currentTimeMillis() < deadline && !m.mc.isClosed()) {
            m.pumpOnce();
        }
        if (m.info == null) {
            s.close();
            throw new IOException("mallory could not authenticate with the hub");
        }
        int nonce = (int) (Math.random() * Integer.MAX_VALUE);
        m.line(new MetaRequest.AddEdge(nonce, "mallory", "hub", myAddress, "655", m.info.options(),
                m.info.edgeWeight()).format());
        return m;
    }

    /** Sends text plus newline inside the encrypted stream, whatever its length or content. */
    void line(String text) throws IOException {
        execute(RawMetaLines.sendUnchecked(mc, text));
    }

    /** Reads and handles whatever the hub sends for a while. */
    void pump(long millis) throws IOException {
        long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline) {
            pumpOnce();
        }
    }

    /** True when the hub answers a PING within the time: the connection survived what we sent. */
    boolean alive(long millis) throws IOException {
        pong = false;
        line("8");
        long deadline = System.currentTimeMillis() + millis;
        while (!pong && System.currentTimeMillis() < deadline) {
            pumpOnce();
        }
        return pong;
    }

    /** Waits until the hub has sent us a data key (ANS_KEY hub → mallory). */
    MetaRequest.AnsKey awaitAnsKey(long millis) throws IOException {
        long deadline = System.currentTimeMillis() + millis;
        while (ansKey == null && System.currentTimeMillis() < deadline) {
            pumpOnce();
        }
        return ansKey;
    }

    private void pumpOnce() throws IOException {
        try {
            int n = in.read(buf);
            if (n < 0) {
                throw new IOException("hub closed the connection");
            }
            execute(mc.receive(ByteBuffer.wrap(buf, 0, n), now()));
        } catch (SocketTimeoutException e) {
            execute(mc.tick(now()));
        }
    }

    private void execute(List<MetaAction> actions) throws IOException {
        for (MetaAction a : actions) {
            if (a instanceof MetaAction.Send s) {
                ByteBuffer b = s.bytes();
                out.write(b.array(), b.arrayOffset() + b.position(), b.remaining());
            } else if (a instanceof MetaAction.Activated act) {
                info = act.info();
            } else if (a instanceof MetaAction.PongReceived) {
                pong = true;
            } else if (a instanceof MetaAction.Request r && r.type() == RequestType.ANS_KEY) {
                MetaRequest.AnsKey k = (MetaRequest.AnsKey) r.request();
                if (k.from().equals("hub") && k.to().equals("mallory")) {
                    ansKey = k;
                }
            } else if (a instanceof MetaAction.Close c) {
                throw new IOException("our own state machine closed: " + c.reason());
            }
        }
        out.flush();
    }

    private long now() {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
