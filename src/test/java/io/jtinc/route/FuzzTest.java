package io.jtinc.route;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.jtinc.config.Mode;

import java.nio.ByteBuffer;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Garbage in: never an exception out, and every frame gets a decision (the lead's loop must not die). */
class FuzzTest {
    @Test
    void randomFramesNeverThrowInAnyMode() {
        Random r = new Random(12345);
        RoutingSnapshot s = RouterModeTest.mesh().subnet("beta", "2:0:0:0:0:b").snapshot();
        String[] sources = {"me", "beta", "gamma", "ghost"};
        MacLearner learner = new MacLearner(1000, 64, Set.of());
        for (Mode mode : Mode.values()) {
            Router router = new Router(RouterSettings.defaults(mode).withDecrementTtl(r.nextBoolean())
                    .withOverwriteMac(mode == Mode.ROUTER));
            for (int i = 0; i < 4000; i++) {
                byte[] b = new byte[r.nextInt(i % 10 == 0 ? 1600 : 120)];
                r.nextBytes(b);
                if (b.length > 14 && r.nextInt(3) > 0) { // steer half of them into the interesting parsers
                    int[] types = {0x0800, 0x86dd, 0x0806, 0x8100};
                    int t = types[r.nextInt(types.length)];
                    b[12] = (byte) (t >> 8);
                    b[13] = (byte) t;
                    if (b.length > 20 && r.nextBoolean()) {
                        b[14] = (byte) (t == 0x86dd ? 0x60 : 0x45);
                        b[20] = (byte) (r.nextBoolean() ? 58 : 6);
                        if (b.length > 54) {
                            b[54] = (byte) 135;
                        }
                    }
                }
                int offset = r.nextInt(4);
                ByteBuffer buf = ByteBuffer.allocate(b.length + offset + 3);
                buf.position(offset);
                buf.put(b);
                buf.flip().position(offset);
                if (mode == Mode.SWITCH) {
                    learner.learn(buf, i);
                }
                assertNotNull(router.route(buf, sources[r.nextInt(sources.length)], s, i * 10L));
                MssClamp.clamp(buf, r.nextInt(1600));
            }
        }
    }
}
