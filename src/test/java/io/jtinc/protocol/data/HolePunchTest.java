package io.jtinc.protocol.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jtinc.protocol.data.HolePunch.Action;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HolePunchTest {
    private static final String A = "198.51.100.12:655";
    private static final String B = "198.51.100.13:655";

    /** Runs the punch timer every 250 ms from {@code from} to {@code to}, listing "t:ACTION". */
    private static List<String> run(HolePunch p, long from, long to) {
        List<String> out = new ArrayList<>();
        for (long t = from; t <= to; t += HolePunch.PUNCH_INTERVAL_MILLIS) {
            Action a = p.tick(t);
            if (a != Action.NONE) {
                out.add(t + ":" + a);
            }
        }
        return out;
    }

    @Test
    void newAddressGetsLowTtlForTheWindowThenPunchesThenOneFollowUp() {
        HolePunch p = new HolePunch();
        assertTrue(p.lowTtl(A, 10_000), "the first datagram to a new address is a punch");
        assertTrue(p.windowOpen());
        assertTrue(p.lowTtl(A, 11_000), "still inside the window");
        assertEquals(List.of("10000:PUNCH", "10250:PUNCH", "10500:PUNCH", "10750:PUNCH", "11000:PUNCH",
                "11250:FOLLOW_UP"), run(p, 10_000, 12_000));
        assertFalse(p.windowOpen());
        assertFalse(p.lowTtl(A, 12_000), "after the window: normal TTL");
        assertEquals(1, p.windows());
    }

    @Test
    void authenticatedUdpConfirmsAndEndsTheWindow() {
        HolePunch p = new HolePunch();
        assertTrue(p.lowTtl(A, 0));
        p.onAuthenticated(A);
        assertTrue(p.confirmed(A));
        assertFalse(p.lowTtl(A, 100));
        assertEquals(List.of(), run(p, 0, 2_000), "no punches and no follow-up once confirmed");
        assertFalse(p.lowTtl(A, 100_000), "a confirmed path is never punched again");
    }

    @Test
    void aNormalSendAfterTheWindowReplacesTheFollowUp() {
        HolePunch p = new HolePunch();
        assertTrue(p.lowTtl(A, 0));
        assertFalse(p.lowTtl(A, HolePunch.WINDOW_MILLIS));
        assertEquals(List.of(), run(p, HolePunch.WINDOW_MILLIS, 3_000));
    }

    @Test
    void retryOnlyAfterThirtyFiveQuietSeconds() {
        HolePunch p = new HolePunch();
        p.lowTtl(A, 0);
        run(p, 0, 1_250); // follow-up (normal) at 1250
        // Probes every second for a while (the prober before it gives up): all normal, no new window.
        for (long t = 2_000; t <= 10_000; t += 1_000) {
            assertFalse(p.lowTtl(A, t), "no new window while normal sends keep the peer's entry alive");
        }
        assertFalse(p.lowTtl(A, 10_000 + HolePunch.QUIET_BEFORE_RETRY_MILLIS - 1));
        long retry = 10_000 + 2 * HolePunch.QUIET_BEFORE_RETRY_MILLIS;
        assertTrue(p.lowTtl(A, retry), "after 35 quiet seconds the next send punches again");
        assertEquals(2, p.windows());
        assertEquals(List.of(retry + ":PUNCH", (retry + 250) + ":PUNCH", (retry + 500) + ":PUNCH",
                (retry + 750) + ":PUNCH", (retry + 1000) + ":PUNCH", (retry + 1250) + ":FOLLOW_UP"),
                run(p, retry, retry + 2_000));
    }

    @Test
    void aNewAddressStartsOverAndResetForgetsConfirmation() {
        HolePunch p = new HolePunch();
        p.lowTtl(A, 0);
        p.onAuthenticated(A);
        assertTrue(p.lowTtl(B, 1_000), "the peer moved: its new address is unconfirmed");
        assertFalse(p.confirmed(B));
        assertFalse(p.confirmed(A));
        p.onAuthenticated(B);
        assertTrue(p.confirmed(B));
        p.reset();
        assertFalse(p.confirmed(B));
        assertTrue(p.lowTtl(B, 2_000), "after a reachability change the same address is punched again");
    }
}
