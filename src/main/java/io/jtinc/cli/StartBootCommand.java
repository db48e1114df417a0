package io.jtinc.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code jtinc start-boot}: starts every net in nets.boot, as Debian's tinc init script does. Under systemd (what
 * jtinc.service runs) each becomes its own {@code jtinc@NET} unit, with its restarts and watchdog; elsewhere each
 * jtincd is started directly and detaches once its tinc-up has run.
 */
@Command(name = "start-boot", description = "Start every net listed in nets.boot: as jtinc@NET units under "
        + "systemd, else as detached jtincd processes. Exits non-zero if any failed to start.")
final class StartBootCommand implements Callable<Integer> {
    @ParentCommand
    JtincMain parent;

    @Option(names = "--no-systemd", description = "Start jtincd directly even when systemd is running.")
    boolean noSystemd;

    @Option(names = "--run-dir", paramLabel = "DIR", defaultValue = "/run/jtinc",
            description = "Where the pid files (NET.pid) and control sockets go (default: ${DEFAULT-VALUE}).")
    Path runDir;

    @Option(names = "--log-dir", paramLabel = "DIR",
            description = "Log each net to DIR/NET.log instead of syslog.")
    Path logDir;

    @Override
    public Integer call() throws IOException, InterruptedException {
        List<String> nets = NetsBoot.read(parent.netsBoot());
        if (nets.isEmpty()) {
            System.out.println("No nets in " + parent.netsBoot() + "; nothing to start (add one with jtinc -n NET enable)");
            return 0;
        }
        boolean systemd = !noSystemd && Files.isDirectory(Path.of("/run/systemd/system"));
        int failed = 0;
        for (String net : nets) {
            if (!NetsBoot.validNet(net)) {
                System.err.println(parent.netsBoot() + ": '" + net + "' is not a net name; skipped");
                failed++;
                continue;
            }
            List<String> cmd = systemd ? List.of("systemctl", "start", "--no-block", "jtinc@" + net + ".service")
                    : jtincd(net);
            Process p = new ProcessBuilder(cmd).inheritIO().start();
            if (!p.waitFor(180, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                System.err.println(net + ": jtincd did not report ready within 180 s");
                failed++;
            } else if (p.exitValue() != 0) {
                System.err.println(net + ": " + String.join(" ", cmd) + " exited with " + p.exitValue());
                failed++;
            } else {
                System.out.println(net + ": started" + (systemd ? " (jtinc@" + net + ")" : ""));
            }
        }
        return failed == 0 ? 0 : 1;
    }

    /** jtincd for one net: its directory under the config root, pid file (and socket) in the run dir, $EXTRA. */
    private List<String> jtincd(String net) throws IOException {
        Files.createDirectories(runDir);
        List<String> cmd = new ArrayList<>(List.of(launcher(), "-n", net, "-c",
                parent.configRoot.resolve(net).toString(), "--pidfile=" + runDir.resolve(net + ".pid")));
        if (logDir != null) {
            Files.createDirectories(logDir);
            cmd.add("--logfile=" + logDir.resolve(net + ".log"));
        }
        String extra = System.getenv("EXTRA"); // /etc/default/jtinc, as Debian's tinc passes $EXTRA
        if (extra != null && !extra.isBlank()) {
            cmd.addAll(List.of(extra.trim().split("\\s+")));
        }
        return cmd;
    }

    /** The jtincd launcher beside the jtinc one (scripts/ or /usr/sbin), else jtincd on the PATH. */
    private static String launcher() {
        String dir = System.getenv("JTINC_BIN_DIR");
        if (dir != null && new File(dir, "jtincd").canExecute()) {
            return new File(dir, "jtincd").getPath();
        }
        return "jtincd";
    }
}
