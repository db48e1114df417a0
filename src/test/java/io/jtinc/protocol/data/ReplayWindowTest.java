package io.jtinc.protocol.data;

import static io.jtinc.protocol.data.ReplayWindow.ACCEPT;
import static io.jtinc.protocol.data.ReplayWindow.ACCEPT_RESYNC;
import static io.jtinc.protocol.data.ReplayWindow.DROP_FAR_FUTURE;
import static io.jtinc.protocol.data.ReplayWindow.DROP_REPLAYED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReplayWindowTest {
    @Test
    void inOrderIsAccepted() {
        ReplayWindow w = new ReplayWindow(16);
        for (long s = 1; s <= 1000; s++) {
            assertEquals(ACCEPT, w.check(s));
        }
        assertEquals(1000, w.received());
    }

    @Test
    void gapThenLateFillOnceEach() {
        ReplayWindow w = new ReplayWindow(16);
        assertEquals(ACCEPT, w.check(1));
        assertEquals(ACCEPT, w.check(51)); // 2..50 become late
        assertEquals(ACCEPT, w.check(2));
        assertEquals(ACCEPT, w.check(50));
        assertEquals(DROP_REPLAYED, w.check(2), "a late packet is accepted once");
        assertEquals(51, w.received());
        assertEquals(ACCEPT, w.check(52));
    }

    @Test
    void replayOfDeliveredPacketsIsDropped() {
        ReplayWindow w = new ReplayWindow(16);
        for (long s = 1; s <= 10; s++) {
            w.check(s);
        }
        for (long s = 1; s <= 10; s++) {
            assertEquals(DROP_REPLAYED, w.check(s));
        }
        assertEquals(DROP_REPLAYED, w.check(0));
    }

    @Test
    void latePacketOutsideTheWindowIsDropped() {
        ReplayWindow w = new ReplayWindow(16);
        w.check(1);
        w.check(100); // 2..99 late
        assertEquals(ACCEPT, w.check(127)); // gap 101..126 late; W = 128
        assertEquals(ACCEPT, w.check(200));
        assertEquals(DROP_REPLAYED, w.check(72), "200 - 128 = 72 is out of the window");
        assertEquals(ACCEPT, w.check(73));
    }

    @Test
    void farFutureDropsFourThenAcceptsAndResyncs() {
        ReplayWindow w = new ReplayWindow(16);
        w.check(1);
        w.check(3); // 2 late
        for (int i = 0; i < 4; i++) {
            assertEquals(DROP_FAR_FUTURE, w.check(10_000 + i));
        }
        assertEquals(1, w.check(10_004) == ACCEPT_RESYNC ? 1 : 0);
        assertEquals(10_004, w.received());
        assertEquals(0, w.farFutureStreak());
        assertEquals(ACCEPT, w.check(10_005));
        assertEquals(DROP_REPLAYED, w.check(10_003), "late bits were cleared by the resync");
    }

    @Test
    void farFutureStreakIsBrokenByAnAcceptedPacket() {
        ReplayWindow w = new ReplayWindow(16);
        w.check(1);
        for (int i = 0; i < 3; i++) {
            assertEquals(DROP_FAR_FUTURE, w.check(5000));
        }
        assertEquals(ACCEPT, w.check(2));
        assertEquals(DROP_FAR_FUTURE, w.check(5000), "the streak restarted");
        assertEquals(1, w.farFutureStreak());
    }

    @Test
    void boundaryOfFarFutureIsReceivedPlusWidth() {
        ReplayWindow w = new ReplayWindow(16);
        w.check(1);
        assertEquals(ACCEPT, w.check(128)); // 1 + 128 - 1
        ReplayWindow v = new ReplayWindow(16);
        v.check(1);
        assertEquals(DROP_FAR_FUTURE, v.check(129));
    }

    @Test
    void zeroDisablesEveryCheck() {
        ReplayWindow w = new ReplayWindow(0);
        assertEquals(ACCEPT, w.check(5));
        assertEquals(ACCEPT, w.check(5));
        assertEquals(ACCEPT, w.check(1_000_000));
        assertEquals(ACCEPT, w.check(1));
        assertEquals(1_000_000, w.received());
    }

    @Test
    void smallerWindowFarFutureCountIsQuarter() {
        ReplayWindow w = new ReplayWindow(8); // W = 64, 2 drops
        w.check(1);
        assertEquals(DROP_FAR_FUTURE, w.check(1000));
        assertEquals(DROP_FAR_FUTURE, w.check(1001));
        assertEquals(ACCEPT_RESYNC, w.check(1002));
    }

    @Test
    void keyRenewalAfterTwoToTheThirty() {
        ReplayWindow w = new ReplayWindow(0);
        w.check(1L << 30);
        assertFalse(w.keyRenewalDue());
        w.check((1L << 30) + 1);
        assertTrue(w.keyRenewalDue());
    }
}
