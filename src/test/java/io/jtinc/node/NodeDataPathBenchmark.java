package io.jtinc.node;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The whole steady-state data path of two real node cores (issue 6, target 6), without sockets: a 1400-byte
 * unicast frame from alpha's device is switched (MAC lookup in the routing snapshot), encrypted and MACed into a
 * datagram, which beta verifies, decrypts, checks against its replay window, switches and writes to its device.
 * The nodes are {@link TwoNodes} after the handshake, key exchange and PMTU discovery, with the UDP fabric in
 * capture mode so the harness itself allocates nothing. Run by {@code scripts/jmh} with {@code -prof gc}:
 * {@code gc.alloc.rate.norm} must be 0 bytes per frame.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class NodeDataPathBenchmark {
    private static final int FRAME_BYTES = 1400;

    private Path dir;
    private TwoNodes nodes;
    private ByteBuffer frame;

    @Setup
    public void setUp() throws Exception {
        dir = Files.createTempDirectory("jtinc-jmh");
        nodes = new TwoNodes(dir, "");
        nodes.connect();
        nodes.loop.advance(10_000);
        if (!nodes.bothReachable() || !nodes.alpha.peer("beta").validKey() || nodes.alpha.peer("beta").minMtu() < 1400) {
            throw new IllegalStateException("the two nodes did not settle (reachable, keys, PMTU)");
        }
        frame = ByteBuffer.allocateDirect(FRAME_BYTES);
        frame.put(TwoNodeInMemoryTest.frame(TwoNodeInMemoryTest.mac(TwoNodes.BETA_MAC),
                TwoNodeInMemoryTest.mac(TwoNodes.ALPHA_MAC), 1, FRAME_BYTES)).flip();
        nodes.fabric.captureOnly = true;
        if (frameThroughBothNodes() != 1) {
            throw new IllegalStateException("a frame did not reach beta's device over UDP");
        }
    }

    /** One frame from alpha's device to beta's device; returns how many frames beta's device got. */
    @Benchmark
    public long frameThroughBothNodes() {
        long before = nodes.fabric.deviceWrites;
        frame.clear();
        nodes.alpha.onDeviceFrame(frame);
        nodes.beta.onDatagram(nodes.fabric.lastDatagram, TwoNodes.ALPHA);
        return nodes.fabric.deviceWrites - before;
    }

    @TearDown
    public void tearDown() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
