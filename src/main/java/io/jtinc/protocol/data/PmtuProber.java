package io.jtinc.protocol.data;

import io.jtinc.log.Log;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * tincd 1.0.36's per-peer path MTU discovery (net_packet.c send_mtu_probe and mtu_probe_h; spec §6.2). The state
 * is tincd's {@code mtuprobes} counter:
 * <ul>
 * <li>1..30: discovery, one burst per second of 3 probes with random lengths in (minmtu, maxmtu] (exactly maxmtu
 * once min ≥ max), plus (jtinc only, see {@link #guesses}) two probes around the likely path limit; from 30 on, a 4th of maxmtu+8 to detect a grown PMTU. Fixed when minmtu ≥ maxmtu or at 30
 * ("Fixing MTU of X (Y) to N after M probes"); no reply at all by 10: "No response to MTU probes from X (Y)".</li>
 * <li>31: wait PingInterval. 32: one burst, wait PingTimeout. Past 32 without a reply: "X (Y) did not respond to
 * UDP ping, restarting PMTU discovery" (minmtu back to 0, so data falls back to TCP). jtinc only: at 31 or 32
 * with minmtu 0, a probe from the peer brings the next burst forward ({@link #onProbeRequest}).</li>
 * </ul>
 * Sans-IO: the caller sends the returned probes ({@link MtuProbes#writeRequest} then the encoder), reports replies
 * and EMSGSIZE, and calls {@link #tick} about once a second (or at {@link #nextDueMillis()}).
 *
 * <p>Thread-confined to the node's event loop. Owns minmtu/maxmtu/mtu of the node.
 */
public final class PmtuProber {
    /** One probe to send: its frame length, and whether it goes to the LAN broadcast address (LocalDiscovery). */
    public record Probe(int length, boolean localBroadcast) {
    }

    private final String who;
    private final long pingIntervalMillis;
    private final long pingTimeoutMillis;
    private final boolean localDiscovery;
    private final RandomGenerator random;
    private int minMtu;
    private int maxMtu = DataSizes.MTU;
    private int mtu;
    private int probes;
    private boolean running;
    private long dueAt;
    private int likelyFrame;
    private long lastPulledForward = Long.MIN_VALUE / 2;

    /**
     * @param initialMtu the node's mtu before discovery: {@link DataSizes#MTU}, or the PMTU setting when lower
     * @param pingIntervalSeconds PingInterval (default 60), the wait between maintenance bursts
     * @param pingTimeoutSeconds PingTimeout (default 5), how long a maintenance burst may go unanswered
     * @param localDiscovery LocalDiscovery: a 5th probe per burst, broadcast to the LAN during the first 10 ticks
     * @param random probe lengths (and nothing else); inject a seeded generator in tests
     */
    public PmtuProber(String nodeName, String hostname, int initialMtu, int pingIntervalSeconds,
            int pingTimeoutSeconds, boolean localDiscovery, RandomGenerator random) {
        this.who = nodeName + " (" + hostname + ")";
        this.mtu = Math.min(initialMtu, DataSizes.MTU);
        this.pingIntervalMillis = pingIntervalSeconds * 1000L;
        this.pingTimeoutMillis = pingTimeoutSeconds * 1000L;
        this.localDiscovery = localDiscovery;
        this.random = Objects.requireNonNull(random);
    }

    /**
     * An ANS_KEY from the peer was accepted (and PMTU discovery applies to it). Starts probing at once, unless it
     * is already running: tincd only starts when no probe timer exists, so a repeated ANS_KEY changes nothing.
     *
     * @return the first burst (empty if already running)
     */
    public List<Probe> onKeyAccepted(long nowMillis) {
        return onKeyAccepted(nowMillis, 0);
    }

    /**
     * @param likelyFrame the largest frame that fits a 1500-byte Ethernet underlay with this peer's cipher and MAC
     *        ({@link DataSizes#largestFrame}), tried first; 0 for no guess (tincd's schedule alone)
     */
    public List<Probe> onKeyAccepted(long nowMillis, int likelyFrame) {
        this.likelyFrame = likelyFrame;
        if (running) {
            return List.of();
        }
        running = true;
        dueAt = nowMillis;
        return tick(nowMillis);
    }

    /** Advances the timer: returns the probes to send now, empty when not running or not yet due. */
    public List<Probe> tick(long nowMillis) {
        if (!running || nowMillis < dueAt) {
            return List.of();
        }
        probes++;
        long timeout = 1000;
        if (probes > 32) {
            if (minMtu == 0) {
                probes = 31;
                dueAt = nowMillis + pingIntervalMillis;
                return List.of();
            }
            info(who + " did not respond to UDP ping, restarting PMTU discovery");
            probes = 1;
            minMtu = 0;
            maxMtu = DataSizes.MTU;
        }
        if (probes >= 10 && probes < 32 && minMtu == 0) {
            info("No response to MTU probes from " + who);
            probes = 31;
        }
        if (probes == 30 || (probes < 30 && minMtu >= maxMtu)) {
            if (minMtu > maxMtu) {
                minMtu = maxMtu;
            } else {
                maxMtu = minMtu;
            }
            mtu = minMtu;
            info("Fixing MTU of " + who + " to " + mtu + " after " + probes + " probes");
            probes = 31;
        }
        if (probes == 31) {
            dueAt = nowMillis + pingIntervalMillis;
            return List.of();
        } else if (probes == 32) {
            timeout = pingTimeoutMillis;
        }
        List<Probe> burst = new ArrayList<>(7);
        if (probes < 30) {
            guesses(burst);
        }
        for (int i = 0; i < 4 + (localDiscovery ? 1 : 0); i++) {
            int len;
            if (i == 0) {
                if (probes < 30 || maxMtu + 8 >= DataSizes.MTU) {
                    continue;
                }
                len = maxMtu + 8;
            } else if (maxMtu <= minMtu) {
                len = maxMtu;
            } else {
                len = minMtu + 1 + random.nextInt(maxMtu - minMtu);
            }
            len = Math.max(len, MtuProbes.MIN_LENGTH);
            burst.add(new Probe(len, i >= 4 && probes <= 10));
            if (Log.enabled(Log.TRAFFIC)) {
                Log.info(Log.TRAFFIC, "Sending MTU probe length " + len + " to " + who);
            }
        }
        dueAt = nowMillis + timeout;
        return burst;
    }

    /**
     * Beyond tincd: two probes at the likely path limit, the largest frame that fits a 1500-byte underlay, and one
     * byte more. tincd's random lengths in (minmtu, maxmtu] need about five 1-second ticks to close in, and until
     * minmtu covers a frame, that frame goes over TCP: a fresh tunnel's first seconds of bulk traffic went almost
     * entirely over the meta connection. On an Ethernet path the guess comes back, and the guess+1 fails locally
     * with EMSGSIZE, so both bounds are known one round trip after the key. When the guess is already confirmed
     * (a larger path, or loopback), maxmtu itself is tried. The random probes go on as tincd's, so a smaller path
     * converges as it always did. Peers only echo probes, so tincd peers see nothing new.
     */
    private void guesses(List<Probe> burst) {
        if (likelyFrame > minMtu && likelyFrame <= maxMtu) {
            guess(burst, likelyFrame);
            if (likelyFrame < maxMtu) {
                guess(burst, likelyFrame + 1);
            }
        } else if (maxMtu > minMtu) {
            guess(burst, maxMtu);
        }
    }

    private void guess(List<Probe> burst, int length) {
        int len = Math.max(length, MtuProbes.MIN_LENGTH);
        burst.add(new Probe(len, false));
        if (Log.enabled(Log.TRAFFIC)) {
            Log.info(Log.TRAFFIC, "Sending MTU probe length " + len + " to " + who);
        }
    }

    /**
     * Beyond tincd: the peer's own probe reached us by UDP while none of ours has come back (minmtu 0) and we wait
     * in the slow cycle (31 or 32, after "No response to MTU probes"). UDP works from the peer to us now, so we
     * burst at once instead of at our next PingInterval + PingTimeout. Why: behind a NAT, a Pi whose UDP was
     * blocked opens the NAT's mapping with its own burst; the hub's bursts fall in the same second of the same
     * cycle (both started at the key exchange), and when the hub's came a few milliseconds first, the NAT dropped
     * them and the hub went on sending over TCP for another full cycle (UdpBlockedIT: 20 s instead of 10 with
     * PingInterval 5; 130 s instead of 65 with the default 60). The NAT may also have given the Pi a new port,
     * which the peer's probe has just taught us. At most one such burst a second, tincd's discovery rate, so a
     * peer's probes cannot make us send faster than discovery does.
     *
     * @return the burst to send now (empty when not in that state, or pulled forward less than a second ago)
     */
    public List<Probe> onProbeRequest(long nowMillis) {
        if (!running || minMtu != 0 || probes < 31 || nowMillis - lastPulledForward < 1000) {
            return List.of();
        }
        lastPulledForward = nowMillis;
        probes = 31;
        dueAt = nowMillis;
        return tick(nowMillis);
    }

    /**
     * A probe reply arrived.
     *
     * @param length {@link PacketDecoder#lastPayloadLength()}: the length before decompression
     * @param compressed {@link PacketDecoder#compressed()}: tincd then subtracts MTU/64 + 20 = 43
     */
    public void onProbeReply(int length, boolean compressed) {
        int len = compressed ? length - DataSizes.COMPRESSED_PROBE_ADJUSTMENT : length;
        if (probes > 30) {
            if (len == maxMtu + 8) {
                info("Increase in PMTU to " + who + " detected, restarting PMTU discovery");
                maxMtu = DataSizes.MTU;
                probes = 10;
                return;
            }
            probes = minMtu != 0 ? 30 : 1;
        }
        if (len > maxMtu) {
            len = maxMtu;
        }
        if (minMtu < len) {
            minMtu = len;
        }
    }

    /**
     * Sending a frame (probe or data) of {@code frameLength} to this node failed with EMSGSIZE (DF set and too big
     * for the local interface): the path cannot carry it, lower maxmtu and mtu to {@code frameLength - 1}.
     */
    public void onEmsgsize(int frameLength) {
        if (maxMtu >= frameLength) {
            maxMtu = frameLength - 1;
        }
        if (mtu >= frameLength) {
            mtu = frameLength - 1;
        }
    }

    /** The node became unreachable or lost its key: stop probing, forget minmtu (tincd keeps mtu). */
    public void reset() {
        running = false;
        probes = 0;
        minMtu = 0;
        maxMtu = DataSizes.MTU;
    }

    /** Largest frame known to get through by UDP; 0 until a probe came back (then everything goes by TCP). */
    public int minMtu() {
        return minMtu;
    }

    public int maxMtu() {
        return maxMtu;
    }

    /** The node's MTU used for ICMP "too big" and ClampMSS (spec §6.4). */
    public int mtu() {
        return mtu;
    }

    /** tincd's mtuprobes counter (see the class comment). */
    public int probeCount() {
        return probes;
    }

    public boolean running() {
        return running;
    }

    /** When {@link #tick} next has something to do (only meaningful while {@link #running()}). */
    public long nextDueMillis() {
        return dueAt;
    }

    private static void info(String message) {
        Log.info(Log.TRAFFIC, message);
    }
}
