package io.jtinc.config;

import static io.jtinc.config.Var.Scope.HOST;
import static io.jtinc.config.Var.Scope.SERVER;

import io.jtinc.config.Var.Parser;
import io.jtinc.config.Var.Scope;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * THE table of every variable tincd 1.0.36 reads on Linux (spec §11.3 and §11.4): scope, repeatability, parser and
 * default. Nothing else in this package lists variable names; ServerConfig/HostConfig getters only refer to rows.
 * Defaults are tincd's; where tincd derives a default at run time (Interface = netname, PMTUDiscovery = !TCPOnly,
 * PrivateKeyFile = confbase/rsa_key.priv) the row has null and the getter computes it.
 */
public final class Variables {
    private static final Map<String, Var<?>> BY_NAME = new LinkedHashMap<>();

    private static final String SECONDS = "a whole number of seconds";

    // ---- server variables (tinc.conf, conf.d/*.conf, -o VAR=VALUE) ----
    public static final Var<AddressFamily> ADDRESS_FAMILY = server("AddressFamily",
            Values.choice("ipv4, ipv6 or any", "ipv4", AddressFamily.IPV4, "ipv6", AddressFamily.IPV6, "any", AddressFamily.ANY),
            AddressFamily.ANY);
    public static final Var<BindAddress> BIND_TO_ADDRESS = multi("BindToAddress", SERVER, Values.bindAddress());
    public static final Var<String> BIND_TO_INTERFACE = server("BindToInterface", Values.string(), null);
    // "yes" is tincd's old spelling of mst
    public static final Var<Broadcast> BROADCAST = server("Broadcast",
            Values.choice("no, mst, direct or yes (= mst)", "no", Broadcast.NO, "yes", Broadcast.MST, "mst", Broadcast.MST,
                    "direct", Broadcast.DIRECT), Broadcast.MST);
    public static final Var<String> CONNECT_TO = multi("ConnectTo", SERVER, Values.nodeName());
    // jtinc extensions (tincd warns about and ignores them): enrolment by invitation delegates a /64 of this
    // prefix to each invited node, and gives it an address on the transfer network (see io.jtinc.invite)
    public static final Var<String> DELEGATION_PREFIX = server("DelegationPrefix", Values.string(), null);
    public static final Var<String> TRANSFER_NETWORK = server("TransferNetwork", Values.string(), null);
    // tinc 1.1's variable (1.0.36 has the 10 built in): the accept within one second that goes to the tarpit
    public static final Var<Integer> MAX_CONNECTION_BURST = server("MaxConnectionBurst",
            Values.integer(1, 100_000, "a number of connections per second >= 1 (tincd 1.0's fixed value is 10)"), 10);
    // jtinc extension: a Prometheus text endpoint (GET /metrics) on this address; off when unset
    public static final Var<java.net.InetSocketAddress> PROMETHEUS_ADDRESS = server("PrometheusAddress",
            Values.listenAddress(), null);
    public static final Var<Boolean> DECREMENT_TTL = server("DecrementTTL", Values.bool(), false);
    public static final Var<String> DEVICE = server("Device", Values.string(), "/dev/net/tun");
    // no "auto" and no "vde": Debian's tincd 1.0.36 answers "Unknown device type" to both (verified)
    public static final Var<DeviceType> DEVICE_TYPE = server("DeviceType",
            Values.choice("tun, tap, dummy, raw_socket, multicast or uml", "tun", DeviceType.TUN, "tap", DeviceType.TAP,
                    "dummy", DeviceType.DUMMY, "raw_socket", DeviceType.RAW_SOCKET, "multicast", DeviceType.MULTICAST,
                    "uml", DeviceType.UML), DeviceType.AUTO);
    public static final Var<Boolean> DIRECT_ONLY = server("DirectOnly", Values.bool(), false);
    public static final Var<Forwarding> FORWARDING = server("Forwarding",
            Values.choice("off, internal or kernel", "off", Forwarding.OFF, "internal", Forwarding.INTERNAL,
                    "kernel", Forwarding.KERNEL), Forwarding.INTERNAL);
    public static final Var<String> GRAPH_DUMP_FILE = server("GraphDumpFile", Values.string(), null);
    // jtinc extension (tincd warns about and ignores it): low-TTL UDP hole punching between jtinc nodes behind NAT
    public static final Var<Boolean> HOLE_PUNCH = server("HolePunch", Values.bool(), true);
    public static final Var<Integer> HOLE_PUNCH_TTL = server("HolePunchTTL",
            Values.integer(1, 255, "a hop count from 1 to 255"), 2);
    public static final Var<Boolean> HOSTNAMES = server("Hostnames", Values.bool(), false);
    public static final Var<Boolean> IFF_ONE_QUEUE = server("IffOneQueue", Values.bool(), false);
    public static final Var<String> INTERFACE = server("Interface", Values.interfaceName(), null);
    // tincd accepts 0 and negative expiry times and then renews keys on every timer tick; refuse them.
    public static final Var<Integer> KEY_EXPIRE = server("KeyExpire", Values.integer(1, Integer.MAX_VALUE, SECONDS + " > 0"), 3600);
    public static final Var<Boolean> LOCAL_DISCOVERY = server("LocalDiscovery", Values.bool(), false);
    public static final Var<Integer> MAC_EXPIRE = server("MACExpire", Values.integer(1, Integer.MAX_VALUE, SECONDS + " > 0"), 600);
    // 10 full frames of 1518 bytes (net.h MAXSIZE-ish default in net_setup.c)
    public static final Var<Integer> MAX_OUTPUT_BUFFER_SIZE = server("MaxOutputBufferSize",
            Values.integer(0, Integer.MAX_VALUE, "a number of bytes >= 0"), 10 * 1518);
    // tincd: "Bogus maximum timeout!" for <= 0
    public static final Var<Integer> MAX_TIMEOUT = server("MaxTimeout", Values.integer(1, Integer.MAX_VALUE, SECONDS + " > 0"), 900);
    public static final Var<Integer> MIN_TIMEOUT = server("MinTimeout", Values.integer(0, Integer.MAX_VALUE, SECONDS + " >= 0"), 0);
    public static final Var<Mode> MODE = server("Mode",
            Values.choice("router, switch or hub", "router", Mode.ROUTER, "switch", Mode.SWITCH, "hub", Mode.HUB), Mode.ROUTER);
    // Name is expanded ($HOST, $VAR) and checked by ConfigLoader, because expansion needs the environment.
    public static final Var<String> NAME = server("Name", Values.string(), null);
    // tincd documents "< 1 means 86400" rather than rejecting it, so any number is accepted (see ServerConfig)
    public static final Var<Integer> PING_INTERVAL = server("PingInterval",
            Values.integer(Integer.MIN_VALUE, Integer.MAX_VALUE, SECONDS), 60);
    public static final Var<Integer> PING_TIMEOUT = server("PingTimeout",
            Values.integer(Integer.MIN_VALUE, Integer.MAX_VALUE, SECONDS), 5);
    public static final Var<Boolean> PRIORITY_INHERITANCE = server("PriorityInheritance", Values.bool(), false);
    public static final Var<String> PRIVATE_KEY = server("PrivateKey", Values.hex(), null);
    public static final Var<Path> PRIVATE_KEY_FILE = server("PrivateKeyFile", Values.path(), null);
    // nice values tincd uses for the three words (setpriority)
    public static final Var<Integer> PROCESS_PRIORITY = server("ProcessPriority",
            Values.choice("low, normal or high", "low", 10, "normal", 0, "high", -10), null);
    public static final Var<String> PROXY = server("Proxy", Values.proxy(), null);
    public static final Var<Integer> REPLAY_WINDOW = server("ReplayWindow",
            Values.integer(0, Integer.MAX_VALUE, "a number of bytes >= 0 (0 disables replay protection)"), 16);
    public static final Var<String> SCRIPTS_INTERPRETER = server("ScriptsInterpreter", Values.string(), null);
    public static final Var<Boolean> STRICT_SUBNETS = server("StrictSubnets", Values.bool(), false);
    public static final Var<Boolean> TUNNEL_SERVER = server("TunnelServer", Values.bool(), false);
    public static final Var<Integer> UDP_RCV_BUF = server("UDPRcvBuf", Values.integer(1, Integer.MAX_VALUE, "a number of bytes > 0"), null);
    public static final Var<Integer> UDP_SND_BUF = server("UDPSndBuf", Values.integer(1, Integer.MAX_VALUE, "a number of bytes > 0"), null);
    public static final Var<String> VDE_GROUP = server("VDEGroup", Values.string(), null);
    public static final Var<String> VDE_PORT = server("VDEPort", Values.string(), null);

    // ---- host variables (hosts/NAME, -o NAME.VAR=VALUE; for ourselves also tinc.conf) ----
    public static final Var<HostAddress> ADDRESS = multi("Address", HOST, Values.hostAddress());
    public static final Var<String> CIPHER = host("Cipher", Values.string(), "aes-256-cbc");
    public static final Var<Boolean> CLAMP_MSS = host("ClampMSS", Values.bool(), true);
    // zlib levels 1-9, LZO 10-11 (tincd: "Bogus compression level!")
    public static final Var<Integer> COMPRESSION = host("Compression",
            Values.integer(0, 11, "0 (off), 1-9 (zlib) or 10-11 (LZO)"), 0);
    public static final Var<String> DIGEST = host("Digest", Values.string(), "sha256");
    public static final Var<Boolean> INDIRECT_DATA = host("IndirectData", Values.bool(), false);
    // the upper bound (digest size) is checked where the digest is known
    public static final Var<Integer> MAC_LENGTH = host("MACLength",
            Values.integer(0, Integer.MAX_VALUE, "a number of bytes from 0 to the digest size"), 4);
    // 1518 = tinc's MTU constant (the manual's 1514 is wrong, spec Appendix C)
    public static final Var<Integer> PMTU = host("PMTU", Values.integer(1, Integer.MAX_VALUE, "a number of bytes > 0"), 1518);
    public static final Var<Boolean> PMTU_DISCOVERY = host("PMTUDiscovery", Values.bool(), null);
    public static final Var<String> PORT = host("Port", Values.port(), "655");
    public static final Var<String> PUBLIC_KEY = host("PublicKey", Values.hex(), null);
    public static final Var<Path> PUBLIC_KEY_FILE = host("PublicKeyFile", Values.path(), null);
    public static final Var<SubnetSpec> SUBNET = multi("Subnet", HOST, Values.subnet());
    public static final Var<Boolean> TCP_ONLY = host("TCPOnly", Values.bool(), false);
    public static final Var<Integer> WEIGHT = host("Weight", Values.integer(0, Integer.MAX_VALUE, "a number >= 0 (milliseconds)"), null);

    private Variables() {
    }

    public static Optional<Var<?>> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name.toLowerCase(Locale.ROOT)));
    }

    public static Collection<Var<?>> all() {
        return Collections.unmodifiableCollection(BY_NAME.values());
    }

    private static <T> Var<T> server(String name, Parser<T> p, T dflt) {
        return add(new Var<>(name, SERVER, false, p, dflt));
    }

    private static <T> Var<T> host(String name, Parser<T> p, T dflt) {
        return add(new Var<>(name, HOST, false, p, dflt));
    }

    private static <T> Var<T> multi(String name, Scope scope, Parser<T> p) {
        return add(new Var<>(name, scope, true, p, null));
    }

    private static <T> Var<T> add(Var<T> v) {
        BY_NAME.put(v.name().toLowerCase(Locale.ROOT), v);
        return v;
    }
}
