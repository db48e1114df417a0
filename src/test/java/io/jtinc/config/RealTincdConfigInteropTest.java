package io.jtinc.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jtinc.testsupport.Requirements;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The same configurations given to the real tincd 1.0.36 (DeviceType = dummy, loopback only): where jtinc refuses
 * a configuration that tincd also refuses, both must refuse it; where the precedence quirk decides a value, both
 * must pick the same one.
 */
@Tag("interop")
class RealTincdConfigInteropTest {
    @TempDir
    Path base;

    private record Run(boolean exited, int status, String output) {
    }

    private Run tincd(Path tincd, String tincConf, String hostMe) throws Exception {
        TestDirs.write(base, "tinc.conf", tincConf);
        TestDirs.write(base, "hosts/me", hostMe);
        if (!Files.exists(base.resolve("rsa_key.priv"))) {
            Process k = new ProcessBuilder(tincd.toString(), "-c", base.toString(), "-K1024")
                    .redirectInput(new File("/dev/null")).redirectErrorStream(true)
                    .redirectOutput(base.resolve("keygen.log").toFile()).start();
            assertTrue(k.waitFor(60, TimeUnit.SECONDS) && k.exitValue() == 0, "tincd -K");
            TestDirs.write(base, "hosts/me", hostMe); // drop the appended public key; the private key suffices
        }
        Path log = base.resolve("tincd.log");
        Process p = new ProcessBuilder(tincd.toString(), "-c", base.toString(), "-D", "-d2",
                "--pidfile=" + base.resolve("pid")).redirectInput(new File("/dev/null")).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        boolean exited = p.waitFor(2, TimeUnit.SECONDS);
        if (!exited) {
            p.destroy(); // SIGTERM: tincd shuts down cleanly
            p.waitFor(5, TimeUnit.SECONDS);
            p.destroyForcibly();
        }
        return new Run(exited, exited ? p.exitValue() : -1, Files.readString(log));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Mode = bridge|Invalid routing mode!",
        "AddressFamily = ipv5|Invalid address family!",
        "DeviceType = auto|Unknown device type auto!",
        "MaxTimeout = 0|Bogus maximum timeout!",
        "ReplayWindow = -1|ReplayWindow cannot be negative!",
        "Subnet = 10.1.2.3/24|Network address and prefix length do not match",
        "Subnet = 10.1.2.0/33|Subnet expected",
        "Compression = 12|Bogus compression level!",
    })
    void bothRefuse(String line, String tincdSays) throws Exception {
        Path tincd = Requirements.requireTincd();
        String conf = "Name = me\n" + line + "\n";
        Run r = tincd(tincd, conf, "Port = 0\nBindToAddress = 127.0.0.1\n");
        assertTrue(r.exited() && r.status() == 1, "tincd refuses " + line + ": " + r.output());
        assertTrue(r.output().contains(tincdSays), r.output());
        assertThrows(ConfigException.class, () -> ConfigLoader.loadServer(TestDirs.dir(base), List.of()));
    }

    @Test
    void dashInNameIsRefusedByBoth() throws Exception {
        Path tincd = Requirements.requireTincd();
        Run r = tincd(tincd, "Name = node-one\nDeviceType = dummy\n", "");
        assertTrue(r.exited() && r.status() == 1, r.output());
        assertTrue(r.output().contains("Invalid name for myself!"), r.output());
        assertThrows(ConfigException.class, () -> ConfigLoader.loadServer(TestDirs.dir(base), List.of()));
    }

    @Test
    void lineNumberQuirkPicksTheSamePort() throws Exception {
        Path tincd = Requirements.requireTincd();
        int hostPort = 20000 + (int) (ProcessHandle.current().pid() % 20000);
        String conf = "Name = me\nDeviceType = dummy\n#\n#\nPort = " + (hostPort + 1) + "\n";
        String host = "BindToAddress = 127.0.0.1\nPort = " + hostPort + "\n";
        Run r = tincd(tincd, conf, host);
        assertTrue(r.output().contains("Listening on 127.0.0.1 port " + hostPort), r.output());
        assertEquals(String.valueOf(hostPort), ConfigLoader.loadServer(TestDirs.dir(base), List.of()).myHost().port());
    }
}
