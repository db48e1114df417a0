package io.jtinc.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jtinc.crypto.RsaKeyPem;
import io.jtinc.testsupport.InNamespace;
import io.jtinc.testsupport.Jtincd;
import io.jtinc.testsupport.Sh;
import io.jtinc.testsupport.TincMesh;
import io.jtinc.testsupport.TincMesh.Impl;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The swarm harness (scripts/bench --swarm) kept working: 20 simulated nodes dial a real jtincd hub at once and
 * all become reachable in its graph; then a real jtincd that joins late gets its ping answered by the hub through
 * the tunnel. The hub has MaxConnectionBurst = 100, so none of the 20 is tarpitted.
 */
@Tag("netns")
class SwarmIT {
    private static final int N = 20;

    @TempDir
    Path cache;

    private static long reachableSwarmNodes(TincMesh.Node hub) {
        List<String> cmd = Jtincd.command("jtinc", "--pidfile=" + hub.dir.resolve("pid"), "dump", "nodes", "--json");
        Sh.Result r = hub.run(cmd.toArray(new String[0]));
        return r.output().lines().filter(l -> l.startsWith("{\"name\":\"swarm") && l.contains("\"reachable\":true"))
                .count();
    }

    @Test
    void twentyNodesJoinAtOnceAndALateNodeGetsItsPingAnswered() throws Exception {
        long t0 = System.nanoTime();
        try (TincMesh mesh = new TincMesh("switch")) {
            TincMesh.Node hub = mesh.add("hub", Impl.JTINC).conf("MaxConnectionBurst = 100")
                    .up("ip addr add 10.99.7.1/24 dev $INTERFACE");
            TincMesh.Node swarmNs = mesh.add("clients", Impl.JTINC).noDaemon();
            TincMesh.Node late = mesh.add("late", Impl.JTINC).connectTo("hub")
                    .up("ip addr add 10.99.7.200/24 dev $INTERFACE");
            late.noDaemon();
            mesh.configure();
            SwarmKeys.prepare(cache, N, hub.dir.resolve("hosts"));
            mesh.start(hub, 2);
            Jtincd.await(() -> Files.exists(hub.dir.resolve("pid.socket")), 30_000, mesh::logs);

            List<SwarmNode> nodes = SwarmMain.nodes(cache, N, new InetSocketAddress(hub.underlayIp, 655),
                    RsaKeyPem.readPublicKey(hub.dir.resolve("hosts").resolve("hub")), new String[] {swarmNs.underlayIp});
            AtomicBoolean done = new AtomicBoolean();
            ByteArrayOutputStream report = new ByteArrayOutputStream();
            try (InNamespace in = new InNamespace(swarmNs.ns)) {
                Thread driver = new Thread(() -> {
                    try {
                        in.call(() -> {
                            SwarmMain.drive(nodes, 120_000, done::get, new PrintStream(report, true));
                            return null;
                        }, 180);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, "swarm-driver");
                driver.start();
                long start = System.nanoTime();
                long reachable = 0;
                while (reachable < N && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(60)) {
                    Thread.sleep(500);
                    reachable = reachableSwarmNodes(hub);
                }
                long allMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertEquals(N, reachable, "all swarm nodes reachable at the hub\n" + report + mesh.logs());
                // tincd's fixed limit would tarpit the 10th connection of the burst; MaxConnectionBurst = 100 not.
                assertTrue(!hub.logText().contains("Too many connections per second"), hub.logText());

                mesh.start(late, 0);
                long ping = mesh.awaitPing(late, "10.99.7.1", 30_000);
                done.set(true);
                driver.join(30_000);
                System.out.printf("SwarmIT: %d nodes reachable at the hub within %d ms; late node's first ping after "
                        + "%d ms; %d ms in all%n", N, allMillis, ping, TimeUnit.NANOSECONDS.toMillis(
                        System.nanoTime() - t0));
            } finally {
                done.set(true);
            }
        }
    }
}
