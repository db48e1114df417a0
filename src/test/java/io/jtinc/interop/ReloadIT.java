package io.jtinc.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jtinc.testsupport.Jtincd;
import io.jtinc.testsupport.Sh;
import io.jtinc.testsupport.TincMesh;
import io.jtinc.testsupport.TincMesh.Impl;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * SIGHUP: a new ConnectTo starts, a connection whose host file changed is closed and comes back, and a
 * connection whose host file did not change stays up (tincd would keep it too; issue 4 builds on this).
 */
@Tag("netns")
class ReloadIT {
    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void hupAppliesConnectToAndHostFileChanges() throws Exception {
        try (TincMesh mesh = new TincMesh("switch")) {
            TincMesh.Node h = mesh.add("h", Impl.JTINC).up("ip -6 addr add fd7a:77::1/64 dev $INTERFACE nodad");
            TincMesh.Node a = mesh.add("a", Impl.JTINC).connectTo("h")
                    .up("ip -6 addr add fd7a:77::a/64 dev $INTERFACE nodad");
            TincMesh.Node c = mesh.add("c", Impl.JTINC).up("ip -6 addr add fd7a:77::c/64 dev $INTERFACE nodad");
            mesh.configure();
            mesh.start(2);
            mesh.awaitPing(a, "fd7a:77::1", 30_000);
            String activatedA = "Connection with a (";

            // No change: the connection survives the reload.
            Sh.ok("kill", "-HUP", Long.toString(h.pid()));
            Thread.sleep(2000);
            assertEquals(1, count(h.logText(), activatedA), mesh.logs());
            assertEquals(0, a.run("ping6", "-c", "2", "-i", "0.2", "fd7a:77::1").status(), mesh.logs());

            // A new ConnectTo on a: it connects to c without a restart.
            Files.writeString(a.dir.resolve("tinc.conf"), "ConnectTo = c\n", StandardOpenOption.APPEND);
            Sh.ok("kill", "-HUP", Long.toString(a.pid()));
            Jtincd.await(() -> c.logText().contains(activatedA), 30_000, () -> "a to connect to c\n" + mesh.logs());

            // h's copy of hosts/a changes: h closes that connection, a reconnects.
            Thread.sleep(1100);
            Files.writeString(h.dir.resolve("hosts").resolve("a"), "# edited\n", StandardOpenOption.APPEND);
            Sh.ok("kill", "-HUP", Long.toString(h.pid()));
            Jtincd.await(() -> count(h.logText(), activatedA) >= 2, 60_000, () -> "a to reconnect to h\n" + mesh.logs());
            assertTrue(h.logText().contains("Host file of a changed"), mesh.logs());
            mesh.awaitPing(a, "fd7a:77::1", 30_000);
        }
    }
}
