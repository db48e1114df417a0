package io.jtinc.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EdgeAddressTest {
    /** Expected values produced by glibc's inet_ntop (python3 socket.inet_ntop on bookworm). */
    @ParameterizedTest
    @CsvSource({
        "fd00:0:0:0:0:0:0:1, fd00::1",
        "::ffff:1.2.3.4, ::ffff:1.2.3.4",
        "1:0:0:1:0:0:0:1, 1:0:0:1::1",
        "1:0:0:2:0:0:3:4, 1::2:0:0:3:4",
        "::, ::",
        "::1, ::1",
        "0:0:0:0:0:0:1.2.3.4, ::1.2.3.4",
        "1:2:3:4:5:6:7:8, 1:2:3:4:5:6:7:8",
        "1:0:2:3:4:5:6:7, 1:0:2:3:4:5:6:7",
        "0:0:0:0:0:1:0:0, ::1:0:0",
        "1::, 1::",
        "fe80::a:0:0:0:1, fe80:0:0:a::1",
        "::2, ::2",
        "FD00::ABCD, fd00::abcd",
    })
    void ipv6IsPrintedLikeGetnameinfo(String in, String out) {
        EdgeAddress a = EdgeAddress.parse(in, "655");
        assertTrue(a.isNumeric());
        assertEquals(out, a.wireAddress());
        assertEquals("655", a.wirePort());
    }

    @Test
    void numericAddressesCompareLikeSockaddrcmp() {
        assertEquals(EdgeAddress.parse("10.0.0.1", "655"), EdgeAddress.parse("10.0.0.1", "0655"));
        assertEquals(EdgeAddress.parse("fd00::1", "655"), EdgeAddress.parse("fd00:0::1", "655"));
        assertNotEquals(EdgeAddress.parse("10.0.0.1", "655"), EdgeAddress.parse("10.0.0.1", "656"));
        assertEquals("655", EdgeAddress.parse("10.0.0.1", "0655").wirePort());
        // getaddrinfo keeps the low 16 bits of strtoul's value
        assertEquals("4464", EdgeAddress.parse("10.0.0.1", "70000").wirePort());
    }

    @Test
    void nonNumericTextIsKeptVerbatimAndNeverUsedForUdp() {
        EdgeAddress a = EdgeAddress.parse("example.com", "655");
        assertFalse(a.isNumeric());
        assertNull(a.socketAddress());
        assertEquals("example.com", a.wireAddress());
        EdgeAddress b = EdgeAddress.parse("10.0.0.1", "tinc");
        assertFalse(b.isNumeric());
        assertEquals("tinc", b.wirePort());
        assertNotEquals(EdgeAddress.parse("x", "1"), EdgeAddress.parse("x", "01"));
        assertEquals(EdgeAddress.parse("x", "1"), EdgeAddress.parse("x", "1"));
        for (String odd : new String[] {"10.0.0.010", "10.0.0", "1.2.3.256", "fe80::1%eth0", "1::2::3", "::g",
            "", "1:2:3:4:5:6:7:8:9"}) {
            assertFalse(EdgeAddress.parse(odd, "655").isNumeric(), odd);
        }
    }

    @Test
    void socketAddressIsBuiltWithoutLookup() throws Exception {
        assertEquals(new InetSocketAddress(InetAddress.getByAddress(new byte[] {10, 99, 0, 2}), 655),
                EdgeAddress.parse("10.99.0.2", "655").socketAddress());
        EdgeAddress own = EdgeAddress.of(InetAddress.getByName("fd00::2"), 655);
        assertEquals("fd00::2", own.wireAddress());
        assertEquals(EdgeAddress.parse("fd00:0:0:0:0:0:0:2", "655"), own);
    }
}
