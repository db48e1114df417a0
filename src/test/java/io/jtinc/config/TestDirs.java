package io.jtinc.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes small net directories for tests. */
final class TestDirs {
    private TestDirs() {
    }

    static Path write(Path base, String relative, String content) {
        try {
            Path p = base.resolve(relative);
            Files.createDirectories(p.getParent());
            Files.writeString(p, content);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static NetDirectory dir(Path base) {
        return NetDirectory.of(null, base);
    }
}
