package io.jtinc.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jtinc.config.SubnetSpec;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LinesTest {
    /** The observed lines of spec §2.2 / §3.11, reproduced with their nonces. */
    @Test
    void formatsAreTincdsObservedLines() throws Exception {
        int[] nonces = {0x6910c762, 0xed83459, 0x2b140a67, 0x5a3691c8, 0x2c1e87c9, 0x1f};
        AtomicInteger i = new AtomicInteger();
        Lines l = new Lines(() -> nonces[i.getAndIncrement()]);
        assertEquals("10 6910c762 alpha fd00:10:0:0:0:0:0:1/128#10",
                l.addSubnet("alpha", SubnetSpec.parse("fd00:10::1")));
        assertEquals("10 ed83459 alpha 2:0:0:0:0:1#10", l.addSubnet("alpha", SubnetSpec.parse("02:00:00:00:00:01")));
        assertEquals("12 2b140a67 alpha beta 10.99.0.2 655 c 4",
                l.addEdge("alpha", "beta", EdgeAddress.parse("10.99.0.2", "655"), 0xc, 4));
        assertEquals("13 5a3691c8 alpha beta", l.delEdge("alpha", "beta"));
        assertEquals("11 2c1e87c9 beta 2:0:0:0:0:2#10", l.delSubnet("beta", SubnetSpec.parse("2:0:0:0:0:2")));
        assertEquals("14 1f alpha", l.keyChanged("alpha"));
    }

    @Test
    void nonceIsAtMost31BitsLowercaseWithoutPadding() {
        Lines l = new Lines(() -> 0xFFFFFFFF);
        assertEquals("14 7fffffff x", l.keyChanged("x"));
        assertEquals("14 0 x", new Lines(() -> 0x80000000).keyChanged("x"));
        assertEquals("12 5 a b 10.0.0.1 655 ff000001 -3",
                new Lines(() -> 5).addEdge("a", "b", EdgeAddress.parse("10.0.0.1", "655"), 0xff000001, -3));
    }
}
