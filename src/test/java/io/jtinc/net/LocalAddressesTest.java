package io.jtinc.net;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LocalAddressesTest {
    @Test
    void anAddressNoLongerAssignedHasVanished() throws Exception {
        Set<InetAddress> assigned = Set.of(InetAddress.getByName("192.168.1.3"), InetAddress.getByName("::1"));
        assertTrue(LocalAddresses.vanished(InetAddress.getByName("192.168.1.2"), assigned));
        assertFalse(LocalAddresses.vanished(InetAddress.getByName("192.168.1.3"), assigned));
        assertFalse(LocalAddresses.vanished(InetAddress.getByName("::1"), assigned));
    }

    @Test
    void wildcardsAndUnknownAddressesNeverCountAsVanished() throws Exception {
        assertFalse(LocalAddresses.vanished(InetAddress.getByName("0.0.0.0"), Set.of()));
        assertFalse(LocalAddresses.vanished(InetAddress.getByName("::"), Set.of()));
        assertFalse(LocalAddresses.vanished(null, Set.of()));
    }

    @Test
    void thisHostHasItsLoopbackAddress() throws Exception {
        Set<InetAddress> now = LocalAddresses.current().orElseThrow();
        assertTrue(now.contains(InetAddress.getByName("127.0.0.1")), now.toString());
    }
}
