package io.jtinc.cli;

import io.jtinc.config.NetDirectory;
import io.jtinc.daemon.KillCommand;
import io.jtinc.daemon.PidFile;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * jtinc: the control tool. It talks to a running jtincd through its control socket (dump, info, log, reload, retry,
 * stop), falling back to the pid file and signals (what tincd 1.0 offers) where there is no socket, and manages the
 * net directory (init, keys, invitations).
 */
@Command(name = "jtinc", mixinStandardHelpOptions = true, versionProvider = JtincMain.VersionProvider.class,
        description = "Control a jtincd daemon and manage its net directory.",
        subcommands = {JtincMain.Pid.class, JtincMain.Stop.class, JtincMain.Reload.class, JtincMain.Retry.class,
            JtincMain.GenerateKeysCommand.class, DumpCommand.class, InfoCommand.class, LogCommand.class,
            InitCommand.class, InviteCommand.class, JoinCommand.class, TopCommand.class, StartBootCommand.class,
            BootListCommands.Enable.class, BootListCommands.Disable.class, ExportCommand.class,
            ExportAllCommand.class, ImportCommand.class, ExchangeCommand.class, ExchangeAllCommand.class,
            CommandLine.HelpCommand.class})
public final class JtincMain implements Callable<Integer> {
    @Option(names = {"-n", "--net"}, paramLabel = "NETNAME", description = "The net (/etc/tinc/NETNAME).")
    String netname;

    @Option(names = {"-c", "--config"}, paramLabel = "DIR", description = "The configuration directory.")
    Path configDir;

    @Option(names = "--pidfile", paramLabel = "FILE", description = "The daemon's pid file.")
    Path pidfile;

    /** Where nets live and nets.boot is: tests and the demo give each simulated machine its own. */
    @Option(names = "--config-root", paramLabel = "DIR", defaultValue = "/etc/tinc",
            description = "The directory holding the nets and nets.boot (default: ${DEFAULT-VALUE}).")
    Path configRoot = Path.of("/etc/tinc");

    public static void main(String[] args) {
        System.exit(new CommandLine(new JtincMain()).execute(args));
    }

    @Override
    public Integer call() {
        new CommandLine(this).usage(System.err);
        return 1;
    }

    NetDirectory directory() {
        return NetDirectory.of(netname, configDir, configRoot);
    }

    /** nets.boot, the list of nets started at boot (Debian's tinc keeps it in /etc/tinc too). */
    Path netsBoot() {
        return configRoot.resolve("nets.boot");
    }

    /**
     * --pidfile, else the jtinc@NET unit's /run/jtinc/NET.pid when that exists, else tincd's default
     * /run/tinc.NET.pid (what jtincd -n NET uses on its own).
     */
    Path pidfile() {
        if (pidfile != null) {
            return pidfile;
        }
        if (netname != null && !netname.equals(".")) {
            Path unit = Path.of("/run/jtinc", netname + ".pid");
            if (java.nio.file.Files.exists(unit)) {
                return unit;
            }
        }
        return directory().defaultPidFile();
    }

    /** The -n net name, or null after telling the user that this command needs one. */
    String requireNet() {
        if (netname == null || netname.equals(".")) {
            System.err.println("This command needs the net's name: jtinc -n NET ...");
            return null;
        }
        return netname;
    }

    /** The control socket sits beside the pid file, as tinc 1.1's does: "X.pid" becomes "X.socket". */
    Path controlSocket() {
        return NetDirectory.controlSocketFor(pidfile());
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return Version.banner("jtinc").split("\n");
        }
    }

    @Command(name = "pid", description = "Print the pid of the running daemon.")
    static final class Pid implements Callable<Integer> {
        @ParentCommand
        JtincMain parent;

        @Override
        public Integer call() {
            OptionalLong pid = PidFile.runningPid(parent.pidfile());
            if (pid.isEmpty()) {
                System.err.println("jtincd is not running (no live pid in " + parent.pidfile() + ")");
                return 1;
            }
            System.out.println(pid.getAsLong());
            return 0;
        }
    }

    /** Subcommands that only send tincd's signal for the action to the running daemon. */
    abstract static class SignalCommand implements Callable<Integer> {
        @ParentCommand
        JtincMain parent;

        abstract String signal();

        /** The control socket's request for the same action. */
        abstract String request();

        /** Through the control socket when there is one; else tincd's way, a signal to the pid in the pid file. */
        @Override
        public Integer call() {
            if (ControlClient.available(parent.controlSocket())) {
                return ControlClient.request(parent.controlSocket(), request(), System.out, System.err);
            }
            return KillCommand.run(parent.pidfile(), signal(), System.err);
        }
    }

    @Command(name = "stop", description = "Stop the daemon (SIGTERM): tinc-down runs, then the device goes.")
    static final class Stop extends SignalCommand {
        @Override
        String signal() {
            return "TERM";
        }

        @Override
        String request() {
            return "stop";
        }
    }

    @Command(name = "reload", description = "Re-read the configuration (SIGHUP).")
    static final class Reload extends SignalCommand {
        @Override
        String signal() {
            return "HUP";
        }

        @Override
        String request() {
            return "reload";
        }
    }

    @Command(name = "retry", description = "Retry all outgoing connections now (SIGALRM).")
    static final class Retry extends SignalCommand {
        @Override
        String signal() {
            return "ALRM";
        }

        @Override
        String request() {
            return "retry";
        }
    }

    @Command(name = "generate-keys", description = "Generate an RSA key pair, as jtincd -K does.")
    static final class GenerateKeysCommand implements Callable<Integer> {
        @ParentCommand
        JtincMain parent;

        @Parameters(arity = "0..1", paramLabel = "BITS", defaultValue = "2048", description = "Key size (1024-8192).")
        int bits;

        @Override
        public Integer call() {
            return GenerateKeys.run(parent.directory(), java.util.List.of(), bits, System.out, System.err);
        }
    }
}
