package io.jtinc.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A host file's modification time in milliseconds, or -1 when it is gone. */
final class HostFileStamp {
    private HostFileStamp() {
    }

    static long of(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return -1;
        }
    }
}
