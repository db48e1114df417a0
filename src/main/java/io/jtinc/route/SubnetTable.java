package io.jtinc.route;

import io.jtinc.config.SubnetSpec;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;

/**
 * The immutable routing table the data-plane threads read: all subnets of all nodes, with tincd's lookup
 * semantics (subnet.c lookup_subnet_*, spec §8.6). tincd scans its subnet tree (type, prefix length descending,
 * address, weight, owner) and returns the first match whose owner is reachable, else the last match. That gives
 * longest-prefix match, the weight tie-break and failover to a reachable owner.
 *
 * <p>Layout: per type, one group per prefix length present (longest first); in a group, the distinct masked keys
 * sorted for binary search, and per key the precomputed answer (first reachable entry, last entry). A lookup is
 * therefore O(P · log n) for P distinct prefix lengths (≤ 33 / 129 / 1) and allocates nothing. Reachability is
 * frozen at build time: rebuild the table (it is cheap, O(n log n)) after every graph or subnet change, as tincd
 * flushes its cache then.
 *
 * <p>Immutable and safe to share between threads once built. Bounded by its input, and hard-capped at
 * {@link #MAX_ENTRIES} (the rest is ignored and counted in {@link #truncated()}).
 */
public final class SubnetTable {
    /** Hard cap on rows; the graph's per-node subnet caps should make this unreachable. */
    public static final int MAX_ENTRIES = 1 << 20;

    private static final SubnetTable EMPTY = build(List.of(), n -> false);

    private final List<SubnetEntry> entries;
    private final Group[] mac;
    private final Group[] ipv4;
    private final Group[] ipv6;
    private final int truncated;

    private SubnetTable(List<SubnetEntry> entries, Group[] mac, Group[] ipv4, Group[] ipv6, int truncated) {
        this.entries = entries;
        this.mac = mac;
        this.ipv4 = ipv4;
        this.ipv6 = ipv6;
        this.truncated = truncated;
    }

    public static SubnetTable empty() {
        return EMPTY;
    }

    /**
     * Builds the table. {@code reachable} says whether an owner is reachable now (the local node always is);
     * it is only called during the build.
     */
    public static SubnetTable build(Collection<SubnetEntry> subnets, Predicate<String> reachable) {
        List<SubnetEntry> sorted = new ArrayList<>(subnets);
        sorted.sort(SubnetEntry.TINC_ORDER);
        int truncated = 0;
        if (sorted.size() > MAX_ENTRIES) {
            truncated = sorted.size() - MAX_ENTRIES;
            sorted = new ArrayList<>(sorted.subList(0, MAX_ENTRIES));
        }
        List<SubnetEntry> all = List.copyOf(sorted);
        return new SubnetTable(all, groups(all, SubnetSpec.Type.MAC, reachable),
                groups(all, SubnetSpec.Type.IPV4, reachable), groups(all, SubnetSpec.Type.IPV6, reachable),
                truncated);
    }

    /** All rows in tincd's order. */
    public List<SubnetEntry> entries() {
        return entries;
    }

    public int size() {
        return entries.size();
    }

    /** Rows dropped by {@link #MAX_ENTRIES}. */
    public int truncated() {
        return truncated;
    }

    /** IPv4 lookup of a destination given as a big-endian int; null when no subnet matches. */
    public SubnetEntry lookupIpv4(int address) {
        return lookup(ipv4, 0, address & 0xFFFFFFFFL);
    }

    /** IPv6 lookup of the address whose first 8 bytes are {@code hi} and last 8 are {@code lo}. */
    public SubnetEntry lookupIpv6(long hi, long lo) {
        return lookup(ipv6, hi, lo);
    }

    /** Exact MAC lookup; the 48-bit address in the low bits of {@code mac}. */
    public SubnetEntry lookupMac(long mac) {
        return lookup(this.mac, 0, mac & 0xFFFF_FFFF_FFFFL);
    }

    private static SubnetEntry lookup(Group[] groups, long hi, long lo) {
        SubnetEntry last = null;
        for (Group g : groups) {
            int i = g.find(hi & g.hiMask, lo & g.loMask);
            if (i >= 0) {
                if (g.firstReachable[i] != null) {
                    return g.firstReachable[i];
                }
                last = g.last[i];
            }
        }
        return last;
    }

    private static Group[] groups(List<SubnetEntry> all, SubnetSpec.Type type, Predicate<String> reachable) {
        List<Group> out = new ArrayList<>();
        int i = 0;
        while (i < all.size()) {
            SubnetSpec s = all.get(i).subnet();
            if (s.type() != type) {
                i++;
                continue;
            }
            int prefix = s.prefixLength();
            int j = i;
            while (j < all.size() && all.get(j).subnet().type() == type
                    && all.get(j).subnet().prefixLength() == prefix) {
                j++;
            }
            out.add(Group.of(all.subList(i, j), type, prefix, reachable));
            i = j;
        }
        return out.toArray(new Group[0]);
    }

    /** One prefix length: sorted distinct masked keys and the answer for each. */
    private static final class Group {
        final long hiMask;
        final long loMask;
        final long[] hi;
        final long[] lo;
        final SubnetEntry[] firstReachable;
        final SubnetEntry[] last;

        private Group(long hiMask, long loMask, int n) {
            this.hiMask = hiMask;
            this.loMask = loMask;
            this.hi = new long[n];
            this.lo = new long[n];
            this.firstReachable = new SubnetEntry[n];
            this.last = new SubnetEntry[n];
        }

        /**
         * Rows of one prefix length in tinc order. Rows with the same masked key are contiguous, because the
         * order sorts by the full address and a masked key covers one contiguous address range.
         */
        static Group of(List<SubnetEntry> rows, SubnetSpec.Type type, int prefix, Predicate<String> reachable) {
            long hiMask;
            long loMask;
            switch (type) {
                case MAC -> {
                    hiMask = 0;
                    loMask = 0xFFFF_FFFF_FFFFL; // exact match
                }
                case IPV4 -> {
                    hiMask = 0;
                    loMask = prefix == 0 ? 0 : (0xFFFF_FFFFL << (32 - prefix)) & 0xFFFF_FFFFL;
                }
                default -> {
                    hiMask = topBits(Math.min(prefix, 64));
                    loMask = topBits(Math.max(prefix - 64, 0));
                }
            }
            long[] keyHi = new long[rows.size()];
            long[] keyLo = new long[rows.size()];
            int distinct = 0;
            for (int k = 0; k < rows.size(); k++) {
                long[] key = key(rows.get(k).subnet());
                keyHi[k] = key[0] & hiMask;
                keyLo[k] = key[1] & loMask;
                if (k == 0 || keyHi[k] != keyHi[k - 1] || keyLo[k] != keyLo[k - 1]) {
                    distinct++;
                }
            }
            Group g = new Group(hiMask, loMask, distinct);
            int slot = -1;
            for (int k = 0; k < rows.size(); k++) {
                if (k == 0 || keyHi[k] != keyHi[k - 1] || keyLo[k] != keyLo[k - 1]) {
                    slot++;
                    g.hi[slot] = keyHi[k];
                    g.lo[slot] = keyLo[k];
                }
                SubnetEntry e = rows.get(k);
                if (g.firstReachable[slot] == null && reachable.test(e.owner())) {
                    g.firstReachable[slot] = e;
                }
                g.last[slot] = e;
            }
            return g;
        }

        int find(long h, long l) {
            int low = 0;
            int high = hi.length - 1;
            while (low <= high) {
                int mid = (low + high) >>> 1;
                int c = Long.compareUnsigned(hi[mid], h);
                if (c == 0) {
                    c = Long.compareUnsigned(lo[mid], l);
                }
                if (c < 0) {
                    low = mid + 1;
                } else if (c > 0) {
                    high = mid - 1;
                } else {
                    return mid;
                }
            }
            return -1;
        }
    }

    private static long topBits(int k) {
        return k == 0 ? 0 : -1L << (64 - k);
    }

    /** The address as (hi, lo) longs, big-endian, right-aligned for MAC and IPv4. */
    private static long[] key(SubnetSpec s) {
        byte[] a = s.address();
        long hi = 0;
        long lo = 0;
        if (a.length == 16) {
            for (int i = 0; i < 8; i++) {
                hi = (hi << 8) | (a[i] & 0xff);
                lo = (lo << 8) | (a[i + 8] & 0xff);
            }
        } else {
            for (byte b : a) {
                lo = (lo << 8) | (b & 0xff);
            }
        }
        return new long[] {hi, lo};
    }
}
