package io.jtinc.daemon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class SdNotifyTest {
    @Test
    void socketAddressesArePathsOrAbstractNames() {
        // sa_family AF_UNIX (1, little-endian), the path, a terminating NUL.
        assertArrayEquals(new byte[] {1, 0, '/', 'r', 0}, SdNotify.address("/r"));
        // Abstract: a leading NUL instead of '@', and no terminator (the length delimits the name).
        assertArrayEquals(new byte[] {1, 0, 0, 'n'}, SdNotify.address("@n"));
        assertNull(SdNotify.address("relative"));
        assertNull(SdNotify.address("/" + "x".repeat(200)));
    }
}
