package io.jtinc.daemon;

import io.jtinc.log.Log;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.management.ObjectName;

/**
 * Writes the class-data-sharing archive the launcher asks for (issue 5: start to first ping6 within 2 s).
 *
 * <p>Why: most of a Pi's start is the JVM loading and verifying some 3 000 classes (Netty, Bouncy Castle,
 * picocli, ours). With a dynamic CDS archive they are mapped ready-made: start to first ping6 went from 2.2-2.4 s
 * to 1.7-1.8 s on the bench machine, RSS unchanged. The archive is specific to the JDK and the jar, so it cannot
 * ship in the package; it is made on the machine. When the launcher finds none for this JDK and jar it starts the
 * daemon with {@code -XX:+RecordDynamicDumpInfo -Djtinc.cds.archive=FILE}; once the daemon has run for a while
 * (connections made, packets passed, so the classes a start needs are loaded), this writes FILE with the JVM's
 * own {@code VM.cds dynamic_dump} diagnostic command, to a temporary name first and then renamed, so a daemon
 * starting at the same moment sees either no archive or a whole one. Later starts use it
 * ({@code -XX:SharedArchiveFile}, launcher). Writing it pauses the JVM once, for a fraction of a second.
 */
final class ClassDataArchive {
    static final String PROPERTY = "jtinc.cds.archive";
    /** Long enough for the first connections and packets; short enough that a short-lived run still writes one. */
    static final long DELAY_MILLIS = 10_000;

    private ClassDataArchive() {
    }

    /** If the launcher asked for an archive, writes it later on a background thread. */
    static void scheduleIfRequested() {
        String target = System.getProperty(PROPERTY);
        if (target == null || target.isEmpty()) {
            return;
        }
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(DELAY_MILLIS);
                write(Path.of(target));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "jtinc-cds");
        t.setDaemon(true);
        t.start();
    }

    private static void write(Path target) {
        if (Files.exists(target)) {
            return;
        }
        Path tmp = target.resolveSibling(target.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            ObjectName dcmd = new ObjectName("com.sun.management:type=DiagnosticCommand");
            ManagementFactory.getPlatformMBeanServer().invoke(dcmd, "vmCds",
                    new Object[] {new String[] {"dynamic_dump", tmp.toString()}},
                    new String[] {String[].class.getName()});
            if (Files.size(tmp) > 0) {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                Log.info(Log.CONNECTIONS, "Wrote the class data archive " + target + " for faster starts");
            }
        } catch (Exception | LinkageError e) {
            // Only a start-up speed-up: the daemon runs as well without it.
            Log.debug(Log.CONNECTIONS, "Could not write the class data archive " + target + ": " + e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (java.io.IOException ignored) {
                // a stray temporary file in the cache directory is harmless
            }
        }
    }
}
