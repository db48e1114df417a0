package io.jtinc.invite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DelegationsTest {
    private static final Ipv6Prefix PREFIX = Ipv6Prefix.parse("2001:db8:85a3:ef00::/56");
    private static final Ipv6Prefix TRANSFER = Ipv6Prefix.parse("2001:db8:85a3:ef00::/64");

    @Test
    void firstNodesGetTheNextFreeSlash64SkippingTheTransferNetwork() {
        List<Delegation> all = new ArrayList<>();
        Delegation one = Delegations.assign(all, "node_one", PREFIX, TRANSFER);
        all.add(one);
        Delegation two = Delegations.assign(all, "node_two", PREFIX, TRANSFER);
        assertEquals("2001:db8:85a3:ef01::/64", one.subnet());
        assertEquals("2001:db8:85a3:ef00::2", one.transferAddress());
        assertEquals("2001:db8:85a3:ef00::1", one.hubTransferAddress());
        assertEquals("2001:db8:85a3:ef02::/64", two.subnet());
        assertEquals("2001:db8:85a3:ef00::3", two.transferAddress());
    }

    @Test
    void reInvitingANodeKeepsItsAssignment() {
        List<Delegation> all = new ArrayList<>();
        all.add(Delegations.assign(all, "a", PREFIX, TRANSFER));
        all.add(Delegations.assign(all, "b", PREFIX, TRANSFER));
        assertEquals(all.get(0), Delegations.assign(all, "a", PREFIX, TRANSFER));
        assertEquals(all.get(1), Delegations.assign(all, "b", PREFIX, TRANSFER));
    }

    @Test
    void exhaustionIsAClearError() {
        Ipv6Prefix small = Ipv6Prefix.parse("2001:db8:85a3:ef00::/62"); // 4 /64s, one is the transfer network
        List<Delegation> all = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            all.add(Delegations.assign(all, "n" + i, small, TRANSFER));
        }
        assertEquals("2001:db8:85a3:ef03::/64", all.get(2).subnet());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Delegations.assign(all, "n3", small, TRANSFER));
        assertTrue(e.getMessage().contains("exhausted"), e.getMessage());
        // The node that already has one still gets it.
        assertEquals(all.get(1), Delegations.assign(all, "n1", small, TRANSFER));
    }

    @Test
    void prefixesWithHostBitsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Ipv6Prefix.parse("2001:db8:85a3:ef01::/56"));
        assertTrue(e.getMessage().contains("2001:db8:85a3:ef00::/56"), e.getMessage());
    }
}
