package io.jtinc.testsupport;

import io.jtinc.testsupport.NatTopology.Node;
import io.jtinc.testsupport.TincMesh.Impl;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Issue 4's NAT topology by hand (run by {@code scripts/nat-lab}): the same {@link NatTopology} the tests use, left
 * running until Enter, so an operator can look at NAT traversal, the TCP fallback and PMTU with ip netns exec.
 * pia and pib sit behind MASQUERADE routers (pib one ISP hop away, so low-TTL hole punching can work), pic behind a
 * firewall that drops all UDP, pid behind a 1280-byte LAN link; every Pi connects out to the hub only.
 */
public final class NatLab {
    private NatLab() {
    }

    public static void main(String[] args) throws Exception {
        Impl impl = args.length > 0 && args[0].equals("--tincd") ? Impl.TINCD : Impl.JTINC;
        try (NatTopology topo = new NatTopology()) {
            Node hub = topo.hub("hub", impl);
            Node a = topo.behindNat("pia", impl);
            Node b = topo.behindNat("pib", impl, 0, true);
            Node c = topo.behindNat("pic", impl);
            Node d = topo.behindNat("pid", impl, 1280);
            c.router.blockUdp();
            topo.configure();
            topo.start(2);
            for (Node pi : new Node[] {a, b, c, d}) {
                System.out.printf("%s -> hub: first ping6 after %d ms%n", pi.name, topo.awaitPing(pi, hub, 60_000));
            }
            System.out.printf("%n%-4s %-26s %-16s %-22s %s%n", "node", "namespace", "address", "tunnel", "router");
            for (Node n : new Node[] {hub, a, b, c, d}) {
                System.out.printf("%-4s %-26s %-16s %-22s %s%n", n.name, n.ns.name(), n.ip, n.tunnelIp,
                        n.router == null ? "-" : n.router.ns.name() + " (public " + n.router.publicIp + ")");
            }
            System.out.printf("%npic's router drops all UDP; pid's LAN link has MTU 1280. Logs: %s%n",
                    hub.log.getParent());
            System.out.println("Try: ip netns exec " + a.ns.name() + " ping6 " + b.tunnelIp);
            System.out.println("Press Enter to stop everything and remove the namespaces.");
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        }
    }
}
