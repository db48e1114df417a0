package io.jtinc.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a net's files live, resolved from {@code -n} and {@code -c} as tincd.c:make_names does: confbase is
 * {@code -c DIR}, else {@code /etc/tinc/NET} with {@code -n NET}, else {@code /etc/tinc}. {@code -n .} means "no netname".
 * The netname still names the pid file, log file and syslog ident when {@code -c} is given.
 */
public final class NetDirectory {
    private static final Path ETC_TINC = Path.of("/etc/tinc");

    private final Optional<String> netname;
    private final Path confbase;

    private NetDirectory(Optional<String> netname, Path confbase) {
        this.netname = netname;
        this.confbase = confbase;
    }

    public static NetDirectory of(String netname, Path configDir) {
        return of(netname, configDir, ETC_TINC);
    }

    /**
     * @throws IllegalArgumentException for an empty netname or one containing '/'. tincd 1.0.36 accepts both
     *         ("-n ''" gives "/etc/tinc//", "-n ../x" escapes /etc/tinc); we refuse them because the netname also
     *         becomes part of /run and /var/log file names.
     */
    public static NetDirectory of(String netname, Path configDir, Path etcTinc) {
        Objects.requireNonNull(etcTinc, "etcTinc");
        Optional<String> net = Optional.ofNullable(netname).filter(n -> !n.equals("."));
        net.ifPresent(n -> {
            if (n.isEmpty()) {
                throw new IllegalArgumentException("empty netname; use -n . for no netname");
            }
            if (n.indexOf('/') >= 0 || n.equals("..")) {
                throw new IllegalArgumentException("invalid netname " + n + "; it must not contain '/'");
            }
        });
        Path base = configDir != null ? configDir : net.map(etcTinc::resolve).orElse(etcTinc);
        return new NetDirectory(net, base);
    }

    public Path confbase() {
        return confbase;
    }

    public Optional<String> netname() {
        return netname;
    }

    public Path tincConf() {
        return confbase.resolve("tinc.conf");
    }

    /** conf.d/*.conf is read after tinc.conf (only names ending in ".conf"). */
    public Path confDir() {
        return confbase.resolve("conf.d");
    }

    public Path hostsDir() {
        return confbase.resolve("hosts");
    }

    public Path hostFile(String nodeName) {
        return hostsDir().resolve(nodeName);
    }

    /** A script below confbase, e.g. "tinc-up" or "hosts/alice-up". */
    public Path script(String name) {
        return confbase.resolve(name);
    }

    /** Debian builds tincd with RUNSTATEDIR=/run. */
    public Path defaultPidFile() {
        return Path.of("/run/" + logIdent() + ".pid");
    }

    /**
     * The daemon's UNIX control socket for a pid file: tinc 1.1's convention, the pid file's name with ".pid"
     * replaced by ".socket" (or ".socket" appended), so whoever can find the pid file finds the socket.
     */
    public static Path controlSocketFor(Path pidfile) {
        String name = pidfile.getFileName().toString();
        String stem = name.endsWith(".pid") ? name.substring(0, name.length() - 4) : name;
        return pidfile.resolveSibling(stem + ".socket");
    }

    public Path defaultLogFile() {
        return Path.of("/var/log/" + logIdent() + ".log");
    }

    /** syslog ident and file name stem: "tinc.NET", or "tinc" without a netname. */
    public String logIdent() {
        return netname.map(n -> "tinc." + n).orElse("tinc");
    }

    @Override
    public String toString() {
        return "NetDirectory[" + netname.orElse("(none)") + " at " + confbase + "]";
    }
}
