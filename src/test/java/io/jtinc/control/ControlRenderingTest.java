package io.jtinc.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jtinc.config.SubnetSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ControlRenderingTest {
    @Test
    void jsonEscapesQuotesBackslashesAndControlCharacters() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "a\"b\\c\nd\u0001");
        m.put("n", 3);
        m.put("ok", true);
        m.put("list", List.of("x", 1));
        m.put("none", null);
        assertEquals("{\"name\":\"a\\\"b\\\\c\\nd\\u0001\",\"n\":3,\"ok\":true,\"list\":[\"x\",1],\"none\":null}",
                Json.of(m));
    }

    @Test
    void aSubnetCoversTheAddressesAndSubnetsInsideIt() throws Exception {
        SubnetSpec p56 = SubnetSpec.parse("2001:db8:85a3:ef00::/56");
        assertTrue(MeshViews.covers(p56, SubnetSpec.parse("2001:db8:85a3:ef01::100")));
        assertTrue(MeshViews.covers(p56, SubnetSpec.parse("2001:db8:85a3:ef02::/64")));
        assertFalse(MeshViews.covers(p56, SubnetSpec.parse("2001:db8:85a3:f000::1")));
        assertFalse(MeshViews.covers(SubnetSpec.parse("2001:db8:85a3:ef01::/64"), p56), "a longer prefix is inside");
        assertFalse(MeshViews.covers(p56, SubnetSpec.parse("10.0.0.1")), "another family");
        assertTrue(MeshViews.covers(SubnetSpec.parse("10.1.0.0/16"), SubnetSpec.parse("10.1.2.3")));
        assertTrue(MeshViews.covers(SubnetSpec.parse("02:00:00:00:00:01"), SubnetSpec.parse("02:00:00:00:00:01")));
        assertFalse(MeshViews.covers(SubnetSpec.parse("02:00:00:00:00:01"), SubnetSpec.parse("02:00:00:00:00:02")));
    }
}
