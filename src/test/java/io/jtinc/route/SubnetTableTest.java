package io.jtinc.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.jtinc.config.SubnetSpec;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

class SubnetTableTest {
    private static SubnetEntry e(String owner, String text) throws Exception {
        return new SubnetEntry(SubnetSpec.parseNetwork(text), owner);
    }

    private static int v4(String s) {
        return ByteBuffer.wrap(Packets.ip4(s)).getInt();
    }

    private static SubnetEntry v6(SubnetTable t, String s) {
        ByteBuffer b = ByteBuffer.wrap(Packets.ip6(s));
        return t.lookupIpv6(b.getLong(0), b.getLong(8));
    }

    @Test
    void longestPrefixWinsThenLowerWeightThenOwnerName() throws Exception {
        SubnetTable t = SubnetTable.build(List.of(e("wide", "10.0.0.0/8"), e("narrow", "10.1.0.0/16#20"),
                e("cheap", "10.1.0.0/16#5"), e("bob", "10.1.2.0/24#7"), e("alice", "10.1.2.0/24#7")),
                n -> true);
        assertEquals("alice", t.lookupIpv4(v4("10.1.2.3")).owner()); // same prefix and weight: owner name order
        assertEquals("cheap", t.lookupIpv4(v4("10.1.3.3")).owner());
        assertEquals("wide", t.lookupIpv4(v4("10.200.0.1")).owner());
        assertNull(t.lookupIpv4(v4("11.0.0.1")));
    }

    @Test
    void failsOverToAReachableOwnerElseReturnsTheLastMatch() throws Exception {
        List<SubnetEntry> rows = List.of(e("a", "10.1.2.0/24"), e("b", "10.1.0.0/16"), e("c", "10.0.0.0/8"));
        assertEquals("b", SubnetTable.build(rows, n -> !n.equals("a")).lookupIpv4(v4("10.1.2.9")).owner());
        assertEquals("c", SubnetTable.build(rows, n -> n.equals("c")).lookupIpv4(v4("10.1.2.9")).owner());
        // nobody reachable: the last matching subnet in tincd's order (the /8), which yields "unreachable"
        assertEquals("c", SubnetTable.build(rows, n -> false).lookupIpv4(v4("10.1.2.9")).owner());
    }

    @Test
    void networkSubnetsWithHostBitsMatchByPrefix() throws Exception {
        SubnetTable t = SubnetTable.build(List.of(e("x", "10.1.2.77/24")), n -> true);
        assertEquals("x", t.lookupIpv4(v4("10.1.2.1")).owner());
    }

    @Test
    void ipv6AndDefaultRoutesAndMacs() throws Exception {
        SubnetTable t = SubnetTable.build(List.of(e("def", "::/0"), e("lan", "fd00:1::/64"),
                e("host", "fd00:1::5/128"), e("m", "2:0:0:0:0:1"), e("v4def", "0.0.0.0/0")), n -> true);
        assertEquals("host", v6(t, "fd00:1::5").owner());
        assertEquals("lan", v6(t, "fd00:1::6").owner());
        assertEquals("def", v6(t, "2001:db8::1").owner());
        assertEquals("v4def", t.lookupIpv4(v4("1.2.3.4")).owner());
        assertEquals("m", t.lookupMac(0x020000000001L).owner());
        assertNull(t.lookupMac(0x020000000002L));
    }

    /** Differential test against a naive scan over the list sorted in tincd's order, like subnet.c. */
    @Test
    void agreesWithTincdsLinearScanOnRandomTables() throws Exception {
        Random r = new Random(42);
        for (int round = 0; round < 200; round++) {
            List<SubnetEntry> rows = new ArrayList<>();
            int n = 1 + r.nextInt(40);
            for (int i = 0; i < n; i++) {
                String owner = "n" + r.nextInt(6);
                int kind = r.nextInt(3);
                if (kind == 0) {
                    rows.add(e(owner, "10." + r.nextInt(3) + "." + r.nextInt(3) + "." + r.nextInt(4) + "/"
                            + r.nextInt(33) + "#" + r.nextInt(4)));
                } else if (kind == 1) {
                    rows.add(e(owner, "fd00:" + r.nextInt(3) + "::" + r.nextInt(3) + "/" + (r.nextBoolean() ? 128
                            : r.nextInt(129)) + "#" + r.nextInt(3)));
                } else {
                    rows.add(e(owner, "2:0:0:0:0:" + r.nextInt(4) + "#" + r.nextInt(3)));
                }
            }
            Set<String> up = Set.of("n0", "n2", "n4");
            Predicate<String> reach = r.nextBoolean() ? up::contains : x -> false;
            SubnetTable t = SubnetTable.build(rows, reach);
            List<SubnetEntry> sorted = new ArrayList<>(rows);
            sorted.sort(SubnetEntry.TINC_ORDER);
            for (int q = 0; q < 50; q++) {
                byte[] a4 = Packets.ip4("10." + r.nextInt(3) + "." + r.nextInt(3) + "." + r.nextInt(4));
                assertEquals(naive(sorted, SubnetSpec.Type.IPV4, a4, reach),
                        t.lookupIpv4(ByteBuffer.wrap(a4).getInt()));
                byte[] a6 = Packets.ip6("fd00:" + r.nextInt(3) + "::" + r.nextInt(3));
                assertEquals(naive(sorted, SubnetSpec.Type.IPV6, a6, reach), v6(t, toString6(a6)));
                byte[] mac = {2, 0, 0, 0, 0, (byte) r.nextInt(4)};
                assertEquals(naive(sorted, SubnetSpec.Type.MAC, mac, reach), t.lookupMac(mac[5] | 0x020000000000L));
            }
        }
    }

    private static String toString6(byte[] a) throws Exception {
        return java.net.InetAddress.getByAddress(a).getHostAddress();
    }

    private static SubnetEntry naive(List<SubnetEntry> sorted, SubnetSpec.Type type, byte[] addr,
            Predicate<String> reach) {
        SubnetEntry last = null;
        for (SubnetEntry s : sorted) {
            if (s.subnet().type() != type || !prefixMatches(s.subnet().address(), addr, s.subnet().prefixLength())) {
                continue;
            }
            last = s;
            if (reach.test(s.owner())) {
                return s;
            }
        }
        return last;
    }

    private static boolean prefixMatches(byte[] net, byte[] a, int bits) {
        for (int i = 0; i < bits; i++) {
            int m = 0x80 >>> (i % 8);
            if ((net[i / 8] & m) != (a[i / 8] & m)) {
                return false;
            }
        }
        return true;
    }
}
