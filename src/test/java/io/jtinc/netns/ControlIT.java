package io.jtinc.netns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jtinc.testsupport.Jtincd;
import io.jtinc.testsupport.Sh;
import io.jtinc.testsupport.TincMesh;
import io.jtinc.testsupport.TincMesh.Impl;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The control socket with the real {@code jtinc} against a running two-node mesh: dumps in text and JSON, Graphviz,
 * info by node, subnet and address, a live log stream, reload and retry through the socket, a garbage request,
 * the socket's mode, and stop.
 */
@Tag("netns")
class ControlIT {
    private static Sh.Result jtinc(TincMesh.Node n, String... args) {
        List<String> cmd = new ArrayList<>(List.of("--pidfile=" + n.dir.resolve("pid")));
        cmd.addAll(List.of(args));
        return n.run(Jtincd.command("jtinc", cmd.toArray(new String[0])).toArray(new String[0]));
    }

    @Test
    void dumpInfoLogReloadRetryAndStopThroughTheSocket() throws Exception {
        long t0 = System.nanoTime();
        try (TincMesh mesh = new TincMesh("switch")) {
            TincMesh.Node h = mesh.add("hub", Impl.JTINC).up("ip -6 addr add fd7c:1::1/64 dev $INTERFACE nodad")
                    .host("Subnet = fd7c:1::1/128");
            TincMesh.Node a = mesh.add("alpha", Impl.JTINC).connectTo("hub")
                    .up("ip -6 addr add fd7c:1::a/64 dev $INTERFACE nodad").host("Subnet = fd7c:1:a::/64");
            mesh.configure();
            mesh.start(2);
            mesh.awaitPing(a, "fd7c:1::1", 30_000);
            Path socket = h.dir.resolve("pid.socket");
            assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));

            Sh.Result nodes = jtinc(h, "dump", "nodes");
            assertEquals(0, nodes.status(), nodes.output());
            assertTrue(nodes.output().contains("alpha at 10.") && nodes.output().contains("status reachable"),
                    nodes.output());
            assertTrue(nodes.output().contains("hub at MYSELF"), nodes.output());
            Sh.Result json = jtinc(h, "dump", "nodes", "--json");
            assertTrue(json.output().lines().filter(l -> l.startsWith("{\"name\":")).count() == 2, json.output());
            assertTrue(json.output().contains("\"name\":\"alpha\"") && json.output().contains("\"reachable\":true"),
                    json.output());
            String edges = jtinc(h, "dump", "edges").output();
            assertTrue(edges.contains("alpha to hub at"), edges);
            String subnets = jtinc(h, "dump", "subnets").output();
            assertTrue(subnets.contains("fd7c:1:a:0:0:0:0:0/64#10 owner alpha"), subnets);
            String connections = jtinc(h, "dump", "connections").output();
            assertTrue(connections.contains("alpha at "), connections);
            String graph = jtinc(h, "dump", "graph").output();
            assertTrue(graph.startsWith("graph {") && graph.contains("\"alpha\" -- \"hub\""), graph);
            String graphJson = jtinc(h, "dump", "graph", "--json").output();
            assertTrue(graphJson.contains("{\"type\":\"node\",\"name\":\"alpha\"")
                    && graphJson.contains("{\"type\":\"edge\",\"from\":\"alpha\",\"to\":\"hub\""), graphJson);

            String info = jtinc(h, "info", "alpha").output();
            assertTrue(info.contains("Node:         alpha") && info.contains("Reachability: directly with"), info);
            assertTrue(info.contains("fd7c:1:a:0:0:0:0:0/64"), info);
            String byAddress = jtinc(h, "info", "fd7c:1:a::42").output();
            assertTrue(byAddress.contains("fd7c:1:a:0:0:0:0:0/64#10  owner alpha"), byAddress);
            Sh.Result none = jtinc(h, "info", "nobody");
            assertEquals(1, none.status());
            assertTrue(none.output().contains("no node, subnet or address matches nobody"), none.output());

            // A live log stream at level 3 while the daemon itself logs at 2: retry's line must arrive.
            List<String> logCmd = new ArrayList<>(List.of("ip", "netns", "exec", h.ns.name()));
            logCmd.addAll(Jtincd.command("jtinc", "--pidfile=" + h.dir.resolve("pid"), "log", "3"));
            Process log = new ProcessBuilder(logCmd).redirectErrorStream(true).start();
            try {
                Thread.sleep(1500);
                assertEquals(0, jtinc(h, "retry").status());
                BufferedReader r = new BufferedReader(new InputStreamReader(log.getInputStream(), StandardCharsets.UTF_8));
                long deadline = System.currentTimeMillis() + 15_000;
                boolean seen = false;
                while (!seen && System.currentTimeMillis() < deadline) {
                    String line = r.readLine();
                    seen = line != null && line.contains("Flushing event queue");
                }
                assertTrue(seen, "the log stream showed retry's 'Flushing event queue'");
            } finally {
                log.destroy();
                log.waitFor(5, TimeUnit.SECONDS);
            }

            assertEquals(0, jtinc(h, "reload").status());
            Jtincd.await(() -> h.logText().contains("Configuration reloaded"), 10_000, mesh::logs);

            // Garbage on the socket gets an ERROR line; the mesh keeps routing.
            Sh.Result garbage = h.run("sh", "-c", "printf 'frobnicate\\n' | python3 -c \"import socket,sys;"
                    + "s=socket.socket(socket.AF_UNIX);s.connect('" + socket + "');s.sendall(sys.stdin.buffer.read());"
                    + "print(s.recv(200).decode())\"");
            assertTrue(garbage.output().contains("ERROR unknown request frobnicate"), garbage.output());
            assertEquals(0, a.run("ping", "-6", "-c", "2", "-i", "0.2", "fd7c:1::1").status(), mesh.logs());

            assertEquals(0, jtinc(h, "stop").status());
            assertTrue(h.process().waitFor(20, TimeUnit.SECONDS), "stop ended the daemon");
            assertFalse(Files.exists(socket), "the socket is removed at exit");
            System.out.printf("ControlIT: %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        }
    }
}
