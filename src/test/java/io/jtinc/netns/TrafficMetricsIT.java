package io.jtinc.netns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jtinc.testsupport.Jtincd;
import io.jtinc.testsupport.Sh;
import io.jtinc.testsupport.TincMesh;
import io.jtinc.testsupport.TincMesh.Impl;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Per-node traffic through real daemons: 20 pings across a two-node mesh show up in {@code jtinc dump traffic},
 * in {@code jtinc top --batch}, and on the Prometheus endpoint (PrometheusAddress), scraped over HTTP inside the
 * hub's namespace. A second daemon told to use the same PrometheusAddress refuses to start, naming the variable.
 */
@Tag("netns")
class TrafficMetricsIT {
    private static final int PORT = 9180;

    private static Sh.Result jtinc(TincMesh.Node n, String... args) {
        List<String> cmd = new ArrayList<>(List.of("--pidfile=" + n.dir.resolve("pid")));
        cmd.addAll(List.of(args));
        return n.run(Jtincd.command("jtinc", cmd.toArray(new String[0])).toArray(new String[0]));
    }

    private static long value(String text, Pattern p) {
        Matcher m = p.matcher(text);
        assertTrue(m.find(), p + " in:\n" + text);
        return Long.parseLong(m.group(1));
    }

    @Test
    void pingsShowUpInDumpTrafficTopAndPrometheus() throws Exception {
        long t0 = System.nanoTime();
        try (TincMesh mesh = new TincMesh("switch")) {
            TincMesh.Node h = mesh.add("hub", Impl.JTINC).up("ip -6 addr add fd7d:1::1/64 dev $INTERFACE nodad")
                    .conf("PrometheusAddress = 127.0.0.1:" + PORT);
            TincMesh.Node a = mesh.add("alpha", Impl.JTINC).connectTo("hub")
                    .up("ip -6 addr add fd7d:1::a/64 dev $INTERFACE nodad");
            mesh.configure();
            mesh.start(2);
            mesh.awaitPing(a, "fd7d:1::1", 30_000);
            assertEquals(0, a.run("ping", "-6", "-c", "20", "-i", "0.05", "fd7d:1::1").status(), mesh.logs());

            Sh.Result dump = jtinc(h, "dump", "traffic", "--json");
            assertEquals(0, dump.status(), dump.output());
            long in = value(dump.output(), Pattern.compile("\"name\":\"alpha\",\"in_packets\":(\\d+)"));
            long out = value(dump.output(), Pattern.compile("\"name\":\"alpha\".*\"out_packets\":(\\d+)"));
            assertTrue(in >= 20 && out >= 20, "20 echo requests in and 20 replies out: " + dump.output());
            assertTrue(!dump.output().contains("\"name\":\"hub\""), "our own node is not listed: " + dump.output());

            Sh.Result top = jtinc(h, "top", "--batch", "--iterations", "2", "--delay", "0.5");
            assertEquals(0, top.status(), top.output());
            assertEquals(2, top.output().lines().filter(l -> l.startsWith("Node ")).count(), top.output());
            assertTrue(top.output().lines().anyMatch(l -> l.startsWith("alpha ")), top.output());

            Sh.Result scrape = h.run("python3", "-c", "import urllib.request;print(urllib.request.urlopen("
                    + "'http://127.0.0.1:" + PORT + "/metrics',timeout=10).read().decode())");
            assertEquals(0, scrape.status(), scrape.output());
            String metrics = scrape.output();
            assertTrue(value(metrics, Pattern.compile("jtinc_node_in_packets_total\\{node=\"alpha\"} (\\d+)")) >= 20,
                    metrics);
            assertTrue(value(metrics, Pattern.compile("jtinc_node_out_packets_total\\{node=\"alpha\"} (\\d+)")) >= 20,
                    metrics);
            assertEquals(1, value(metrics, Pattern.compile("jtinc_node_reachable\\{node=\"alpha\"} (\\d+)")));
            assertEquals(1, value(metrics, Pattern.compile("jtinc_connection_up\\{node=\"alpha\"} (\\d+)")));
            assertTrue(metrics.contains("# TYPE jtinc_drops_total counter"), metrics);
            Sh.Result notFound = h.run("python3", "-c", "import urllib.request,urllib.error\ntry:\n"
                    + " urllib.request.urlopen('http://127.0.0.1:" + PORT + "/other',timeout=10)\n"
                    + "except urllib.error.HTTPError as e:\n print(e.code)");
            assertEquals("404", notFound.output().trim());

            // The port is taken: a second daemon in the same namespace must refuse to start and say why.
            List<String> second = new ArrayList<>(List.of("ip", "netns", "exec", h.ns.name()));
            second.addAll(Jtincd.command("jtincd", "-D", "-c", h.dir.toString(), "--pidfile=" + h.dir.resolve("pid2"),
                    "-o", "Port=6655", "-o", "Interface=jtmetrics2"));
            Process p = new ProcessBuilder(second).redirectErrorStream(true).start();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the second daemon exits");
            String text = new String(p.getInputStream().readAllBytes());
            assertEquals(1, p.exitValue(), text);
            assertTrue(text.contains("Could not serve Prometheus metrics on") && text.contains("PrometheusAddress"),
                    text);
            assertFalse(text.contains("is a Linux tun/tap device"), "refused before opening a device:\n" + text);
            System.out.printf("TrafficMetricsIT: hub saw %d in / %d out from alpha; %d ms%n", in, out,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        }
    }
}
