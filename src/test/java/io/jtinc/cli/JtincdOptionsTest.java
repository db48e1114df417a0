package io.jtinc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class JtincdOptionsTest {
    @Test
    void debugLevelFormsMatchTincd() throws Exception {
        assertEquals(5, JtincdOptions.parse("-d5").debugLevel);
        assertEquals(5, JtincdOptions.parse("-d", "5").debugLevel);
        assertEquals(5, JtincdOptions.parse("--debug=5").debugLevel);
        assertEquals(5, JtincdOptions.parse("--debug", "5").debugLevel);
        assertEquals(3, JtincdOptions.parse("-d", "-d", "-d").debugLevel);
        assertEquals(0, JtincdOptions.parse("-dd").debugLevel, "tincd 1.0.36 reads -dd as -d with atoi(\"d\") = 0");
        assertEquals(1, JtincdOptions.parse("-Dd").debugLevel);
        assertEquals(0, JtincdOptions.parse().debugLevel);
    }

    @Test
    void valuedOptionsAttachedOrSeparate() throws Exception {
        JtincdOptions o = JtincdOptions.parse("-n", "v6net", "-cconf", "-o", "Mode=switch", "-oalice.Port=656",
                "--pidfile=/tmp/p", "-D", "--logfile", "-U", "jtinc");
        assertEquals("v6net", o.netname);
        assertEquals(Path.of("conf"), o.configDir);
        assertEquals(List.of("Mode=switch", "alice.Port=656"), o.options);
        assertEquals(Path.of("/tmp/p"), o.pidfile);
        assertTrue(o.noDetach);
        assertTrue(o.logfile);
        assertNull(o.logfilePath);
        assertEquals("jtinc", o.user);
    }

    @Test
    void longOptionPrefixesAndFiles() throws Exception {
        JtincdOptions o = JtincdOptions.parse("--conf=/etc/x", "--net=y", "--logfile=/tmp/l", "--no-d");
        assertEquals(Path.of("/etc/x"), o.configDir);
        assertEquals("y", o.netname);
        assertEquals(Path.of("/tmp/l"), o.logfilePath);
        assertTrue(o.noDetach);
    }

    @Test
    void killAndKeygen() throws Exception {
        assertEquals("TERM", JtincdOptions.parse("-k").killSignal);
        assertEquals("HUP", JtincdOptions.parse("-kHUP").killSignal);
        assertEquals("HUP", JtincdOptions.parse("--kill=hup").killSignal);
        assertEquals("USR2", JtincdOptions.parse("-k", "USR2").killSignal);
        assertEquals("9", JtincdOptions.parse("-k9").killSignal);
        assertNull(JtincdOptions.parse("-D").killSignal);
        assertEquals(2048, JtincdOptions.parse("-K").generateKeysBits);
        assertEquals(4096, JtincdOptions.parse("-K4096").generateKeysBits);
        assertEquals(4096, JtincdOptions.parse("-K", "4096").generateKeysBits);
        assertEquals(0, JtincdOptions.parse("-D").generateKeysBits);
    }

    @Test
    void errorsReadLikeGetopt() {
        assertEquals("unrecognized option '--bogus'",
                assertThrows(JtincdOptions.UsageException.class, () -> JtincdOptions.parse("--bogus")).getMessage());
        assertEquals("unrecognized argument 'extra'",
                assertThrows(JtincdOptions.UsageException.class, () -> JtincdOptions.parse("extra")).getMessage());
        assertEquals("invalid option -- 'x'",
                assertThrows(JtincdOptions.UsageException.class, () -> JtincdOptions.parse("-x")).getMessage());
        assertEquals("option requires an argument -- 'n'",
                assertThrows(JtincdOptions.UsageException.class, () -> JtincdOptions.parse("-n")).getMessage());
        assertTrue(assertThrows(JtincdOptions.UsageException.class, () -> JtincdOptions.parse("-kFOO"))
                .getMessage().startsWith("Invalid argument `FOO'; SIGNAL must be"));
        assertTrue(assertThrows(JtincdOptions.UsageException.class, () -> JtincdOptions.parse("--no-detach=1"))
                .getMessage().contains("doesn't allow an argument"));
    }

    @Test
    void helpVersionAndFlags() throws Exception {
        JtincdOptions o = JtincdOptions.parse("--help", "--version", "-L", "-R", "--bypass-security");
        assertTrue(o.help && o.version && o.mlock && o.chroot && o.bypassSecurity);
        assertFalse(JtincdOptions.parse().help);
    }
}
