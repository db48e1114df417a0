package io.jtinc.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jtinc.log.Log;
import io.jtinc.log.LogSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptRunnerTest {
    @TempDir
    Path dir;
    private final List<String> log = new CopyOnWriteArrayList<>();
    private LogSink oldSink;
    private int oldLevel;

    @BeforeEach
    void captureLog() {
        oldSink = Log.sink();
        oldLevel = Log.level();
        Log.setSink((p, m) -> log.add(m));
        Log.setLevel(Log.STATUS);
    }

    @AfterEach
    void restoreLog() {
        Log.setSink(oldSink);
        Log.setLevel(oldLevel);
    }

    static Path script(Path dir, String name, String body, boolean executable) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(executable ? "rwx------" : "rw-------"));
        return p;
    }

    private ScriptRunner runner(Duration timeout) {
        return new ScriptRunner(dir, Optional.empty(), timeout);
    }

    @Test
    void scriptGetsItsEnvironmentMergedOverTheDaemonsAndItsStatusIsReported() throws Exception {
        script(dir, "tinc-up", "env > \"$(dirname \"$0\")/env.out\"\nexit 0", true);
        try (ScriptRunner r = runner(Duration.ofSeconds(10))) {
            ScriptEnv env = ScriptEnv.base(null, "alpha", "/dev/net/tun", "jt0").withNode("beta", "10.0.0.2", "655");
            assertEquals(0, r.runAndWait("tinc-up", env));
        }
        List<String> lines = Files.readAllLines(dir.resolve("env.out"));
        assertTrue(lines.contains("NETNAME="), lines.toString());
        assertTrue(lines.contains("NAME=alpha"));
        assertTrue(lines.contains("DEVICE=/dev/net/tun"));
        assertTrue(lines.contains("INTERFACE=jt0"));
        assertTrue(lines.contains("NODE=beta"));
        assertTrue(lines.contains("REMOTEADDRESS=10.0.0.2"));
        assertTrue(lines.contains("REMOTEPORT=655"));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("PATH=")), "the daemon's environment is inherited");
        assertTrue(log.contains("Executing script tinc-up"), log.toString());
    }

    @Test
    void nonZeroStatusIsLoggedLikeTincd() throws Exception {
        script(dir, "host-up", "exit 3", true);
        try (ScriptRunner r = runner(Duration.ofSeconds(10))) {
            assertEquals(3, r.run("host-up", ScriptEnv.base(null, "a", "d", "i")).get(10, TimeUnit.SECONDS));
        }
        assertTrue(log.contains("Script host-up exited with non-zero status 3"), log.toString());
    }

    @Test
    void nonExecutableScriptFailsThroughTheShellWithoutThrowing() throws Exception {
        script(dir, "tinc-down", "exit 0", false);
        try (ScriptRunner r = runner(Duration.ofSeconds(10))) {
            assertEquals(126, r.runAndWait("tinc-down", ScriptEnv.base(null, "a", "d", "i")));
        }
        assertTrue(log.contains("Script tinc-down exited with non-zero status 126"), log.toString());
    }

    @Test
    void absentScriptCompletesWithMinusOneAtOnceAndSilently() {
        try (ScriptRunner r = runner(Duration.ofSeconds(10))) {
            long start = System.nanoTime();
            assertEquals(-1, r.runAndWait("subnet-up", ScriptEnv.base(null, "a", "d", "i")));
            assertTrue(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(500));
        }
        assertTrue(log.isEmpty(), log.toString());
    }

    @Test
    void timeoutKillsTheScriptAndItsChildren() throws Exception {
        Path pidFile = dir.resolve("child.pid");
        script(dir, "tinc-up", "sleep 30 &\necho $! > \"" + pidFile + "\"\nwait", true);
        try (ScriptRunner r = runner(Duration.ofMillis(700))) {
            long start = System.nanoTime();
            assertEquals(-1, r.runAndWait("tinc-up", ScriptEnv.base(null, "a", "d", "i")));
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10));
        }
        long child = Long.parseLong(Files.readString(pidFile).trim());
        Optional<ProcessHandle> h = ProcessHandle.of(child);
        assertTrue(h.isEmpty() || !h.get().isAlive() || h.get().onExit().get(5, TimeUnit.SECONDS) != null);
        assertTrue(ProcessHandle.of(child).map(ph -> !ph.isAlive()).orElse(true), "the child survived");
        assertTrue(log.stream().anyMatch(l -> l.startsWith("Script tinc-up did not finish")), log.toString());
    }

    @Test
    void scriptsInterpreterRunsTheScriptAsItsArgument() throws Exception {
        // Not executable and no shebang needed: the interpreter reads the file.
        Path p = dir.resolve("tinc-up");
        Files.writeString(p, "echo \"$NAME\" > \"" + dir.resolve("interp.out") + "\"\n");
        try (ScriptRunner r = new ScriptRunner(dir, Optional.of("/bin/sh"), Duration.ofSeconds(10))) {
            assertEquals(0, r.runAndWait("tinc-up", ScriptEnv.base(null, "gamma", "d", "i")));
        }
        assertEquals("gamma", Files.readString(dir.resolve("interp.out")).trim());
    }
}
