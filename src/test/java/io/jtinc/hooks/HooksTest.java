package io.jtinc.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HooksTest {
    @TempDir
    Path dir;

    /** Each script appends "its name + variables" to one file, so the file shows order and environment. */
    private void recorder(String name) throws Exception {
        ScriptRunnerTest.script(dir, name, "sleep 0.1\necho \"" + name
                + " $NODE $REMOTEADDRESS $REMOTEPORT $SUBNET $WEIGHT\" >> \"" + dir.resolve("trace") + "\"", true);
    }

    private List<String> trace() throws Exception {
        return Files.readAllLines(dir.resolve("trace")).stream().map(l -> l.trim().replaceAll("\\s+", " ")).toList();
    }

    @Test
    void hostUpRunsBeforeTheNodesOwnScriptAndDownAfterUp() throws Exception {
        for (String s : List.of("host-up", "hosts/beta-up", "host-down", "hosts/beta-down")) {
            recorder(s);
        }
        try (ScriptRunner r = new ScriptRunner(dir, Optional.empty(), Duration.ofSeconds(10))) {
            Hooks h = new Hooks(r, ScriptEnv.base(null, "alpha", "/dev/net/tun", "jt0"));
            h.hostUp("beta", "10.0.0.2", "655");
            h.hostDown("beta", "10.0.0.2", "655").get(10, TimeUnit.SECONDS);
        }
        assertEquals(List.of("host-up beta 10.0.0.2 655", "hosts/beta-up beta 10.0.0.2 655",
                "host-down beta 10.0.0.2 655", "hosts/beta-down beta 10.0.0.2 655"), trace());
    }

    @Test
    void subnetScriptsAndTincUpDown() throws Exception {
        for (String s : List.of("tinc-up", "subnet-up", "subnet-down", "tinc-down")) {
            recorder(s);
        }
        try (ScriptRunner r = new ScriptRunner(dir, Optional.empty(), Duration.ofSeconds(10))) {
            Hooks h = new Hooks(r, ScriptEnv.base(null, "alpha", "/dev/net/tun", "jt0"));
            assertEquals(0, h.tincUp());
            h.subnetUp("alpha", "fd00::1/128#5", "5", Optional.empty(), Optional.empty());
            h.subnetDown("beta", "fd00::2/128", "10", Optional.of("10.0.0.2"), Optional.of("655"))
                    .get(10, TimeUnit.SECONDS);
            assertEquals(0, h.tincDown());
        }
        assertEquals(List.of("tinc-up", "subnet-up alpha fd00::1/128 5",
                "subnet-down beta 10.0.0.2 655 fd00::2/128 10", "tinc-down"), trace());
    }
}
