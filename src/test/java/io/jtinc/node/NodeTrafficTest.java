package io.jtinc.node;

import static io.jtinc.node.TwoNodeInMemoryTest.frame;
import static io.jtinc.node.TwoNodeInMemoryTest.mac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jtinc.control.PrometheusText;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-node traffic counters (jtinc top, dump traffic, Prometheus) on two real node cores: every data frame counts
 * once on each side, whether it went as a TCP PACKET or over UDP, and PMTU probes do not count.
 */
class NodeTrafficTest {
    @TempDir
    Path dir;

    @Test
    void framesCountOnceEachWayOverTcpAndUdpAndProbesDoNot() throws Exception {
        TwoNodes n = new TwoNodes(dir, "");
        n.connect();
        assertTrue(n.loop.stepUntil(() -> n.alpha.graph().snapshot().reachable("beta"), 1000));
        assertEquals(NodeTraffic.none("beta"), n.alpha.traffic("beta"));

        // Before PMTU discovery: a PACKET on the meta connection.
        n.alpha.onDeviceFrame(ByteBuffer.wrap(frame(mac(TwoNodes.BETA_MAC), mac(TwoNodes.ALPHA_MAC), 0, 200)));
        n.loop.runUntilIdle();
        assertEquals(new NodeTraffic("beta", 0, 0, 1, 200), n.alpha.traffic("beta"));
        assertEquals(new NodeTraffic("alpha", 1, 200, 0, 0), n.beta.traffic("alpha"));

        // Key exchange and PMTU probes in both directions: none of it is data.
        n.loop.advance(10_000);
        assertTrue(n.alpha.peer("beta").minMtu() >= 1400, "PMTU settled");
        assertEquals(new NodeTraffic("beta", 0, 0, 1, 200), n.alpha.traffic("beta"), "probes are not counted");

        long bytes = 200;
        for (int i = 1; i <= 20; i++) {
            int length = 60 + 67 * i;
            bytes += length;
            n.alpha.onDeviceFrame(ByteBuffer.wrap(frame(mac(TwoNodes.BETA_MAC), mac(TwoNodes.ALPHA_MAC), i, length)));
            n.loop.runUntilIdle();
        }
        n.beta.onDeviceFrame(ByteBuffer.wrap(frame(mac(TwoNodes.ALPHA_MAC), mac(TwoNodes.BETA_MAC), 99, 500)));
        n.loop.runUntilIdle();
        assertEquals(new NodeTraffic("beta", 1, 500, 21, bytes), n.alpha.traffic("beta"));
        assertEquals(new NodeTraffic("alpha", 21, bytes, 1, 500), n.beta.traffic("alpha"));

        String metrics = PrometheusText.render(n.alpha);
        assertTrue(metrics.contains("jtinc_node_out_packets_total{node=\"beta\"} 21\n"), metrics);
        assertTrue(metrics.contains("jtinc_node_in_bytes_total{node=\"beta\"} 500\n"), metrics);
        assertTrue(metrics.contains("jtinc_node_reachable{node=\"beta\"} 1\n"), metrics);
        assertTrue(metrics.contains("jtinc_node_udp_confirmed{node=\"beta\"} 1\n"), metrics);
        assertTrue(metrics.contains("jtinc_connection_up{node=\"beta\"} 1\n"), metrics);
        assertTrue(metrics.contains("# TYPE jtinc_handshake_failures_total counter\n"), metrics);
        assertTrue(metrics.contains("jtinc_device_bytes_total{direction=\"in\"} "), metrics);
        for (String line : metrics.split("\n")) {
            assertTrue(line.startsWith("# HELP ") || line.startsWith("# TYPE ")
                    || line.matches("jtinc_[a-z_]+\\{[a-z]+=\"[^\"\\\\\n]*\"} [0-9]+"), "exposition format: " + line);
        }
    }
}
