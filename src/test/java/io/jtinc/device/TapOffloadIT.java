package io.jtinc.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Memory;
import io.jtinc.testsupport.Netns;
import io.jtinc.testsupport.Requirements;
import io.jtinc.testsupport.Sh;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TAP offload against the real kernel: two TAPs in two namespaces, joined by a relay in this JVM that does
 * what the daemon does with frames (read, cut super-frames; write a burst inside one batch, so TCP segments merge).
 * A 24 MB TCP transfer over IPv4 and one over IPv6 must arrive with the sender's SHA-256: a merged frame goes to
 * the kernel as CHECKSUM_PARTIAL and is not checksummed again on local delivery, so only an end-to-end hash shows
 * that cutting and merging kept every byte. The counters show both halves were really used.
 */
@Tag("netns")
class TapOffloadIT {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final String SERVER = String.join("\n",
            "import hashlib, socket, sys",
            "fam = socket.AF_INET6 if ':' in sys.argv[1] else socket.AF_INET",
            "s = socket.socket(fam, socket.SOCK_STREAM)",
            "s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)",
            "s.bind((sys.argv[1], 5001)); s.listen(1)",
            "print('listening', flush=True)",
            "c, _ = s.accept(); h = hashlib.sha256(); n = 0",
            "while True:",
            "    b = c.recv(1 << 16)",
            "    if not b: break",
            "    h.update(b); n += len(b)",
            "print(n, h.hexdigest(), flush=True)");
    private static final String CLIENT = String.join("\n",
            "import hashlib, random, socket, sys",
            "fam = socket.AF_INET6 if ':' in sys.argv[1] else socket.AF_INET",
            "rnd = random.Random(1); h = hashlib.sha256()",
            "c = socket.create_connection((sys.argv[1], 5001), timeout=60)",
            "for _ in range(24 * 16):",
            "    b = rnd.randbytes(65536)",
            "    c.sendall(b); h.update(b)",
            "c.close()",
            "print(24 * 16 * 65536, h.hexdigest(), flush=True)");

    @BeforeEach
    void requirements() {
        Requirements.requireNetns();
        Requirements.require(Sh.which("python3") != null, "needs python3");
    }

    @Test
    void tcpOverIpv4AndIpv6CrossesCutAndMergedWithEveryByteIntact(@TempDir Path tmp) throws Exception {
        assertTrue(LinuxTunTap.offloadWanted(), "offload is on by default");
        try (Netns a = Netns.create("offa"); Netns b = Netns.create("offb")) {
            LinuxTunTap tapA = openIn(a, "10.77.0.1/24", "fd77::1/64");
            LinuxTunTap tapB = openIn(b, "10.77.0.2/24", "fd77::2/64");
            Relay ab = new Relay(tapA, tapB);
            Relay ba = new Relay(tapB, tapA);
            try {
                ab.start();
                ba.start();
                for (String server : List.of("10.77.0.2", "fd77::2")) {
                    transfer(a, b, server, tmp);
                }
                // The sender's TAP (A) hands us super-frames; the receiver's TAP (B) gets merged ones.
                assertTrue(tapA.superFramesRead() > 0, "no TCP super-frame was read from the sending TAP");
                assertTrue(tapB.superFramesWritten() > 0, "no merged frame was written to the receiving TAP");
            } finally {
                ab.stop();
                ba.stop();
                tapA.close();
                tapB.close();
            }
        }
    }

    private static void transfer(Netns client, Netns server, String address, Path tmp) throws Exception {
        Path serverPy = Files.writeString(tmp.resolve("server.py"), SERVER);
        Path clientPy = Files.writeString(tmp.resolve("client.py"), CLIENT);
        Path log = tmp.resolve("server-" + address.replace(':', '_') + ".log");
        Process p = server.start(List.of("python3", serverPy.toString(), address), log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.readString(log).contains("listening") && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Sh.Result sent = Sh.run(client.wrap(List.of("python3", clientPy.toString(), address)), 120);
        assertEquals(0, sent.status(), sent.output());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the server did not finish");
        String received = Files.readString(log).replace("listening", "").strip();
        assertEquals(sent.output().strip(), received, "bytes and SHA-256 over " + address);
    }

    private static LinuxTunTap openIn(Netns ns, String v4, String v6) throws IOException {
        String name = "jto" + ProcessHandle.current().pid() % 10000 + "x" + COUNTER.incrementAndGet();
        LinuxTunTap dev = (LinuxTunTap) Devices.open(DeviceSettings.of(DeviceKind.TAP).withInterfaceName(name));
        Sh.ok("ip", "link", "set", name, "netns", ns.name());
        ns.exec("ip", "addr", "add", v4, "dev", name);
        ns.exec("ip", "addr", "add", v6, "dev", name, "nodad");
        ns.exec("ip", "link", "set", name, "up");
        return dev;
    }

    /** Frames from one TAP to the other, as the daemon passes them: every burst written inside one batch. */
    private static final class Relay implements Runnable {
        private final LinuxTunTap from;
        private final LinuxTunTap to;
        private final Thread thread;
        private volatile boolean stopped;

        Relay(LinuxTunTap from, LinuxTunTap to) {
            this.from = from;
            this.to = to;
            this.thread = new Thread(this, "relay-" + from.interfaceName());
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        void stop() throws InterruptedException {
            stopped = true;
            thread.join(2000);
        }

        @Override
        public void run() {
            ByteBuffer buf = ByteBuffer.allocateDirect(Device.MAX_FRAME);
            try (Memory pfd = new Memory(LibC.POLLFD_SIZE)) {
                pfd.clear();
                pfd.setInt(0, from.fd());
                pfd.setShort(LibC.POLLFD_EVENTS_OFFSET, LibC.POLLIN);
                while (!stopped) {
                    pfd.setShort(LibC.POLLFD_REVENTS_OFFSET, (short) 0);
                    if (LibC.poll(pfd, 1, 20) <= 0) {
                        continue;
                    }
                    to.beginBatch();
                    try {
                        for (int i = 0; i < 64 || from.hasBufferedFrames(); i++) {
                            buf.clear();
                            if (from.read(buf) <= 0) {
                                break;
                            }
                            buf.flip();
                            to.write(buf);
                        }
                    } finally {
                        to.endBatch();
                    }
                }
            } catch (IOException e) {
                if (!stopped) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }
}
