package io.jtinc.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jtinc.testsupport.Jtincd;
import io.jtinc.testsupport.Requirements;
import io.jtinc.testsupport.Sh;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/systemd's units pass {@code systemd-analyze verify}. It checks that ExecStart exists, so the copies point
 * at this checkout's launchers instead of /usr/sbin (the installed package's units are verified as installed by
 * the package test).
 */
class SystemdUnitsTest {
    @TempDir
    Path dir;

    private Sh.Result verify(String instanceText, String bootText) throws Exception {
        Files.writeString(dir.resolve("jtinc@v6net.service"), instanceText);
        Files.writeString(dir.resolve("jtinc.service"), bootText);
        return Sh.run(List.of("sh", "-c", "cd " + dir + " && systemd-analyze verify --man=no ./jtinc.service "
                + "./jtinc@v6net.service"), 60);
    }

    private static String unit(String name) throws Exception {
        Path scripts = Jtincd.projectRoot().resolve("scripts");
        return Files.readString(scripts.resolve("systemd").resolve(name)).replace("/usr/sbin/", scripts + "/");
    }

    @Test
    void theUnitsVerifyAndABrokenOneDoesNot() throws Exception {
        Requirements.require(Sh.which("systemd-analyze") != null, "needs systemd-analyze (apt-get install systemd)");
        String instance = unit("jtinc@.service");
        String boot = unit("jtinc.service");
        assertTrue(instance.contains("Type=notify") && instance.contains("AmbientCapabilities=CAP_NET_ADMIN")
                && instance.contains("User=jtinc") && instance.contains("Restart=on-failure"));
        Sh.Result ok = verify(instance, boot);
        assertEquals(0, ok.status(), ok.output());
        assertTrue(ok.output().isBlank(), "no warnings: " + ok.output());
        Sh.Result broken = verify(instance.replace("Type=notify", "Type=notifyy"), boot);
        assertNotEquals("", broken.output().trim(), "a bad Type= is reported");
    }
}
