package io.jtinc.protocol.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import com.sun.jna.Library;
import com.sun.jna.Native;
import io.jtinc.crypto.KeyGenerator;
import io.jtinc.crypto.RsaKeyPem;
import io.jtinc.testsupport.Netns;
import io.jtinc.testsupport.Requirements;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state machine against a real tincd 1.0.36 over a plain blocking socket, both roles. The sockets are
 * opened by a thread that joined the test's network namespace (setns is per thread), so nothing touches the host.
 */
@Tag("interop")
class MetaHandshakeIT {
    private static final int TINC_PORT = 6560;
    private static final int JAVA_PORT = 6561;

    interface Setns extends Library {
        Setns C = Native.load("c", Setns.class);

        int open(String path, int flags);

        int setns(int fd, int nstype);

        int close(int fd);
    }

    @TempDir
    Path tmp;

    @Test
    void jtincInitiatesToTincd() throws Exception {
        run(false);
    }

    @Test
    void tincdInitiatesToJtinc() throws Exception {
        run(true);
    }

    private void run(boolean tincdConnects) throws Exception {
        Requirements.requireNetns();
        Path tincd = Requirements.requireTincd();
        Path tinc = Files.createDirectories(tmp.resolve("tinc1/hosts")).getParent();
        Path java = Files.createDirectories(tmp.resolve("java1/hosts")).getParent();
        Files.writeString(tinc.resolve("tinc.conf"), "Name = tinc1\nDeviceType = dummy\nMode = switch\n"
                + "AddressFamily = ipv4\nPingInterval = 3\nPingTimeout = 2\n"
                + (tincdConnects ? "ConnectTo = java1\n" : ""));
        Files.writeString(tinc.resolve("hosts/tinc1"), "Address = 127.0.0.1\nPort = " + TINC_PORT + "\n");
        Files.writeString(java.resolve("hosts/java1"), "Address = 127.0.0.1\nPort = " + JAVA_PORT + "\n");
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        KeyGenerator.generateAndWrite(2048, tinc.resolve("rsa_key.priv"), tinc.resolve("hosts/tinc1"), quiet);
        KeyGenerator.generateAndWrite(2048, java.resolve("rsa_key.priv"), java.resolve("hosts/java1"), quiet);
        Files.copy(tinc.resolve("hosts/tinc1"), java.resolve("hosts/tinc1"));
        Files.copy(java.resolve("hosts/java1"), tinc.resolve("hosts/java1"));

        MetaCounters counters = new MetaCounters();
        PeerLookup lookup = name -> {
            if (!name.equals("tinc1")) {
                throw new PeerLookup.UnknownPeerException("only tinc1 is known");
            }
            try {
                return new PeerCredentials(RsaKeyPem.readPublicKey(java.resolve("hosts/tinc1")), null,
                        PeerOverrides.NONE);
            } catch (Exception e) {
                throw new PeerLookup.UnknownPeerException(e.getMessage());
            }
        };
        AuthConfig cfg = new AuthConfig("java1", RsaKeyPem.readPrivateKey(java.resolve("rsa_key.priv")), 32,
                String.valueOf(JAVA_PORT), ConnectionOptions.PMTU_DISCOVERY | ConnectionOptions.CLAMP_MSS, 2_000,
                2_000, lookup, counters, new SecureRandom());

        Path log = tmp.resolve("tincd.log");
        ExecutorService inNs = Executors.newSingleThreadExecutor();
        try (Netns ns = Netns.create("meta")) {
            inNs.submit(() -> joinNamespace(ns.name())).get();
            ServerSocket server = tincdConnects
                    ? inNs.submit(() -> new ServerSocket(JAVA_PORT, 5, InetAddress.getLoopbackAddress())).get()
                    : null;
            ns.start(List.of(tincd.toString(), "-c", tinc.toString(), "-D", "-d5",
                    "--pidfile=" + tinc.resolve("pid")), log);
            Result r;
            try {
                r = inNs.submit(() -> drive(cfg, server, log)).get(40, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError("driver failed: " + e + "\n--- tincd log ---\n" + read(log), e);
            }
            if (r.error != null) {
                fail(r.error + "\n--- tincd log ---\n" + read(log));
            }
            assertNotNull(r.info);
            assertEquals("tinc1", r.info.name());
            // tincd announces its own Port in ACK, whichever side connected.
            assertEquals(String.valueOf(TINC_PORT), r.info.ackPort());
            assertEquals(!tincdConnects, r.info.outgoing());
            assertEquals(0, counters.snapshot().values().stream().mapToLong(Long::longValue).sum(),
                    counters.snapshot().toString());
            if (server != null) {
                server.close();
            }
        } finally {
            inNs.shutdownNow();
        }
    }

    private static Void joinNamespace(String name) {
        int fd = Setns.C.open("/var/run/netns/" + name, 0);
        if (fd < 0 || Setns.C.setns(fd, 0x40000000 /* CLONE_NEWNET */) != 0) {
            throw new IllegalStateException("setns into " + name + " failed");
        }
        Setns.C.close(fd);
        return null;
    }

    record Result(PeerInfo info, String error) {
    }

    /** The tiny event loop: blocking reads with a short timeout, ticks in between. */
    private static Result drive(AuthConfig cfg, ServerSocket server, Path log) throws Exception {
        long t0 = System.nanoTime();
        Socket s;
        MetaConnection mc;
        if (server == null) {
            s = connectWithRetry();
            mc = MetaConnection.initiator(cfg, "tinc1", "127.0.0.1 port " + TINC_PORT, now(t0));
        } else {
            server.setSoTimeout(20_000);
            s = server.accept();
            mc = MetaConnection.responder(cfg, "127.0.0.1 port " + s.getPort(), now(t0));
        }
        try (s) {
            s.setSoTimeout(100);
            s.setTcpNoDelay(true);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            PeerInfo info = null;
            boolean pong = false;
            byte[] buf = new byte[4096];
            List<MetaAction> actions = mc.start(now(t0));
            long deadline = System.nanoTime() + 30_000_000_000L;
            Pattern activated = Pattern.compile("Connection with java1 \\(127\\.0\\.0\\.1 port \\d+\\) activated");
            while (System.nanoTime() < deadline) {
                for (MetaAction a : actions) {
                    if (a instanceof MetaAction.Send send) {
                        ByteBuffer b = send.bytes();
                        out.write(b.array(), b.arrayOffset() + b.position(), b.remaining());
                    } else if (a instanceof MetaAction.Activated act) {
                        info = act.info();
                        // Spec §3.8: the reverse edge, or tincd never considers us reachable.
                        String edge = new MetaRequest.AddEdge(new SecureRandom().nextInt() >>> 1, "java1", "tinc1",
                                "127.0.0.1", info.ackPort(), info.options(), info.edgeWeight()).format();
                        for (MetaAction x : mc.sendLine(edge)) {
                            ByteBuffer b = ((MetaAction.Send) x).bytes();
                            out.write(b.array(), b.arrayOffset() + b.position(), b.remaining());
                        }
                    } else if (a instanceof MetaAction.PongReceived) {
                        pong = true;
                    } else if (a instanceof MetaAction.Close c) {
                        return new Result(info, "closed by us: " + c.reason());
                    }
                }
                String text = read(log);
                if (info != null && pong && activated.matcher(text).find() && text.contains("Got ADD_EDGE from java1")
                        && text.contains("Got PONG from java1")) {
                    return new Result(info, null);
                }
                try {
                    int n = in.read(buf);
                    if (n < 0) {
                        return new Result(info, "tincd closed the connection");
                    }
                    actions = mc.receive(ByteBuffer.wrap(buf, 0, n), now(t0));
                } catch (SocketTimeoutException e) {
                    actions = mc.tick(now(t0));
                }
            }
            return new Result(info, "no success within 30 s (activated " + (info != null) + ", pong " + pong + ")");
        }
    }

    private static Socket connectWithRetry() throws Exception {
        for (int i = 0; ; i++) {
            Socket s = new Socket();
            try {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), TINC_PORT), 1000);
                return s;
            } catch (java.io.IOException e) {
                s.close();
                if (i > 50) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    private static long now(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
