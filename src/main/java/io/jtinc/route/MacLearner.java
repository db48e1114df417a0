package io.jtinc.route;

import io.jtinc.config.SubnetSpec;
import io.jtinc.log.Log;
import io.jtinc.log.Priority;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Switch mode's learning of the local node's MAC subnets (route.c learn_mac / age_subnets, spec §8.3): every
 * source MAC read from the local TAP becomes a subnet of ours with weight 10, announced to all active
 * connections, refreshed by each later frame and withdrawn MACExpire after the last one. MACs configured with
 * {@code Subnet =} are never learned nor aged.
 *
 * <p>Unlike tincd (time-bounded only) the table has a hard capacity: a MAC flood on the LAN would otherwise turn
 * into an ADD_SUBNET storm across the mesh (reliability.md §1.2). New MACs beyond it are not learned (their frames
 * still route: unknown destinations are broadcast) and are counted. Group (multicast/broadcast) source MACs are
 * never learned; tincd would, and would then attract the mesh's broadcasts.
 *
 * <p>Open addressing on primitive arrays: {@link #learn} allocates nothing for known MACs. Synchronized, so the
 * device-reading thread and the aging timer may differ; it is not meant to be shared more widely.
 */
public final class MacLearner {
    /** tincd's MACExpire default, in seconds. */
    public static final int DEFAULT_MAC_EXPIRE_SECONDS = 600;
    public static final int DEFAULT_CAPACITY = 4096;

    private static final long EMPTY = -1L; // not a 48-bit value

    private final long expireMillis;
    private final int capacity;
    private final long[] configured;
    private final long[] keys;
    private final long[] expires;
    private final SubnetSpec[] specs;
    private final int mask;
    private int size;
    private long refusedFull;
    private long refusedGroup;

    /**
     * @param configuredMacs the local node's {@code Subnet =} MACs (48-bit values), which are never learned
     */
    public MacLearner(long macExpireMillis, int capacity, Set<Long> configuredMacs) {
        if (capacity < 1 || capacity > (1 << 24)) {
            throw new IllegalArgumentException("capacity " + capacity);
        }
        this.expireMillis = macExpireMillis;
        this.capacity = capacity;
        this.configured = configuredMacs.stream().mapToLong(Long::longValue).sorted().toArray();
        int slots = Integer.highestOneBit(capacity * 2 - 1) << 1; // load factor ≤ 1/2
        this.keys = new long[slots];
        Arrays.fill(keys, EMPTY);
        this.expires = new long[slots];
        this.specs = new SubnetSpec[slots];
        this.mask = slots - 1;
    }

    /** The MAC at frame[position + offset, +6) as a 48-bit value. */
    public static long macAt(ByteBuffer frame, int offset) {
        int p = frame.position() + offset;
        return ((long) Checksums.u16(frame, p) << 32) | (frame.getInt(p + 2) & 0xFFFFFFFFL);
    }

    /**
     * Call for every frame read from the local device in switch mode, before routing it. Returns the subnet when
     * the source MAC is new: add it to our subnets (rebuild the RoutingSnapshot), run subnet-up and send
     * ADD_SUBNET to every active connection. Returns null when the MAC was known (its expiry is refreshed) or is
     * not learned (short frame, group address, configured, table full).
     */
    public synchronized SubnetSpec learn(ByteBuffer frame, long nowMillis) {
        if (frame.remaining() < 14) {
            return null;
        }
        long mac = macAt(frame, 6);
        if ((mac & 0x0100_0000_0000L) != 0) {
            refusedGroup++;
            return null;
        }
        int slot = find(mac);
        if (keys[slot] == mac) {
            expires[slot] = nowMillis + expireMillis;
            return null;
        }
        if (Arrays.binarySearch(configured, mac) >= 0) {
            return null;
        }
        if (size >= capacity) {
            refusedFull++;
            return null;
        }
        SubnetSpec spec = toSpec(mac);
        keys[slot] = mac;
        expires[slot] = nowMillis + expireMillis;
        specs[slot] = spec;
        size++;
        if (Log.enabled(Log.TRAFFIC)) {
            Log.log(Log.TRAFFIC, Priority.INFO, "Learned new MAC address " + spec.withoutWeight());
        }
        return spec;
    }

    /**
     * age_subnets: removes and returns the learned MACs whose expiry has passed. For each, send DEL_SUBNET to every
     * active connection, run subnet-down and drop it from our subnets. Call every few seconds.
     */
    public synchronized List<SubnetSpec> expire(long nowMillis) {
        List<SubnetSpec> out = new ArrayList<>();
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != EMPTY && expires[i] <= nowMillis) {
                out.add(specs[i]);
            }
        }
        // Removed in a second pass: backward-shift deletion moves entries between slots.
        for (SubnetSpec s : out) {
            remove(find(macOf(s)));
            if (Log.enabled(Log.TRAFFIC)) {
                Log.log(Log.TRAFFIC, Priority.INFO, "Subnet " + s.canonical() + " expired");
            }
        }
        return out;
    }

    /**
     * Fast roaming (protocol_subnet.c add_subnet_h): another node now announces this MAC; if we learned it, it
     * expires at once and the next {@link #expire} withdraws it. Returns true if it was ours.
     */
    public synchronized boolean expireNow(long mac, long nowMillis) {
        int slot = find(mac & 0xFFFF_FFFF_FFFFL);
        if (keys[slot] == EMPTY) {
            return false;
        }
        expires[slot] = Math.min(expires[slot], nowMillis);
        return true;
    }

    public synchronized boolean contains(long mac) {
        return keys[find(mac)] != EMPTY;
    }

    /** The currently learned MACs as subnets (to include in the RoutingSnapshot as owned by the local node). */
    public synchronized Collection<SubnetSpec> learned() {
        List<SubnetSpec> out = new ArrayList<>(size);
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != EMPTY) {
                out.add(specs[i]);
            }
        }
        return out;
    }

    public synchronized int size() {
        return size;
    }

    /** New MACs not learned because the table was full. */
    public synchronized long refusedFull() {
        return refusedFull;
    }

    /** Frames whose source MAC was a group address. */
    public synchronized long refusedGroup() {
        return refusedGroup;
    }

    /** The slot holding mac, or the empty slot where it would go. */
    private int find(long mac) {
        int i = hash(mac);
        while (keys[i] != EMPTY && keys[i] != mac) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private int hash(long mac) {
        long h = mac * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 40) & mask;
    }

    /** Linear-probing deletion with backward shift, so lookups never need tombstones. */
    private void remove(int i) {
        keys[i] = EMPTY;
        specs[i] = null;
        size--;
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            if (keys[j] == EMPTY) {
                return;
            }
            int home = hash(keys[j]);
            // move j back into the hole i if its home slot is not cyclically in (i, j]
            boolean stays = i <= j ? (home > i && home <= j) : (home > i || home <= j);
            if (!stays) {
                keys[i] = keys[j];
                expires[i] = expires[j];
                specs[i] = specs[j];
                keys[j] = EMPTY;
                specs[j] = null;
                i = j;
            }
        }
    }

    /** The 48-bit MAC of a MAC subnet (for fast roaming from the graph). */
    public static long macOf(SubnetSpec s) {
        long mac = 0;
        for (byte x : s.address()) {
            mac = (mac << 8) | (x & 0xff);
        }
        return mac;
    }

    private static SubnetSpec toSpec(long mac) {
        StringBuilder sb = new StringBuilder();
        for (int shift = 40; shift >= 0; shift -= 8) {
            sb.append(shift < 40 ? ":" : "").append(Long.toHexString((mac >>> shift) & 0xff));
        }
        try {
            return SubnetSpec.parseNetwork(sb.toString());
        } catch (SubnetSpec.FormatException e) {
            throw new IllegalStateException(e); // cannot happen: we formatted six hex groups
        }
    }
}
