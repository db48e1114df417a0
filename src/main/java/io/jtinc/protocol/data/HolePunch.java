package io.jtinc.protocol.data;

/**
 * Low-TTL hole punching towards one peer's UDP address (a jtinc extension; nothing new on the wire).
 *
 * <p>Why: two Pis behind two Linux MASQUERADE NATs learn each other's public address at about the same time (the
 * relay appends it to ANS_KEY, spec §4.2) and both start PMTU probing. Whichever probe reaches the OTHER router
 * first, before that router's own Pi has sent anything to us, is delivered locally there and leaves an unreplied
 * inbound conntrack entry. That entry holds the tuple the other Pi's outgoing mapping would need, so MASQUERADE
 * gives the Pi another source port, and with address+port filtering nothing passes either way; probes every
 * second keep the entry alive (UDP unreplied timeout 30 s). So: to an address we have not yet received
 * authenticated UDP from, we first send a few datagrams with a small IP TTL. They create our own NAT's mapping
 * but die before the peer's router, so no blocking entry appears there. Only after the punch window do normal
 * datagrams go out; by then the peer has usually punched too and they match its fresh mapping.
 *
 * <p>Schedule: the first datagram to a new address opens a window of {@link #WINDOW_MILLIS}; every datagram in it
 * goes with the low TTL, and {@link #tick} asks for a punch every {@link #PUNCH_INTERVAL_MILLIS} and, when the
 * window ends unconfirmed, one normal-TTL follow-up (PMTU probing may be idle by then). Authenticated UDP from the
 * address confirms it: normal sends from then on. If the window passes unconfirmed, sends stay normal (the hub's
 * relay carries the data meanwhile); a later send that comes after at least {@link #QUIET_BEFORE_RETRY_MILLIS} of
 * no normal-TTL sends to the address (by then a blocking entry our sends made on the peer's router has expired)
 * opens a new window. With tinc's defaults that is the PMTU prober's burst every PingInterval (60 s) after it gave
 * up; with PingInterval under ~35 s no retry happens (the relay stays).
 *
 * <p>Sans-IO, loop-confined, time passed in. Addresses are compared with equals.
 */
public final class HolePunch {
    public static final long PUNCH_INTERVAL_MILLIS = 250;
    /** Punches per window (the first at the window's start). */
    public static final int PUNCHES = 5;
    public static final long WINDOW_MILLIS = PUNCHES * PUNCH_INTERVAL_MILLIS;
    /** Longer than Linux's 30 s timeout of an unreplied UDP conntrack entry. */
    public static final long QUIET_BEFORE_RETRY_MILLIS = 35_000;

    /** What {@link #tick} wants the caller to send now. */
    public enum Action {
        NONE,
        /** A small valid datagram (an MTU probe request) with the low TTL. */
        PUNCH,
        /** The window ended unconfirmed: one valid datagram with the normal TTL. */
        FOLLOW_UP
    }

    private Object address;
    private boolean confirmed;
    private boolean sentAny;
    private boolean windowOpen;
    private long windowStart;
    private int punchesSent;
    private long lastNormalSend;
    private int windows;

    /**
     * A datagram is about to go to {@code to}: true if it must carry the low TTL. Opens a window when {@code to}
     * is new and unconfirmed, or after a long enough quiet time (see the class comment).
     */
    public boolean lowTtl(Object to, long now) {
        retarget(to);
        if (confirmed) {
            return false;
        }
        if (!windowOpen && (!sentAny || now - lastNormalSend >= QUIET_BEFORE_RETRY_MILLIS)) {
            windowOpen = true;
            windowStart = now;
            punchesSent = 0;
            windows++;
        }
        sentAny = true;
        if (windowOpen) {
            if (now - windowStart < WINDOW_MILLIS) {
                return true;
            }
            windowOpen = false; // this normal send replaces the follow-up
        }
        lastNormalSend = now;
        return false;
    }

    /** The punch timer (call about every {@link #PUNCH_INTERVAL_MILLIS} while {@link #windowOpen()}). */
    public Action tick(long now) {
        if (!windowOpen) {
            return Action.NONE;
        }
        if (confirmed) {
            windowOpen = false;
            return Action.NONE;
        }
        if (now - windowStart >= WINDOW_MILLIS) {
            windowOpen = false;
            lastNormalSend = now; // the caller sends the follow-up now
            return Action.FOLLOW_UP;
        }
        if (punchesSent < PUNCHES && now >= windowStart + punchesSent * PUNCH_INTERVAL_MILLIS) {
            punchesSent++;
            return Action.PUNCH;
        }
        return Action.NONE;
    }

    /** Authenticated UDP arrived from {@code from} (which is the peer's current address): the path works. */
    public void onAuthenticated(Object from) {
        retarget(from);
        confirmed = true;
        windowOpen = false;
    }

    /** The peer became unreachable: its NAT state may be gone by the time it is back, so punch again. */
    public void reset() {
        address = null;
        confirmed = false;
        sentAny = false;
        windowOpen = false;
    }

    /** Whether authenticated UDP came from {@code to}, the current address. */
    public boolean confirmed(Object to) {
        return confirmed && (to == address || (to != null && to.equals(address)));
    }

    public boolean windowOpen() {
        return windowOpen;
    }

    /** Punch windows opened so far (also across addresses). */
    public int windows() {
        return windows;
    }

    private void retarget(Object to) {
        if (to != null && !to.equals(address)) {
            address = to;
            confirmed = false;
            sentAny = false;
            windowOpen = false;
        }
    }
}
