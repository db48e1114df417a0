package io.jtinc.daemon;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * {@code jtincd -k[SIGNAL]}: signals the daemon named in the pid file, with tincd's messages and exit codes
 * (spec §12.3): 0 when sent, 0 with "Removing stale lock file." when the process is gone, 1 without a pid file.
 */
public final class KillCommand {
    private KillCommand() {
    }

    public static int run(Path pidfile, String signal, PrintStream err) {
        OptionalLong pid = PidFile.read(pidfile);
        if (pid.isEmpty()) {
            err.println("No other jtincd is running.");
            return 1;
        }
        try {
            if (Posix.sendSignal(pid.getAsLong(), Posix.signalNumber(signal))) {
                return 0;
            }
            err.println("The jtincd is no longer running. Removing stale lock file.");
            Files.deleteIfExists(pidfile);
            return 0;
        } catch (IOException e) {
            err.println("Could not send " + signal + " to jtincd with pid " + pid.getAsLong() + ": "
                    + e.getMessage());
            return 1;
        }
    }
}
