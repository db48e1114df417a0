package io.jtinc.swarm;

import io.jtinc.crypto.RsaKeyPem;
import io.jtinc.protocol.meta.AuthConfig;
import io.jtinc.protocol.meta.ConnectionOptions;
import io.jtinc.protocol.meta.MetaCounters;
import io.jtinc.protocol.meta.PeerCredentials;
import io.jtinc.protocol.meta.PeerLookup;
import io.jtinc.protocol.meta.PeerOverrides;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the swarm: {@code prepare CACHE N HUB_HOSTS_DIR} makes the keys and the hub's host files;
 * {@code run CACHE N HUB_IP HUB_PORT HUB_HOST_FILE SOURCE_IPS SECONDS} connects N nodes at once (a boot storm),
 * round-robin over the comma-separated source addresses, all on this one thread, and prints a line each second
 * ("authenticated K of N at T ms") until SECONDS have passed. What the hub makes of them (reachable nodes, RSS,
 * CPU) is read from the hub by scripts/bench.
 */
public final class SwarmMain {
    private SwarmMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 4 && args[0].equals("prepare")) {
            SwarmKeys.prepare(Path.of(args[1]), Integer.parseInt(args[2]), Path.of(args[3]));
            System.out.println("prepared " + args[2]);
            return;
        }
        if (args.length != 8 || !args[0].equals("run")) {
            System.err.println("usage: SwarmMain prepare CACHE N HUB_HOSTS | run CACHE N HUB_IP HUB_PORT HUB_HOST_FILE"
                    + " SOURCE_IPS SECONDS");
            System.exit(2);
        }
        Path cache = Path.of(args[1]);
        int n = Integer.parseInt(args[2]);
        InetSocketAddress hub = new InetSocketAddress(args[3], Integer.parseInt(args[4]));
        RSAPublicKey hubKey = RsaKeyPem.readPublicKey(Path.of(args[5]));
        String[] sources = args[6].split(",");
        long seconds = Long.parseLong(args[7]);
        List<SwarmNode> nodes = nodes(cache, n, hub, hubKey, sources);
        drive(nodes, seconds * 1000, () -> false, System.out);
    }

    /** N nodes with keys from the cache, dialling the hub from the given source addresses in turn. */
    static List<SwarmNode> nodes(Path cache, int n, InetSocketAddress hub, RSAPublicKey hubKey, String[] sources)
            throws Exception {
        PeerLookup lookup = name -> {
            if (!name.equals("hub")) {
                throw new PeerLookup.UnknownPeerException("only the hub");
            }
            return new PeerCredentials(hubKey, null, PeerOverrides.NONE);
        };
        MetaCounters counters = new MetaCounters();
        SecureRandom random = new SecureRandom();
        List<SwarmNode> nodes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // PingTimeout 5 s (tincd's default) is also the handshake deadline: a tarpitted node retries after it.
            AuthConfig cfg = new AuthConfig(SwarmKeys.name(i), RsaKeyPem.readPrivateKey(cache.resolve(
                    SwarmKeys.name(i) + ".priv")), 32, "655", ConnectionOptions.PMTU_DISCOVERY, 60_000, 5_000,
                    lookup, counters, random);
            nodes.add(new SwarmNode(cfg, hub, new InetSocketAddress(sources[i % sources.length], 0)));
        }
        return nodes;
    }

    /**
     * Runs the nodes on the calling thread (its network namespace is theirs) for at most maxMillis or until stop
     * says so, reporting once a second.
     */
    static void drive(List<SwarmNode> nodes, long maxMillis, java.util.function.BooleanSupplier stop,
                      java.io.PrintStream report) throws Exception {
        long t0 = System.nanoTime();
        Selector selector = Selector.open();
        long nextReport = 1000;
        long nextTick = 0;
        boolean allReported = false;
        while (true) {
            long now = (System.nanoTime() - t0) / 1_000_000;
            if (now > maxMillis || stop.getAsBoolean()) {
                break;
            }
            for (SwarmNode node : nodes) {
                if (!node.connected() && now >= node.retryAt) {
                    node.connect(selector, now);
                }
            }
            selector.select(20);
            now = (System.nanoTime() - t0) / 1_000_000;
            for (SelectionKey k : selector.selectedKeys()) {
                ((SwarmNode) k.attachment()).onReady(now);
            }
            selector.selectedKeys().clear();
            if (now >= nextTick) {
                nodes.forEach(node -> node.tick(((System.nanoTime() - t0) / 1_000_000)));
                nextTick = now + 100;
            }
            long up = nodes.stream().filter(x -> x.authenticatedAt >= 0).count();
            if (now >= nextReport) {
                long attempts = nodes.stream().mapToLong(x -> x.attempts).sum();
                report.printf("authenticated %d of %d at %d ms (%d connection attempts; failures %s)%n", up,
                        nodes.size(), now, attempts, SwarmNode.FAILURES);
                nextReport += 1000;
            }
            if (up == nodes.size() && !allReported) {
                report.printf("all %d authenticated at %d ms%n", nodes.size(), now);
                allReported = true;
            }
        }
        nodes.forEach(SwarmNode::close);
        selector.close();
    }
}
