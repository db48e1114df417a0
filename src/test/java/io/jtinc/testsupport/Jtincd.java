package io.jtinc.testsupport;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/** Runs the real launchers (scripts/jtincd, scripts/jtinc) on the shaded jar that 'package' built. */
public final class Jtincd {
    private Jtincd() {
    }

    public static Path projectRoot() {
        return Path.of("").toAbsolutePath();
    }

    public static String launcher(String program) {
        return projectRoot().resolve("scripts").resolve(program).toString();
    }

    /** The launcher command line; requires the jar (failsafe sets JTINC_JAR to it). */
    public static List<String> command(String program, String... args) {
        String jar = System.getenv("JTINC_JAR");
        Requirements.require(jar != null && Files.exists(Path.of(jar)),
                "needs the shaded jar (run through 'mvn verify', which builds it before the *IT tests)");
        List<String> cmd = new ArrayList<>(List.of("env", "JTINC_JAR=" + jar, launcher(program)));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Copies a directory tree (conf-examples into a temp dir, so tests never write into the checkout). */
    public static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    public static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a temp dir
        }
    }

    public static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** Polls until the condition holds, failing with the message (and the log) after the timeout. */
    public static void await(BooleanSupplier condition, long timeoutMillis, String what, Path log) {
        await(condition, timeoutMillis, () -> what + (log == null ? "" : "\n--- log:\n" + read(log)));
    }

    /** As above; the failure message is built only when the wait failed, so it shows the logs of that moment. */
    public static void await(BooleanSupplier condition, long timeoutMillis, java.util.function.Supplier<String> what) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        fail("timed out waiting for " + what.get());
    }
}
