package io.jtinc.cli;

import io.jtinc.config.ConfigException;
import io.jtinc.config.ConfigLoader;
import io.jtinc.config.NetDirectory;
import io.jtinc.config.ServerConfig;
import io.jtinc.crypto.KeyLoading;
import io.jtinc.daemon.Daemon;
import io.jtinc.daemon.DaemonSettings;
import io.jtinc.daemon.Detacher;
import io.jtinc.daemon.KillCommand;
import io.jtinc.log.FileLogSink;
import io.jtinc.log.Log;
import io.jtinc.log.LogSink;
import io.jtinc.log.SyslogSink;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * jtincd: the daemon, with tincd 1.0.36's command line and exit codes (0 on success, 1 on any usage,
 * configuration or start-up error; spec §12.3). Everything that can be wrong with the configuration or the key is
 * checked here, in the foreground, before detaching, so a mistake is reported on the terminal as one line.
 */
public final class JtincdMain {
    static final String PROGRAM = "jtincd";

    private JtincdMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        JtincdOptions opts;
        try {
            opts = JtincdOptions.parse(args);
        } catch (JtincdOptions.UsageException e) {
            err.println(PROGRAM + ": " + e.getMessage());
            err.println("Try `" + PROGRAM + " --help' for more information.");
            return 1;
        }
        if (opts.help) {
            out.print(JtincdOptions.usage(PROGRAM));
            return 0;
        }
        if (opts.version) {
            out.println(Version.banner(PROGRAM));
            return 0;
        }
        NetDirectory directory = NetDirectory.of(opts.netname, opts.configDir);
        Path pidfile = opts.pidfile != null ? opts.pidfile : directory.defaultPidFile();
        if (opts.killSignal != null) {
            return KillCommand.run(pidfile, opts.killSignal, err);
        }
        if (opts.generateKeysBits > 0) {
            return GenerateKeys.run(directory, opts.options, opts.generateKeysBits, out, err);
        }
        String unsupported = unsupportedOption(opts);
        if (unsupported != null) {
            err.println(PROGRAM + ": " + unsupported);
            return 1;
        }
        Log.setLevel(opts.debugLevel);
        ServerConfig config;
        try {
            config = ConfigLoader.loadServer(directory, opts.options);
            KeyLoading.ownPrivateKey(config.privateKeyHex(), config.myHost().publicKeyHex(),
                    config.privateKeyFile());
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return 1;
        }
        boolean detachedChild = Detacher.readyFile().isPresent();
        if (!opts.noDetach && !detachedChild) {
            return Detacher.detach(err);
        }
        try {
            Log.setSink(sink(opts, directory, detachedChild));
        } catch (IOException e) {
            err.println("Could not open log file: " + e.getMessage());
            return 1;
        }
        Log.notice(PROGRAM + " " + Version.get() + " starting, debug level " + opts.debugLevel);
        DaemonSettings settings = new DaemonSettings(opts.options, opts.user, opts.mlock);
        return new Daemon(directory, config, pidfile, settings).run();
    }

    /** Options tincd has that jtinc deliberately or not yet supports; each refusal says why. */
    private static String unsupportedOption(JtincdOptions opts) {
        if (opts.chroot) {
            return "-R/--chroot is not implemented yet: the JVM loads classes and native libraries lazily from "
                    + "outside the net directory, which a chroot would hide. Run under systemd with "
                    + "ProtectSystem=strict instead.";
        }
        if (opts.bypassSecurity) {
            return "--bypass-security is not supported: jtinc never skips authentication.";
        }
        return null;
    }

    /** tincd's choice (spec §12.4): --logfile wins; else stderr in the foreground and syslog when detached. */
    private static LogSink sink(JtincdOptions opts, NetDirectory directory, boolean detached) throws IOException {
        if (opts.logfile) {
            Path file = opts.logfilePath != null ? opts.logfilePath : directory.defaultLogFile();
            return new FileLogSink(file, directory.logIdent());
        }
        return detached ? new SyslogSink(directory.logIdent()) : LogSink.stderr();
    }
}
