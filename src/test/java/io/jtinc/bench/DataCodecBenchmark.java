package io.jtinc.bench;

import io.jtinc.crypto.Algorithms;
import io.jtinc.protocol.data.DataKey;
import io.jtinc.protocol.data.DataSizes;
import io.jtinc.protocol.data.PacketDecoder;
import io.jtinc.protocol.data.PacketEncoder;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-packet crypto of the UDP data channel (issue 6, target 6): encrypt+MAC and verify+decrypt of one
 * Ethernet frame with tinc's defaults (aes-256-cbc, HMAC-SHA256 truncated to MACLength 4). Run with
 * {@code sudo scripts/bench --jmh} (or {@code scripts/jmh}), which adds {@code -prof gc}: the figure that matters
 * besides ops/s is {@code gc.alloc.rate.norm}, bytes allocated per operation, which must be 0 in steady state.
 *
 * <p>The decoder has ReplayWindow = 0 (tinc's "no replay check") so that decoding the same datagram over and over
 * measures the full MAC check and decryption instead of a replay drop.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DataCodecBenchmark {
    @Param({"1400", "64"})
    public int frameBytes;

    private PacketEncoder encoder;
    private PacketDecoder decoder;
    private ByteBuffer frame;
    private ByteBuffer datagram;
    private ByteBuffer decoded;
    private int datagramLength;

    @Setup
    public void setUp() {
        DataKey key = DataKey.generate(Algorithms.AES_256_CBC, Algorithms.SHA256, 4, 0, new SecureRandom());
        encoder = new PacketEncoder(key, "bench", "127.0.0.1 port 655");
        decoder = new PacketDecoder(key, 0, "bench", "127.0.0.1 port 655");
        // Direct buffers, as Netty hands the data plane.
        frame = ByteBuffer.allocateDirect(DataSizes.MAXSIZE);
        datagram = ByteBuffer.allocateDirect(DataSizes.MAX_DATAGRAM);
        decoded = ByteBuffer.allocateDirect(DataSizes.MAXSIZE);
        for (int i = 0; i < frameBytes; i++) {
            frame.put(i, (byte) (i * 31));
        }
        datagramLength = encoder.encode(frame, 0, frameBytes, datagram, 0);
        if (datagramLength <= 0 || decoder.decode(datagram, 0, datagramLength, decoded, 0) != frameBytes) {
            throw new IllegalStateException("codec round trip failed in setup");
        }
    }

    /** Encrypt + MAC one frame (the send path: device to UDP). */
    @Benchmark
    public int encryptAndMac() {
        return encoder.encode(frame, 0, frameBytes, datagram, 0);
    }

    /** Verify + decrypt one datagram (the receive path: UDP to device). */
    @Benchmark
    public int verifyAndDecrypt() {
        return decoder.decode(datagram, 0, datagramLength, decoded, 0);
    }
}
