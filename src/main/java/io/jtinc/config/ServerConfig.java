package io.jtinc.config;

import static io.jtinc.config.Variables.*;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Every tinc.conf variable of tincd 1.0.36 (spec §11.3) as a typed getter with tincd's default. Built by
 * {@link ConfigLoader#loadServer}; all values were validated there, so getters never fail.
 */
public final class ServerConfig {
    private final String name;
    private final Settings settings;
    private final ConfigTree tree;
    private final NetDirectory directory;
    private final HostConfig myHost;

    ServerConfig(String name, Settings settings, ConfigTree tree, NetDirectory directory) {
        this.name = name;
        this.settings = settings;
        this.tree = tree;
        this.directory = directory;
        this.myHost = new HostConfig(name, settings, tree, directory.hostFile(name));
    }

    /** Our node name, after $HOST/$VAR expansion. */
    public String name() {
        return name;
    }

    public Mode mode() {
        return settings.get(MODE);
    }

    /** AUTO when unset: TUN in router mode, TAP otherwise (decided by the device code). */
    public DeviceType deviceType() {
        return settings.get(DEVICE_TYPE);
    }

    public String device() {
        return settings.get(DEVICE);
    }

    /** The configured Interface only; see {@link #effectiveInterfaceName()}. */
    public Optional<String> interfaceName() {
        return settings.optional(INTERFACE);
    }

    /**
     * Interface, else the netname (tincd on Linux), else empty: the kernel then picks tunN/tapN. A netname longer
     * than 15 characters is cut as the kernel's ifreq would.
     */
    public Optional<String> effectiveInterfaceName() {
        return interfaceName().or(() -> directory.netname().map(n -> n.length() > 15 ? n.substring(0, 15) : n));
    }

    public boolean iffOneQueue() {
        return settings.get(IFF_ONE_QUEUE);
    }

    public List<String> connectTo() {
        return settings.list(CONNECT_TO);
    }

    public AddressFamily addressFamily() {
        return settings.get(ADDRESS_FAMILY);
    }

    public List<BindAddress> bindToAddress() {
        return settings.list(BIND_TO_ADDRESS);
    }

    public Optional<String> bindToInterface() {
        return settings.optional(BIND_TO_INTERFACE);
    }

    public Broadcast broadcast() {
        return settings.get(BROADCAST);
    }

    public boolean decrementTtl() {
        return settings.get(DECREMENT_TTL);
    }

    public boolean directOnly() {
        return settings.get(DIRECT_ONLY);
    }

    public Forwarding forwarding() {
        return settings.get(FORWARDING);
    }

    /** A leading '|' means: pipe the dump to that command. */
    public Optional<String> graphDumpFile() {
        return settings.optional(GRAPH_DUMP_FILE);
    }

    /** The IP TTL of hole punches, 0 when HolePunch = no. */
    public int holePunchTtl() {
        return settings.get(HOLE_PUNCH) ? settings.get(HOLE_PUNCH_TTL) : 0;
    }

    public boolean hostnames() {
        return settings.get(HOSTNAMES);
    }

    public int keyExpire() {
        return settings.get(KEY_EXPIRE);
    }

    public boolean localDiscovery() {
        return settings.get(LOCAL_DISCOVERY);
    }

    public int macExpire() {
        return settings.get(MAC_EXPIRE);
    }

    public int maxOutputBufferSize() {
        return settings.get(MAX_OUTPUT_BUFFER_SIZE);
    }

    public int maxTimeout() {
        return settings.get(MAX_TIMEOUT);
    }

    public int minTimeout() {
        return settings.get(MIN_TIMEOUT);
    }

    /** tincd: a PingInterval below 1 means 86400 (one day), not an error. */
    public int pingInterval() {
        int v = settings.get(PING_INTERVAL);
        return v < 1 ? 86400 : v;
    }

    /** tincd: PingTimeout outside 1..PingInterval is replaced by PingInterval. */
    public int pingTimeout() {
        int v = settings.get(PING_TIMEOUT);
        return v < 1 || v > pingInterval() ? pingInterval() : v;
    }

    public boolean priorityInheritance() {
        return settings.get(PRIORITY_INHERITANCE);
    }

    /** The obsolete PrivateKey (hex private exponent); needs PublicKey (hex modulus) from {@link #myHost()}. */
    public Optional<String> privateKeyHex() {
        return settings.optional(PRIVATE_KEY);
    }

    /**
     * PrivateKeyFile, default confbase/rsa_key.priv. A relative value is returned as written: tincd opens it
     * relative to its working directory (verified), which under systemd's tinc@.service is /etc/tinc/NET.
     */
    public Path privateKeyFile() {
        return settings.optional(PRIVATE_KEY_FILE).orElse(directory.confbase().resolve("rsa_key.priv"));
    }

    /** A nice value: low = 10, normal = 0, high = -10. */
    public Optional<Integer> processPriority() {
        return settings.optional(PROCESS_PRIORITY);
    }

    /** The raw Proxy value ("socks5 host port ...", "exec cmd", "none"); its form was checked. */
    public Optional<String> proxy() {
        return settings.optional(PROXY);
    }

    public int replayWindow() {
        return settings.get(REPLAY_WINDOW);
    }

    public Optional<String> scriptsInterpreter() {
        return settings.optional(SCRIPTS_INTERPRETER);
    }

    /** TunnelServer implies StrictSubnets (net_setup.c). */
    public boolean strictSubnets() {
        return settings.get(STRICT_SUBNETS) || tunnelServer();
    }

    public boolean tunnelServer() {
        return settings.get(TUNNEL_SERVER);
    }

    public Optional<Integer> udpRcvBuf() {
        return settings.optional(UDP_RCV_BUF);
    }

    /** MaxConnectionBurst (tinc 1.1's name): the accept within one second that is tarpitted. */
    public int maxConnectionBurst() {
        return settings.get(Variables.MAX_CONNECTION_BURST);
    }

    /** PrometheusAddress (jtinc extension): where GET /metrics is served; empty means off. */
    public Optional<java.net.InetSocketAddress> prometheusAddress() {
        return settings.optional(Variables.PROMETHEUS_ADDRESS);
    }

    public Optional<Integer> udpSndBuf() {
        return settings.optional(UDP_SND_BUF);
    }

    public Optional<String> vdeGroup() {
        return settings.optional(VDE_GROUP);
    }

    public Optional<String> vdePort() {
        return settings.optional(VDE_PORT);
    }

    /** Host variables for ourselves, looked up in the merged tree (tinc.conf + conf.d + hosts/NAME + -o), §11.1. */
    public HostConfig myHost() {
        return myHost;
    }

    public ConfigTree tree() {
        return tree;
    }

    public NetDirectory directory() {
        return directory;
    }

    @Override
    public String toString() {
        return "ServerConfig[" + name + " " + directory + "]";
    }
}
