package io.jtinc.daemon;

import io.jtinc.log.Log;
import java.io.IOException;
import java.util.List;

/**
 * The command-line parts of a run that are not configuration: the raw {@code -o} options (re-applied on reload),
 * and what happens once the device and tinc-up are done ({@code -U}, {@code -L}), in tincd's order.
 */
public record DaemonSettings(List<String> options, String user, boolean mlock) {
    /** Drops privileges and locks memory after set-up, as tincd does; false (logged) if either fails. */
    boolean afterSetup() {
        try {
            if (mlock) {
                Posix.lockMemory();
            }
            if (user != null) {
                Posix.dropPrivileges(user);
                Log.info(Log.STATUS, "Now running as user " + user);
            }
            return true;
        } catch (IOException e) {
            Log.error(e.getMessage());
            return false;
        }
    }
}
