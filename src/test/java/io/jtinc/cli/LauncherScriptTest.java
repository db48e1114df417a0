package io.jtinc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jtinc.testsupport.Jtincd;
import io.jtinc.testsupport.Sh;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * scripts/jtincd and scripts/jtinc hand java the launcher's options word by word, and the CompileCommand patterns
 * in them contain '*'. Run from a directory holding a file whose name such a pattern matches, the shell used to
 * expand the pattern into that name. A stand-in "java" prints the arguments it gets, so no JVM or jar is needed.
 */
class LauncherScriptTest {
    private static final String PATTERN = "-XX:CompileCommand=CompileThresholdScaling,java.nio.*::*,0.05";
    /** Matches PATTERN as a glob; as a JVM option it would be a parse error. */
    private static final String TRAP = "-XX:CompileCommand=CompileThresholdScaling,java.nio.X::y,zz,0.05";

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"jtincd", "jtinc"})
    void compileCommandPatternsReachJavaUnexpanded(String launcher) throws Exception {
        Path jdk = dir.resolve("jdk");
        Files.createDirectories(jdk.resolve("bin"));
        Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"17.0.21\"\n");
        Path java = jdk.resolve("bin/java");
        Files.writeString(java, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path jar = Files.writeString(dir.resolve("fake.jar"), "");
        Path cwd = Files.createDirectories(dir.resolve("cwd"));
        Files.writeString(cwd.resolve(TRAP), "");

        Path script = Jtincd.projectRoot().resolve("scripts").resolve(launcher);
        Sh.Result r = Sh.run(List.of("sh", "-c", "cd \"$1\" && JAVA_HOME=\"$2\" JTINC_JAR=\"$3\" JTINC_CDS=off"
                + " JAVA_OPTS= \"$4\" --version", "sh", cwd.toString(), jdk.toString(), jar.toString(),
                script.toString()), 30);

        assertEquals(0, r.status(), r.output());
        List<String> args = Arrays.asList(r.output().split("\n"));
        assertTrue(args.contains(PATTERN), "pattern passed as written: " + args);
        assertFalse(args.contains(TRAP), "pattern expanded to a file name: " + args);
        assertEquals("--version", args.get(args.size() - 1));
    }
}
