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
 * <p>Why: much of a Pi's start is the JVM loading and verifying the jar's classes (Netty, Bouncy Castle, picocli,
 * ours). With a dynamic CDS archive they are mapped ready-made: start to first ping6 went from 2.2-2.4 s to
 * 1.7-1.8 s on the bench machine (scripts/bench footprint). The archive is specific to the JDK and the jar, so it cannot
 * ship in the package; it is made on the machine. When the launcher finds none for this JDK and jar it starts the
 * daemon with {@code -XX:+RecordDynamicDumpInfo -Djtinc.cds.archive=FILE}; once the daemon has run for a while
 * (connections made, packets passed, so the classes a start needs are loaded), this writes FILE with the JVM's
 * own {@code VM.cds dynamic_dump} diagnostic command ({@link #dump}), to a temporary name first and then renamed,
 * so a daemon starting at the same moment sees either no archive or a whole one. Later starts use it
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

    /**
     * The JVM's own entry point for {@code jcmd VM.cds dynamic_dump} when the launcher opened it to us (JDK 17 to 25:
     * {@code jdk.internal.misc.CDS.dumpSharedArchive(boolean, String)}), else the same command through the
     * DiagnosticCommand MBean. Why not always the MBean: it loads the JMX classes just before the dump, they end
     * up in the archive, and every later start maps and relocates them (idle RSS of a Pi-style node 64.2 MiB, with
     * an archive without them 62.5; scripts/bench footprint).
     */
    private static void dump(Path file) throws Exception {
        java.lang.reflect.Method internal;
        try {
            internal = Class.forName("jdk.internal.misc.CDS").getDeclaredMethod("dumpSharedArchive", boolean.class,
                    String.class);
            internal.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            internal = null;
        }
        if (internal != null) {
            try {
                internal.invoke(null, false, file.toString());
                return;
            } catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause() instanceof Exception ex ? ex : e;
            }
        }
        ObjectName dcmd = new ObjectName("com.sun.management:type=DiagnosticCommand");
        ManagementFactory.getPlatformMBeanServer().invoke(dcmd, "vmCds",
                new Object[] {new String[] {"dynamic_dump", file.toString()}}, new String[] {String[].class.getName()});
    }

    private static void write(Path target) {
        if (Files.exists(target)) {
            return;
        }
        Path tmp = target.resolveSibling(target.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            dump(tmp);
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
