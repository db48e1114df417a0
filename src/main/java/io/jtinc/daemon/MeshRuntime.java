package io.jtinc.daemon;

import io.jtinc.config.AddressFamily;
import io.jtinc.config.BindAddress;
import io.jtinc.config.ConfigException;
import io.jtinc.config.ConfigLoader;
import io.jtinc.config.HostConfig;
import io.jtinc.config.ServerConfig;
import io.jtinc.device.Device;
import io.jtinc.log.Log;
import io.jtinc.net.AcceptThrottle;
import io.jtinc.net.Addresses;
import io.jtinc.net.MetaListener;
import io.jtinc.net.LocalAddresses;
import io.jtinc.net.Outgoing;
import io.jtinc.net.OutgoingConnector;
import io.jtinc.net.Ports;
import io.jtinc.net.ReconnectBackoff;
import io.jtinc.net.Tarpit;
import io.jtinc.net.Transport;
import io.jtinc.net.UdpEndpoints;
import io.jtinc.node.CoreSettings;
import io.jtinc.node.NodeCore;
import io.jtinc.node.NodeScripts;
import io.jtinc.node.Outputs;
import io.jtinc.protocol.data.HolePunch;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoop;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * The network half of a running jtincd: the node core on the event loop, its TCP and UDP sockets (same port,
 * as tincd), the ConnectTo connections with back-off, and the once-a-second housekeeping tick. Everything here
 * runs on the one event loop; name resolution runs on a small daemon thread pool.
 */
final class MeshRuntime implements AutoCloseable {
    private final Transport transport;
    private final EventLoopGroup group;
    private final IoEventLoop loop;
    private final Device device;
    private final NodeCore core;
    private final Tarpit tarpit = new Tarpit();
    private final ExecutorService resolver = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "jtinc-resolver");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Outgoing> outgoing = new LinkedHashMap<>();
    private MetaListener listener;
    private UdpEndpoints udp;
    private ScheduledFuture<?> ticker;
    private ScheduledFuture<?> punchTicker;
    private ScheduledFuture<?> addressWatch;
    private ServerConfig config;
    private boolean deviceBatchOpen;
    /** Set by shutDown(): frames the kernel still sends while tinc-down runs are dropped, not learnt or routed. */
    private boolean closed;
    /** Lets the closed connection's onClosed (and its back-off timer) run before the redial replaces that timer. */
    private static final long REDIAL_DELAY_MILLIS = 100;
    private final TrafficCounters traffic;

    MeshRuntime(Transport transport, EventLoopGroup group, IoEventLoop loop, Device device, ServerConfig config,
                CoreSettings settings, NodeScripts scripts, TrafficCounters traffic) {
        this.traffic = traffic;
        this.transport = transport;
        this.group = group;
        this.loop = loop;
        this.device = device;
        this.config = config;
        this.core = new NodeCore(settings, outputs(), scripts, MeshRuntime::monotonicMillis);
        core.setDeferredFlush(loop::execute);
    }

    static long monotonicMillis() {
        return System.nanoTime() / 1_000_000;
    }

    NodeCore core() {
        return core;
    }

    private Outputs outputs() {
        return new Outputs() {
            @Override
            public void writeDevice(ByteBuffer frame) {
                try {
                    int length = frame.remaining();
                    device.write(frame);
                    traffic.deviceOut(length);
                } catch (IOException e) {
                    Log.debug(Log.TRAFFIC, "Can't write to " + device.devicePath() + ": " + e.getMessage());
                }
            }

            @Override
            public void sendUdp(ByteBuffer datagram, InetSocketAddress to, IntConsumer onTooBig) {
                udp.send(datagram, to, tooBig(onTooBig));
            }

            @Override
            public boolean lowTtlSupported() {
                // Asked before the sockets exist: the transport decides (NIO cannot set IP_TTL per socket).
                return transport == Transport.EPOLL;
            }

            @Override
            public void sendUdpWithTtl(ByteBuffer datagram, InetSocketAddress to, int ttl, IntConsumer onTooBig) {
                ByteBuf buf = udp.alloc().directBuffer(datagram.remaining());
                buf.writeBytes(datagram);
                udp.sendWithTtl(buf, to, ttl, tooBig(onTooBig));
            }
        };
    }

    /** A send failure that is EMSGSIZE (DF set, bigger than the interface allows) goes to {@code onTooBig}. */
    private static java.util.function.BiConsumer<Integer, Throwable> tooBig(IntConsumer onTooBig) {
        return onTooBig == null ? null : (len, cause) -> {
            String m = String.valueOf(cause.getMessage());
            if (m.contains("too long") || m.contains("EMSGSIZE")) {
                onTooBig.accept(len);
            }
        };
    }

    /** Binds the sockets and starts the outgoing connections; called on the loop after tinc-up. */
    void start() throws IOException {
        int port = Ports.resolve(config.myHost().port());
        List<InetSocketAddress> addresses = listenAddresses(port);
        AcceptThrottle throttle = new AcceptThrottle(config.maxConnectionBurst());
        listener = MetaListener.bind(transport, group, addresses, tarpit, throttle,
                MeshRuntime::monotonicMillis, core::accepted);
        core.transportCounters(() -> {
            Map<String, Long> m = new LinkedHashMap<>();
            m.put("accept_throttled", throttle.throttled());
            m.put("tarpitted", tarpit.parkedTotal());
            m.put("tarpit_parked_now", (long) tarpit.size());
            m.put("udp_send_queue_drops", udp == null ? 0L : udp.sendQueueDrops());
            m.put("udp_punch_queue_drops", udp == null ? 0L : udp.lowTtlDrops());
            return m;
        });
        udp = UdpEndpoints.bind(transport, group, addresses, core.settings().pmtuDiscovery(), config.udpRcvBuf(),
                config.udpSndBuf(), new UdpEndpoints.Receiver() {
                    @Override
                    public void onDatagram(ByteBuf content, InetSocketAddress sender) {
                        core.onDatagram(content.nioBuffer(), sender);
                    }

                    // The frames decrypted from one burst reach the device together, so a TAP with offloads
                    // can write a flow's consecutive TCP segments as one super-frame.
                    @Override
                    public void onBurstStart() {
                        device.beginBatch();
                    }

                    @Override
                    public void onBurstEnd() {
                        device.endBatch();
                    }
                });
        ticker = loop.scheduleAtFixedRate(core::tick, 1, 1, TimeUnit.SECONDS);
        punchTicker = loop.scheduleAtFixedRate(core::tickPunches, HolePunch.PUNCH_INTERVAL_MILLIS,
                HolePunch.PUNCH_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        addressWatch = loop.scheduleAtFixedRate(this::checkLocalAddresses, 1, 1, TimeUnit.SECONDS);
        loop.execute(() -> config.connectTo().forEach(this::startOutgoing));
    }

    private List<InetSocketAddress> listenAddresses(int port) throws IOException {
        List<InetSocketAddress> out = new ArrayList<>();
        for (BindAddress b : config.bindToAddress()) {
            int p = b.port().map(Ports::resolve).orElse(port);
            String host = b.host().orElse(null);
            if (host == null || host.equals("*")) {
                out.addAll(wildcard(p));
            } else {
                out.add(new InetSocketAddress(InetAddress.getByName(host), p));
            }
        }
        return out.isEmpty() ? wildcard(port) : out;
    }

    private List<InetSocketAddress> wildcard(int port) {
        AddressFamily family = config.addressFamily();
        boolean v4 = family != AddressFamily.IPV6;
        boolean v6 = family != AddressFamily.IPV4;
        if (transport == Transport.NIO && v4 && v6) {
            // NIO cannot set IPV6_V6ONLY: one dual-stack :: socket serves both families.
            v4 = false;
        }
        return Addresses.wildcard(v4, v6, port);
    }

    private void startOutgoing(String peer) {
        if (peer.equals(core.settings().myName()) || outgoing.containsKey(peer)) {
            return;
        }
        OutgoingConnector connector = new OutgoingConnector(transport, loop, resolver, tarpit);
        Outgoing[] self = new Outgoing[1];
        Outgoing o = new Outgoing(peer, loop, connector, new ReconnectBackoff(config.minTimeout(), config.maxTimeout()),
                (int) core.settings().pingTimeoutMillis(), () -> target(peer),
                link -> core.connected(peer, link, self[0]));
        self[0] = o;
        outgoing.put(peer, o);
        o.start();
    }

    /** The peer's Address lines, re-read for every round so an edited host file takes effect. */
    private Outgoing.Target target(String peer) {
        try {
            HostConfig host = ConfigLoader.loadHost(core.settings().directory(), peer, core.settings().options());
            return new Outgoing.Target(host.addresses(), host.port());
        } catch (ConfigException e) {
            Log.error("Could not read the host file of " + peer + ": " + e.getMessage());
            return new Outgoing.Target(List.of(), "655");
        }
    }

    /**
     * Once a second, off the loop: are the local addresses of our meta connections still ours? A roaming Pi's
     * connection to the hub is closed and redialled at once, from its new address (issue 4: traffic back within
     * 2 s), instead of hanging until the next PING times out.
     */
    private void checkLocalAddresses() {
        try {
            resolver.execute(() -> LocalAddresses.current().ifPresent(assigned -> loop.execute(() -> {
                for (String peer : core.closeConnectionsWithVanishedAddress(assigned)) {
                    // After the close has been processed (it schedules the back-off), skip the wait.
                    loop.schedule(() -> {
                        Outgoing o = outgoing.get(peer);
                        if (o != null) {
                            o.retryNow();
                        }
                    }, REDIAL_DELAY_MILLIS, TimeUnit.MILLISECONDS);
                }
            })));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // Shutting down.
        }
    }

    void onDeviceFrame(ByteBuffer frame) {
        if (closed) {
            return;
        }
        if (!deviceBatchOpen && udp != null) {
            // The datagrams made from one drain of the device leave together (sendmmsg) at onDeviceBatchEnd.
            deviceBatchOpen = true;
            udp.beginBatch();
        }
        core.onDeviceFrame(frame);
    }

    void onDeviceBatchEnd() {
        if (deviceBatchOpen) {
            deviceBatchOpen = false;
            udp.endBatch();
        }
    }

    /** SIGALRM: retry every outgoing connection now and ping every peer. */
    void retryNow() {
        outgoing.values().forEach(Outgoing::retryNow);
        core.pingAll();
    }

    /** SIGHUP: new ConnectTo entries start; removed ones stop (existing connections stay up). */
    void reload(ServerConfig newConfig) {
        this.config = newConfig;
        List<String> wanted = newConfig.connectTo();
        for (String peer : new ArrayList<>(outgoing.keySet())) {
            if (!wanted.contains(peer)) {
                outgoing.remove(peer).cancel();
            }
        }
        wanted.forEach(this::startOutgoing);
        core.reloadHosts();
    }

    /**
     * Closes every connection and socket (tincd: close_network_connections). Returns our own subnets at that
     * moment, configured and learnt, for the subnet-down scripts the daemon runs before tinc-down: tincd's
     * subnet_update(myself, NULL, false) covers learnt MACs too. No frame is routed or learnt after this.
     */
    public List<io.jtinc.config.SubnetSpec> shutDown() {
        closed = true;
        if (ticker != null) {
            ticker.cancel(false);
        }
        if (punchTicker != null) {
            punchTicker.cancel(false);
        }
        if (addressWatch != null) {
            addressWatch.cancel(false);
        }
        outgoing.values().forEach(Outgoing::cancel);
        core.shutdown();
        if (listener != null) {
            listener.close();
        }
        if (udp != null) {
            udp.close();
        }
        tarpit.closeAll();
        resolver.shutdownNow();
        return core.graph().ownSubnets();
    }

    @Override
    public void close() {
        shutDown();
    }
}
