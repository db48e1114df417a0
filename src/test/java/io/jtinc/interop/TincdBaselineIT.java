package io.jtinc.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jtinc.testsupport.TincMesh;
import io.jtinc.testsupport.TincMesh.Impl;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two real tincd 1.0.36 in switch mode, through the same harness the jtinc tests use: proves the harness itself
 * (namespaces, keys, host files, tinc-up) before any jtinc behaviour is judged with it.
 */
@Tag("interop")
class TincdBaselineIT {
    @Test
    void twoTincdNodesPingOverIpv6() throws Exception {
        try (TincMesh mesh = new TincMesh("switch")) {
            TincMesh.Node a = mesh.add("alpha", Impl.TINCD).up("ip -6 addr add fd7a:77::1/64 dev $INTERFACE nodad");
            TincMesh.Node b = mesh.add("beta", Impl.TINCD).connectTo("alpha")
                    .up("ip -6 addr add fd7a:77::2/64 dev $INTERFACE nodad");
            mesh.configure();
            mesh.start(3);
            long ms = mesh.awaitPing(b, "fd7a:77::1", 30_000);
            System.out.println("tincd<->tincd: first ping6 after " + ms + " ms");
            assertEquals(0, a.run("ping6", "-c", "3", "-i", "0.2", "fd7a:77::2").status(), mesh.logs());
            assertTrue(a.logText().contains("Connection with beta"), mesh.logs());
        }
    }
}
