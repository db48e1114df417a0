package io.jtinc.protocol.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jtinc.log.Log;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PmtuProberTest {
    static final int PATH = 1451;

    static PmtuProber prober(long seed) {
        return new PmtuProber("beta", "10.0.0.2 port 655", DataSizes.MTU, 60, 5, false, new SplittableRandom(seed));
    }

    /** A DF path on a 1500-byte interface: bigger probes fail locally with EMSGSIZE, the rest are echoed. */
    static void send(PmtuProber p, List<PmtuProber.Probe> burst, boolean emsgsize) {
        for (PmtuProber.Probe probe : burst) {
            if (probe.length() <= PATH) {
                p.onProbeReply(probe.length(), false);
            } else if (emsgsize) {
                p.onEmsgsize(probe.length());
            }
        }
    }

    @Test
    void convergesToThePathLimitWithinTenTicks() {
        for (long seed = 1; seed <= 20; seed++) {
            try (CapturedLog log = new CapturedLog(Log.TRAFFIC)) {
                PmtuProber p = prober(seed);
                List<PmtuProber.Probe> burst = p.onKeyAccepted(0);
                assertEquals(4, burst.size(), "maxmtu, then tincd's three random lengths");
                int ticks = 1;
                long now = 0;
                while (p.probeCount() < 31 && ticks < 40) {
                    send(p, burst, true);
                    now += 1000;
                    burst = p.tick(now);
                    ticks++;
                }
                assertEquals(PATH, p.mtu(), "seed " + seed);
                assertEquals(PATH, p.minMtu());
                assertTrue(ticks <= 12, "seed " + seed + " took " + ticks + " ticks");
                assertTrue(log.contains("Fixing MTU of beta (10.0.0.2 port 655) to 1451 after "), log.lines::toString);
            }
        }
    }

    /**
     * jtinc's addition to tincd's schedule: each discovery burst starts with a probe of exactly maxmtu, so on a path
     * that carries full frames the first reply settles minmtu and data stops going over TCP after one round trip
     * (tincd's random lengths need about five ticks). The fix is still logged at the next tick, as tincd does.
     */
    @Test
    void aFullSizePathSettlesWithTheFirstReply() {
        try (CapturedLog log = new CapturedLog(Log.TRAFFIC)) {
            PmtuProber p = prober(5);
            List<PmtuProber.Probe> burst = p.onKeyAccepted(0);
            assertEquals(DataSizes.MTU, burst.get(0).length());
            for (PmtuProber.Probe probe : burst) {
                p.onProbeReply(probe.length(), false);
            }
            assertEquals(DataSizes.MTU, p.minMtu(), "settled by the first burst's replies");
            assertTrue(p.tick(1000).isEmpty());
            assertEquals(DataSizes.MTU, p.mtu());
            assertTrue(log.contains("Fixing MTU of beta (10.0.0.2 port 655) to 1518 after 2 probes"), log.lines::toString);
        }
    }

    /**
     * With the likely limit of a 1500-byte underlay as a guess (1451 for aes-256-cbc and a 4-byte MAC), an Ethernet
     * path is known after one burst: the guess is echoed and guess+1 fails with EMSGSIZE. tincd alone needs about
     * five ticks, during which full-size frames go over TCP.
     */
    @Test
    void theLikelyLimitOfAnEthernetPathIsKnownAfterOneBurst() {
        for (long seed = 1; seed <= 20; seed++) {
            try (CapturedLog log = new CapturedLog(Log.TRAFFIC)) {
                PmtuProber p = prober(seed);
                List<PmtuProber.Probe> burst = p.onKeyAccepted(0, PATH);
                assertEquals(List.of(PATH, PATH + 1), burst.subList(0, 2).stream().map(PmtuProber.Probe::length).toList());
                send(p, burst, true);
                assertEquals(PATH, p.minMtu(), "seed " + seed);
                assertEquals(PATH, p.maxMtu(), "seed " + seed);
                assertTrue(p.tick(1000).isEmpty());
                assertEquals(PATH, p.mtu());
                assertTrue(log.contains("Fixing MTU of beta (10.0.0.2 port 655) to 1451 after 2 probes"), log.lines::toString);
            }
        }
        // A smaller path (1280 underlay): the guess is lost, tincd's random probes converge as before.
        PmtuProber p = prober(3);
        List<PmtuProber.Probe> burst = p.onKeyAccepted(0, PATH);
        long now = 0;
        for (int t = 0; t < 30 && p.probeCount() < 31; t++) {
            for (PmtuProber.Probe probe : burst) {
                if (probe.length() <= 1231) {
                    p.onProbeReply(probe.length(), false);
                }
            }
            now += 1000;
            burst = p.tick(now);
        }
        assertTrue(p.mtu() <= 1231 && p.mtu() > 1150, "mtu " + p.mtu());
    }

    @Test
    void withoutEmsgsizeFixesAfterThirtyTicks() {
        PmtuProber p = prober(7);
        List<PmtuProber.Probe> burst = p.onKeyAccepted(0);
        for (int t = 1; t <= 40 && p.probeCount() < 31; t++) {
            send(p, burst, false);
            burst = p.tick(t * 1000L);
        }
        assertEquals(31, p.probeCount());
        assertTrue(p.mtu() <= PATH && p.mtu() > 1400, "mtu " + p.mtu());
        assertEquals(p.minMtu(), p.maxMtu());
    }

    @Test
    void noResponseAfterTenTicksThenPingIntervalWaits() {
        try (CapturedLog log = new CapturedLog(Log.TRAFFIC)) {
            PmtuProber p = prober(3);
            p.onKeyAccepted(0);
            for (int t = 1; t <= 8; t++) {
                assertEquals(4, p.tick(t * 1000L).size());
            }
            assertFalse(log.contains("No response"));
            assertTrue(p.tick(9000).isEmpty()); // tick 10
            assertTrue(log.contains("No response to MTU probes from beta (10.0.0.2 port 655)"));
            assertEquals(31, p.probeCount());
            assertTrue(p.tick(10_000).isEmpty(), "waits PingInterval");
            assertEquals(69_000, p.nextDueMillis());
            // 32: one maintenance burst, then PingTimeout.
            List<PmtuProber.Probe> burst = p.tick(69_000);
            assertFalse(burst.isEmpty());
            assertEquals(74_000, p.nextDueMillis());
            // Still nothing and minmtu 0: back to 31, no restart message.
            assertTrue(p.tick(74_000).isEmpty());
            assertEquals(31, p.probeCount());
            assertFalse(log.contains("restarting PMTU discovery"));
        }
    }

    /**
     * jtinc only: after "No response to MTU probes", the peer's probe arriving by UDP brings our next burst forward
     * (at most once a second, and only while none of ours came back), instead of waiting out PingInterval. That is
     * what lets a hub follow a Pi whose NAT mapping the Pi's own burst has just opened (UdpBlockedIT).
     */
    @Test
    void aProbeFromThePeerBringsTheSlowCycleBurstForward() {
        PmtuProber p = prober(3);
        p.onKeyAccepted(0);
        assertTrue(p.onProbeRequest(500).isEmpty(), "discovery already bursts every second");
        for (int t = 1; t <= 9; t++) {
            p.tick(t * 1000L);
        }
        assertEquals(31, p.probeCount());
        assertEquals(69_000, p.nextDueMillis(), "tincd's schedule: the next burst a PingInterval away");

        List<PmtuProber.Probe> burst = p.onProbeRequest(12_000);
        assertEquals(3, burst.size(), "a maintenance burst at once");
        assertEquals(32, p.probeCount());
        assertEquals(17_000, p.nextDueMillis(), "then PingTimeout, as after any maintenance burst");
        assertTrue(p.onProbeRequest(12_999).isEmpty(), "the rest of the peer's burst, within the second");
        assertEquals(3, p.onProbeRequest(13_000).size(), "still nothing back a second later: again");

        p.onProbeReply(400, false);
        assertEquals(400, p.minMtu());
        assertTrue(p.onProbeRequest(20_000).isEmpty(), "a path that answers is left to the schedule");
    }

    @Test
    void maintenanceRestartsWhenUdpPingGoesUnanswered() {
        try (CapturedLog log = new CapturedLog(Log.TRAFFIC)) {
            PmtuProber p = prober(5);
            List<PmtuProber.Probe> burst = p.onKeyAccepted(0);
            long now = 0;
            while (p.probeCount() < 31) {
                send(p, burst, true);
                now += 1000;
                burst = p.tick(now);
            }
            assertEquals(PATH, p.mtu());
            now = p.nextDueMillis();
            burst = p.tick(now); // 32: maintenance burst
            // 32: three probes of maxmtu plus the maxmtu+8 one that detects a grown path.
            assertEquals(List.of(1459, 1451, 1451, 1451), burst.stream().map(PmtuProber.Probe::length).toList());
            now = p.nextDueMillis();
            List<PmtuProber.Probe> restart = p.tick(now); // 33: no reply
            assertTrue(log.contains("beta (10.0.0.2 port 655) did not respond to UDP ping, restarting PMTU discovery"));
            assertEquals(0, p.minMtu());
            assertEquals(DataSizes.MTU, p.maxMtu());
            assertEquals(1, p.probeCount());
            assertEquals(4, restart.size());
        }
    }

    @Test
    void maintenanceReplyKeepsTheMtuAndGrownPathRestarts() {
        PmtuProber p = prober(11);
        List<PmtuProber.Probe> burst = p.onKeyAccepted(0);
        long now = 0;
        while (p.probeCount() < 31) {
            send(p, burst, false); // no EMSGSIZE: fixed at tick 30, then the maxmtu+8 probe is sent
            now += 1000;
            burst = p.tick(now);
        }
        int fixed = p.mtu();
        burst = p.tick(p.nextDueMillis()); // 32
        assertTrue(burst.stream().anyMatch(b -> b.length() == fixed + 8), burst::toString);
        p.onProbeReply(fixed, false);
        assertEquals(30, p.probeCount());
        assertTrue(p.tick(p.nextDueMillis()).isEmpty()); // 31 again: wait PingInterval
        assertEquals(fixed, p.mtu());
        p.tick(p.nextDueMillis()); // 32
        p.onProbeReply(fixed + 8, false); // the path grew
        assertEquals(DataSizes.MTU, p.maxMtu());
        assertEquals(10, p.probeCount());
    }

    @Test
    void emsgsizeLowersMaxAndMtuAndResetStops() {
        PmtuProber p = prober(1);
        p.onKeyAccepted(0);
        p.onEmsgsize(1459);
        assertEquals(1458, p.maxMtu());
        assertEquals(1458, p.mtu());
        p.reset();
        assertFalse(p.running());
        assertTrue(p.tick(5000).isEmpty());
        assertEquals(0, p.minMtu());
        assertEquals(DataSizes.MTU, p.maxMtu());
        assertEquals(4, p.onKeyAccepted(6000).size());
        assertTrue(p.onKeyAccepted(6000).isEmpty(), "a repeated ANS_KEY does not restart probing");
    }

    @Test
    void compressedRepliesAreAdjusted() {
        PmtuProber p = prober(1);
        p.onKeyAccepted(0);
        p.onProbeReply(543, true);
        assertEquals(500, p.minMtu());
    }

    @Test
    void probeLengthsStayInRangeAndLocalDiscoveryBroadcastsEarly() {
        PmtuProber p = new PmtuProber("b", "h", 1400, 60, 5, true, new SplittableRandom(9));
        assertEquals(1400, p.mtu());
        List<PmtuProber.Probe> burst = p.onKeyAccepted(0);
        assertEquals(5, burst.size());
        assertTrue(burst.get(4).localBroadcast());
        for (PmtuProber.Probe probe : burst) {
            assertTrue(probe.length() >= 64 && probe.length() <= DataSizes.MTU);
        }
    }

    @Test
    void probeFrames() {
        ByteBuffer b = ByteBuffer.allocate(200);
        b.put(0, (byte) 0x55);
        MtuProbes.writeRequest(b, 10, 100, new SplittableRandom(2));
        assertTrue(MtuProbes.isProbe(b, 10, 100));
        assertTrue(MtuProbes.isRequest(b, 10));
        assertEquals(0x55, b.get(0));
        int nonZero = 0;
        for (int i = 24; i < 110; i++) {
            nonZero += b.get(i) != 0 ? 1 : 0;
        }
        assertTrue(nonZero > 70, "random tail");
        MtuProbes.turnIntoReply(b, 10);
        assertFalse(MtuProbes.isRequest(b, 10));
        assertTrue(MtuProbes.isProbe(b, 10, 100));
        b.put(23, (byte) 0x86);
        assertFalse(MtuProbes.isProbe(b, 10, 100));
        assertFalse(MtuProbes.isProbe(b, 10, 13));
        assertEquals(0, b.position());
    }
}
