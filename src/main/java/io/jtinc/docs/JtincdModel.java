package io.jtinc.docs;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * jtincd's options as a picocli model, for its man page and bash completion only. jtincd itself parses with
 * {@link io.jtinc.cli.JtincdOptions}, which follows tincd's getopt_long exactly (abbreviated long options, optional
 * arguments glued to the option), something picocli does not reproduce; JtincdModelTest keeps the two lists equal.
 */
@Command(name = "jtincd", header = "VPN daemon speaking tinc 1.0's protocol, a drop-in replacement for tincd",
        description = {"jtincd is a VPN daemon that speaks tinc 1.0's protocol: a drop-in replacement for tincd 1.0.36. "
            + "It reads the same configuration (tinc.conf, conf.d/, hosts/, rsa_key.priv and the tinc-up, tinc-down, "
            + "host-up, host-down, subnet-up and subnet-down scripts), interoperates with tincd nodes on the wire, and "
            + "takes tincd's options, exit codes and log texts.",
            "Without -D it detaches once the virtual network device is up and tinc-up has run. Under systemd "
            + "(jtinc@NET.service, Type=notify) it reports READY, RELOADING, STOPPING and WATCHDOG to the service "
            + "manager."})
final class JtincdModel {
    static final class Signals implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return java.util.List.of("HUP", "TERM", "KILL", "USR1", "USR2", "WINCH", "INT", "ALRM").iterator();
        }
    }

    @Option(names = {"-c", "--config"}, paramLabel = "DIR", description = "Read configuration options from DIR "
            + "(default: /etc/tinc/NETNAME, or /etc/tinc without -n).")
    java.nio.file.Path config;

    @Option(names = {"-D", "--no-detach"}, description = "Don't fork and detach; log to standard error.")
    boolean noDetach;

    @Option(names = {"-d", "--debug"}, arity = "0..1", paramLabel = "LEVEL",
            description = "Increase the debug level, or set it to LEVEL (0-5).")
    String debug;

    @Option(names = {"-k", "--kill"}, arity = "0..1", paramLabel = "SIGNAL", completionCandidates = Signals.class,
            description = "Send SIGNAL (default TERM) to the running jtincd of this net and exit. One of: "
                    + "${COMPLETION-CANDIDATES}.")
    String kill;

    @Option(names = {"-n", "--net"}, paramLabel = "NETNAME", description = "Connect to net NETNAME: configuration "
            + "in /etc/tinc/NETNAME, pid file /run/tinc.NETNAME.pid.")
    String net;

    @Option(names = {"-K", "--generate-keys"}, arity = "0..1", paramLabel = "BITS",
            description = "Generate a public/private RSA key pair (default 2048 bits) and exit.")
    String generateKeys;

    @Option(names = {"-L", "--mlock"}, description = "Lock jtincd into main memory.")
    boolean mlock;

    @Option(names = "--logfile", arity = "0..1", paramLabel = "FILENAME",
            description = "Write log entries to FILENAME (default /var/log/tinc.NETNAME.log) instead of syslog.")
    java.nio.file.Path logfile;

    @Option(names = "--pidfile", paramLabel = "FILENAME", description = "Write the pid to FILENAME; the control "
            + "socket goes beside it (X.pid gives X.socket).")
    java.nio.file.Path pidfile;

    @Option(names = {"-o", "--option"}, paramLabel = "[HOST.]KEY=VALUE",
            description = "Set a global or host configuration value, overriding the files.")
    String[] options;

    @Option(names = {"-R", "--chroot"}, description = "chroot to the net's directory at start-up (not implemented).")
    boolean chroot;

    @Option(names = {"-U", "--user"}, paramLabel = "USER", description = "setuid to USER at start-up.")
    String user;

    @Option(names = "--help", usageHelp = true, description = "Display the help and exit.")
    boolean help;

    @Option(names = "--version", versionHelp = true, description = "Output version information and exit.")
    boolean version;

    @Option(names = "--bypass-security", hidden = true, description = "For testing only.")
    boolean bypassSecurity;
}
