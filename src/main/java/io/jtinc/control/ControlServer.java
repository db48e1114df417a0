package io.jtinc.control;

import io.jtinc.log.Log;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The daemon's UNIX control socket ({@code X.socket} beside the pid file {@code X.pid}, as tinc 1.1 names it),
 * for {@code jtinc dump|info|reload|retry|stop|log}. Mode 0660: root and the service's group only; the socket
 * file's permissions are the whole access control, as with tinc 1.1's.
 *
 * <p>Protocol: the client sends one request line; the answer is {@code OK} or {@code ERROR reason}, then the body,
 * then the server closes (a {@code log} stream stays open until the client goes). Requests are served off the
 * packet path, on one small thread per client, and read the mesh only on the event loop ({@link ControlTarget}).
 * Limits, because any local process in the group can connect: {@value #MAX_CLIENTS} clients at once (more are
 * refused), request lines of at most {@value #MAX_REQUEST} bytes, {@value #REQUEST_TIMEOUT_MS} ms to send one.
 */
public final class ControlServer implements AutoCloseable {
    static final int MAX_CLIENTS = 16;
    static final int MAX_REQUEST = 4096;
    static final int REQUEST_TIMEOUT_MS = 5000;

    private final Path path;
    private final ServerSocketChannel server;
    private final ControlRequests requests;
    private final Semaphore slots = new Semaphore(MAX_CLIENTS);
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong badRequests = new AtomicLong();
    private volatile boolean closed;

    private ControlServer(Path path, ServerSocketChannel server, ControlRequests requests) {
        this.path = path;
        this.server = server;
        this.requests = requests;
    }

    /** Binds the socket (replacing a stale one: the pid file check already ruled out a live daemon) and serves. */
    public static ControlServer start(Path path, ControlTarget target) throws IOException {
        Files.deleteIfExists(path);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path));
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-rw----"));
        ControlServer s = new ControlServer(path, server, new ControlRequests(target, LogTapHolder.TAP));
        Thread t = new Thread(s::acceptLoop, "control");
        t.setDaemon(true);
        t.start();
        return s;
    }

    /** One tap for the process: the log is global. */
    private static final class LogTapHolder {
        static final LogTap TAP = new LogTap();
    }

    private void acceptLoop() {
        while (!closed) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    Log.error("Control socket " + path + ": " + e.getMessage());
                }
                return;
            }
            if (!slots.tryAcquire()) {
                refused.incrementAndGet();
                Log.debug(Log.CONNECTIONS, "Control socket: too many clients, refusing one");
                closeQuietly(client);
                continue;
            }
            Thread t = new Thread(() -> {
                try {
                    serve(client);
                } finally {
                    slots.release();
                    closeQuietly(client);
                }
            }, "control-client");
            t.setDaemon(true);
            t.start();
        }
    }

    private void serve(SocketChannel client) {
        try (InputStream in = Channels.newInputStream(client); OutputStream out = Channels.newOutputStream(client)) {
            String line = readLine(client, in);
            if (line == null) {
                badRequests.incrementAndGet();
                write(out, List.of("ERROR request line missing, too long (max " + MAX_REQUEST + " bytes) or too slow"));
                return;
            }
            requests.handle(line, out);
        } catch (IOException e) {
            Log.debug(Log.CONNECTIONS, "Control client went away: " + e.getMessage());
        } catch (RuntimeException e) {
            badRequests.incrementAndGet();
            Log.debug(Log.CONNECTIONS, "Control request failed: " + e);
        }
    }

    /** One line, bounded in length and time (a blocking read with a watchdog that closes a silent client). */
    private static String readLine(SocketChannel client, InputStream in) throws IOException {
        Thread reader = Thread.currentThread();
        Thread watchdog = new Thread(() -> {
            try {
                TimeUnit.MILLISECONDS.sleep(REQUEST_TIMEOUT_MS);
                closeQuietly(client);
            } catch (InterruptedException e) {
                // the line came in time
            }
        }, "control-timeout");
        watchdog.setDaemon(true);
        watchdog.start();
        try {
            byte[] buf = new byte[MAX_REQUEST];
            int n = 0;
            while (n < buf.length) {
                int b = in.read();
                if (b < 0) {
                    return null;
                }
                if (b == '\n') {
                    return new String(buf, 0, n, StandardCharsets.UTF_8).trim();
                }
                buf[n++] = (byte) b;
            }
            return null;
        } catch (IOException e) {
            return null;
        } finally {
            watchdog.interrupt();
            if (reader.isInterrupted()) {
                Thread.interrupted();
            }
        }
    }

    static void write(OutputStream out, List<String> lines) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            sb.append(l).append('\n');
        }
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void closeQuietly(SocketChannel c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    /** Clients refused because {@value #MAX_CLIENTS} were connected, and requests that could not be read. */
    public long refusedClients() {
        return refused.get();
    }

    public long badRequests() {
        return badRequests.get() + requests.badRequests();
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            Log.debug(Log.CONNECTIONS, "Could not remove " + path + ": " + e.getMessage());
        }
    }
}
