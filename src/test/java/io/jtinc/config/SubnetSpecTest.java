package io.jtinc.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SubnetSpecTest {
    @ParameterizedTest
    @CsvSource({
        "02:00:00:00:00:01, 2:0:0:0:0:1#10, MAC",
        "2:0:0:0:0:a#3, 2:0:0:0:0:a#3, MAC",
        "10.1.2.0/24, 10.1.2.0/24#10, IPV4",
        "10.1.2.3, 10.1.2.3/32#10, IPV4",
        "0.0.0.0/0#99, 0.0.0.0/0#99, IPV4",
        "10.1.2.0/024, 10.1.2.0/24#10, IPV4",
        "fd00:10::1, fd00:10:0:0:0:0:0:1/128#10, IPV6",
        "2001:db8:85a3::/56, 2001:db8:85a3:0:0:0:0:0/56#10, IPV6",
        "::/0, 0:0:0:0:0:0:0:0/0#10, IPV6",
        "::ffff:10.1.2.3, 0:0:0:0:0:ffff:a01:203/128#10, IPV6",
        "1:2::5:6:7, 1:2:0:0:0:5:6:7/128#10, IPV6",
        "2001:db8:85a3:1::/64, 2001:db8:85a3:1:0:0:0:0/64#10, IPV6",
        "1:2:3:4:5:6:7:8/128#1, 1:2:3:4:5:6:7:8/128#1, IPV6",
    })
    void validSubnetsAndTheirWireForm(String text, String canonical, SubnetSpec.Type type) throws Exception {
        SubnetSpec s = SubnetSpec.parse(text);
        assertEquals(canonical, s.canonical());
        assertEquals(type, s.type());
        assertEquals(text, s.text());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10.1.2", "10.1.2.256", "10.1.2.0/33", "10.1.2.0/", "10.1.2.0/-1", "10.1.2.0#",
        "10.1.2.0#x", "10.1.2.0/24#5x", "2:0:0:0:0:1/48", "2:0:0:0:0:1ff", "2:0:0:0:0:g", "1:2:3:4:5:6:7",
        "1::2::3", "fd00::1/129", "12345::", "fd00::1 ", "10.1.2.0/24 ", "10.1.2.3/24", "fd00::1/64"})
    void invalidConfigSubnets(String text) {
        assertThrows(SubnetSpec.FormatException.class, () -> SubnetSpec.parse(text));
    }

    @Test
    void networkFormAllowsHostBits() throws Exception {
        // ADD_SUBNET from the network is not checked for host bits (spec §8.6)
        assertEquals("10.1.2.3/24#10", SubnetSpec.parseNetwork("10.1.2.3/24").canonical());
    }

    @Test
    void equalityIgnoresSpelling() throws Exception {
        assertEquals(SubnetSpec.parse("fd00::/64"), SubnetSpec.parse("fd00:0::0/64#10"));
        assertEquals("10.0.0.0/8", SubnetSpec.parse("10.0.0.0/8#10").withoutWeight());
    }
}
