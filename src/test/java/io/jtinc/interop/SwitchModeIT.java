package io.jtinc.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jtinc.testsupport.Sh;
import io.jtinc.testsupport.TincMesh;
import io.jtinc.testsupport.TincMesh.Impl;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Issue 3, acceptance 1: two jtincd nodes in switch mode over TAP; ping6 both ways and 10 s of iperf3. */
@Tag("netns")
class SwitchModeIT {
    @Test
    void twoJtincNodesPingAndCarryIperf() throws Exception {
        try (TincMesh mesh = new TincMesh("switch")) {
            TincMesh.Node a = mesh.add("alpha", Impl.JTINC).up("ip -6 addr add fd7a:77::1/64 dev $INTERFACE nodad");
            TincMesh.Node b = mesh.add("beta", Impl.JTINC).connectTo("alpha")
                    .up("ip -6 addr add fd7a:77::2/64 dev $INTERFACE nodad");
            mesh.configure();
            mesh.start(2);
            long ms = mesh.awaitPing(b, "fd7a:77::1", 30_000);
            System.out.println("jtinc<->jtinc: first ping6 after " + ms + " ms");
            assertEquals(0, a.run("ping6", "-c", "5", "-i", "0.2", "fd7a:77::2").status(), mesh.logs());
            // Both listening sockets, as tincd: 0.0.0.0 and :: (V6ONLY) on the same port.
            assertTrue(a.logText().contains("Listening on 0.0.0.0 port 655"), a.logText());
            assertTrue(a.logText().contains("Listening on :: port 655"), a.logText());
            assertTrue(!a.logText().contains("Can't bind"), a.logText());
            assertEquals(0, b.run("ping6", "-c", "5", "-i", "0.2", "fd7a:77::1").status(), mesh.logs());

            a.ns.start(List.of("iperf3", "-s", "-1"), a.dir.resolve("iperf-server.log"));
            Thread.sleep(500);
            Sh.Result iperf = Sh.run(b.ns.wrap(List.of("iperf3", "-c", "fd7a:77::1", "-t", "10")), 60);
            System.out.println(iperf.output());
            assertEquals(0, iperf.status(), iperf.output() + mesh.logs());
            assertTrue(iperf.output().contains("receiver"), iperf.output());
        }
    }
}
