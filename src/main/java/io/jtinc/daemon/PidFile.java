package io.jtinc.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.OptionalLong;

/** The pid file: one decimal pid and a newline, as tincd writes it, so tools written for tincd can read it. */
public final class PidFile {
    private PidFile() {
    }

    public static OptionalLong read(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
            return text.matches("\\d{1,10}") ? OptionalLong.of(Long.parseLong(text)) : OptionalLong.empty();
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    /** The pid in the file if that process is still alive. */
    public static OptionalLong runningPid(Path file) {
        OptionalLong pid = read(file);
        if (pid.isPresent() && ProcessHandle.of(pid.getAsLong()).map(ProcessHandle::isAlive).orElse(false)) {
            return pid;
        }
        return OptionalLong.empty();
    }

    /** Written through a temporary file and a rename, so a reader never sees a half-written pid. */
    public static void write(Path file, long pid) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, ".jtincd-pid", ".tmp");
        try {
            Files.writeString(tmp, pid + "\n", StandardCharsets.US_ASCII);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Removes the file only if it still names this process (a successor may already have replaced it). */
    public static void removeIfOurs(Path file, long pid) {
        OptionalLong current = read(file);
        if (current.isPresent() && current.getAsLong() == pid) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // Nothing useful to do at exit: the next start treats a stale pid file as absent.
            }
        }
    }
}
