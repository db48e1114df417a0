package io.jtinc.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReconnectBackoffTest {
    @Test
    void linearStepsOfFiveCappedAtMaxTimeoutAndResetByPong() {
        ReconnectBackoff b = new ReconnectBackoff(0, 12);
        assertEquals(5, b.nextDelaySeconds());
        assertEquals(10, b.nextDelaySeconds());
        assertEquals(12, b.nextDelaySeconds());
        assertEquals(12, b.nextDelaySeconds());
        b.reset();
        assertEquals(5, b.nextDelaySeconds());
    }

    @Test
    void minTimeoutIsAFloor() {
        assertEquals(30, new ReconnectBackoff(30, 900).nextDelaySeconds());
    }

    @Test
    void acceptThrottleTarpitsTheTenthConnectionWithinOneSecond() {
        AcceptThrottle t = new AcceptThrottle();
        for (int i = 1; i < 10; i++) {
            assertFalse(t.tooMany(5_000 + i), "accept " + i);
        }
        assertTrue(t.tooMany(5_500));
        assertFalse(t.tooMany(6_000), "a new second starts a new count");
    }

    @Test
    void maxConnectionBurstMovesTheLimit() {
        AcceptThrottle t = new AcceptThrottle(100);
        for (int i = 1; i < 100; i++) {
            assertFalse(t.tooMany(7_000 + i / 10), "accept " + i);
        }
        assertTrue(t.tooMany(7_999), "the 100th within the second");
        assertEquals(1, t.throttled());
    }

    @Test
    void ipv6AddressesAreWrittenCompressedAsTincdLogsThem() {
        assertEquals("fd00::1", Addresses.compressIpv6("fd00:0:0:0:0:0:0:1"));
        assertEquals("::", Addresses.compressIpv6("0:0:0:0:0:0:0:0"));
        assertEquals("2001:db8:85a3::1:0:1", Addresses.compressIpv6("2001:db8:85a3:0:0:1:0:1"));
    }
}
