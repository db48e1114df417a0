package io.jtinc.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NetDirectoryTest {
    private static final Path ETC = Path.of("/x/etc/tinc");

    @Test
    void netnameSelectsTheDirectory() {
        NetDirectory d = NetDirectory.of("v6net", null, ETC);
        assertEquals(ETC.resolve("v6net"), d.confbase());
        assertEquals(Optional.of("v6net"), d.netname());
        assertEquals(ETC.resolve("v6net/tinc.conf"), d.tincConf());
        assertEquals(ETC.resolve("v6net/hosts/alice"), d.hostFile("alice"));
        assertEquals(ETC.resolve("v6net/hosts/alice-up"), d.script("hosts/alice-up"));
        assertEquals(Path.of("/run/tinc.v6net.pid"), d.defaultPidFile());
        assertEquals(Path.of("/var/log/tinc.v6net.log"), d.defaultLogFile());
        assertEquals("tinc.v6net", d.logIdent());
    }

    @Test
    void configDirWinsButTheNetnameStillNamesFiles() {
        NetDirectory d = NetDirectory.of("v6net", Path.of("/srv/t"), ETC);
        assertEquals(Path.of("/srv/t"), d.confbase());
        assertEquals(Path.of("/run/tinc.v6net.pid"), d.defaultPidFile());
    }

    @Test
    void noNetname() {
        for (String n : new String[] {null, "."}) {
            NetDirectory d = NetDirectory.of(n, null, ETC);
            assertEquals(ETC, d.confbase());
            assertEquals(Optional.empty(), d.netname());
            assertEquals(Path.of("/run/tinc.pid"), d.defaultPidFile());
            assertEquals(Path.of("/var/log/tinc.log"), d.defaultLogFile());
            assertEquals("tinc", d.logIdent());
        }
        assertEquals(Path.of("/etc/tinc/v6net"), NetDirectory.of("v6net", null).confbase());
    }

    @Test
    void unsafeNetnamesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> NetDirectory.of("../x", null, ETC));
        assertThrows(IllegalArgumentException.class, () -> NetDirectory.of("", null, ETC));
    }

    @Test
    void theControlSocketSitsBesideThePidFile() {
        assertEquals(Path.of("/run/jtinc/v6net.socket"), NetDirectory.controlSocketFor(Path.of("/run/jtinc/v6net.pid")));
        assertEquals(Path.of("/tmp/x/pidfile.socket"), NetDirectory.controlSocketFor(Path.of("/tmp/x/pidfile")));
    }
}
