package io.jtinc.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The return to UDP after a long outage, on the simulated clock (the unit tier of UdpBlockedIT). beta plays a Pi
 * behind a NAT, alpha the hub: once UDP is let through again, the NAT drops alpha's datagrams until beta has sent
 * one to alpha (the mapping). Both cores tick on the same second, alpha first, and their probers started together,
 * so alpha's slow-cycle burst goes out just before beta's and is dropped: the race UdpBlockedIT hit about one run
 * in three. alpha must then follow beta's burst at once, not a full PingInterval + PingTimeout later.
 */
class PmtuRecoveryInMemoryTest {
    @TempDir
    Path dir;

    @Test
    void theHubFollowsThePisBurstThroughTheNatAtOnce() throws Exception {
        TwoNodes n = new TwoNodes(dir, "PingInterval = 5");
        n.fabric.setLatency(1);
        n.fabric.setFirewall((from, to) -> true);
        n.connect();
        n.loop.advance(25_000);
        assertTrue(n.bothReachable());
        assertTrue(n.alpha.peer("beta").prober.probeCount() >= 31, "alpha in the slow cycle");
        assertEquals(0, n.alpha.peer("beta").minMtu());
        assertEquals(0, n.beta.peer("alpha").minMtu());

        boolean[] mapped = new boolean[1];
        n.fabric.setFirewall((from, to) -> {
            if (from.equals(TwoNodes.BETA)) {
                mapped[0] = true;
                return false;
            }
            return !mapped[0];
        });
        int droppedBefore = n.fabric.filtered;
        long through = -1;
        long bothKnown = -1;
        for (int ms = 0; ms < 30_000 && bothKnown < 0; ms += 10) {
            n.loop.advance(10);
            if (through < 0 && mapped[0]) {
                through = n.loop.now();
            }
            if (n.alpha.peer("beta").minMtu() > 0 && n.beta.peer("alpha").minMtu() > 0) {
                bothKnown = n.loop.now();
            }
        }
        assertTrue(through > 0 && bothKnown > 0, "UDP at " + through + ", both known at " + bothKnown);
        assertTrue(n.fabric.filtered > droppedBefore, "alpha's burst went first and the NAT dropped it");
        assertTrue(bothKnown - through < 1000, "alpha knew " + (bothKnown - through) + " ms after beta's burst");
    }
}
