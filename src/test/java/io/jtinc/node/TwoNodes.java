package io.jtinc.node;

import io.jtinc.config.ConfigLoader;
import io.jtinc.config.NetDirectory;
import io.jtinc.config.ServerConfig;
import io.jtinc.crypto.KeyGenerator;
import io.jtinc.crypto.KeyLoading;
import io.jtinc.net.MetaSession;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.interfaces.RSAPrivateKey;
import java.util.ArrayList;
import java.util.List;

/**
 * Two real node cores, alpha and beta, in switch mode on one {@link SimLoop}, joined by an in-memory UDP fabric
 * and (after {@link #connect}) an in-memory meta connection from alpha to beta. Built from real net directories:
 * tinc.conf, hosts files with Subnet lines and 1024-bit keys (small to keep the test fast), exchanged.
 */
final class TwoNodes {
    static final InetSocketAddress ALPHA = new InetSocketAddress("10.99.0.1", 655);
    static final InetSocketAddress BETA = new InetSocketAddress("10.99.0.2", 655);
    /** The source address beta sees on alpha's outgoing TCP connection: an ephemeral port, as in real life. */
    static final InetSocketAddress ALPHA_TCP_SOURCE = new InetSocketAddress("10.99.0.1", 50123);
    static final String ALPHA_MAC = "02:00:00:00:00:01";
    static final String BETA_MAC = "02:00:00:00:00:02";

    final SimLoop loop = new SimLoop(1_000_000_123L);
    final UdpFabric fabric = new UdpFabric(loop);
    final List<byte[]> alphaDevice = new ArrayList<>();
    final List<byte[]> betaDevice = new ArrayList<>();
    final RecordingScripts alphaScripts = new RecordingScripts();
    final RecordingScripts betaScripts = new RecordingScripts();
    final NodeCore alpha;
    final NodeCore beta;
    InMemoryMetaLink alphaLink;
    InMemoryMetaLink betaLink;
    /** One-way delay of the meta connections made by {@link #connect} (the UDP fabric has its own). */
    long linkLatencyMillis;

    /** {@code extraConf} goes into both tinc.conf files (e.g. "KeyExpire = 10"). */
    TwoNodes(Path base, String extraConf) throws Exception {
        Path a = base.resolve("alpha");
        Path b = base.resolve("beta");
        writeNet(a, "alpha", ALPHA_MAC, extraConf);
        writeNet(b, "beta", BETA_MAC, extraConf);
        Files.copy(a.resolve("hosts/alpha"), b.resolve("hosts/alpha"));
        Files.copy(b.resolve("hosts/beta"), a.resolve("hosts/beta"));
        alpha = core(a, ALPHA, alphaDevice, alphaScripts);
        beta = core(b, BETA, betaDevice, betaScripts);
    }

    private static void writeNet(Path dir, String name, String mac, String extraConf) throws Exception {
        Files.createDirectories(dir.resolve("hosts"));
        Files.writeString(dir.resolve("tinc.conf"), "Name = " + name + "\nMode = switch\n" + extraConf + "\n");
        Path host = dir.resolve("hosts/" + name);
        Files.writeString(host, "Subnet = " + mac + "\n", StandardOpenOption.CREATE_NEW);
        KeyGenerator.generateAndWrite(1024, dir.resolve("rsa_key.priv"), host,
                new PrintStream(new ByteArrayOutputStream()));
    }

    private NodeCore core(Path dir, InetSocketAddress address, List<byte[]> device, RecordingScripts scripts)
            throws Exception {
        ServerConfig config = ConfigLoader.loadServer(NetDirectory.of(null, dir), List.of());
        RSAPrivateKey key = KeyLoading.ownPrivateKey(config.privateKeyHex(), config.myHost().publicKeyHex(),
                config.privateKeyFile());
        CoreSettings settings = CoreSettings.from(config, key, List.of(), true);
        NodeCore core = new NodeCore(settings, fabric.outputsFor(address, device), scripts, loop::now);
        fabric.register(address, core);
        loop.tickEverySecond(core);
        return core;
    }

    /** alpha's outgoing connection to beta: what OutgoingConnector and MetaListener do on connect/accept. */
    void connect() {
        InMemoryMetaLink[] pair = InMemoryMetaLink.pair(loop, ALPHA_TCP_SOURCE, BETA, linkLatencyMillis);
        alphaLink = pair[0];
        betaLink = pair[1];
        MetaSession atBeta = beta.accepted(betaLink);
        betaLink.attach(atBeta);
        MetaSession atAlpha = alpha.connected("beta", alphaLink, null);
        alphaLink.attach(atAlpha);
    }

    boolean bothReachable() {
        return alpha.graph().snapshot().reachable("beta") && beta.graph().snapshot().reachable("alpha");
    }

    long counter(NodeCore core, String name) {
        Long v = core.counters().snapshot().get(name);
        if (v == null) {
            throw new IllegalArgumentException("no counter " + name);
        }
        return v;
    }
}
