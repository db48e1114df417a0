package io.jtinc.protocol.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jtinc.crypto.Algorithms;
import io.jtinc.crypto.CipherAlgorithm;
import org.junit.jupiter.api.Test;

class DataSizesTest {
    @Test
    void datagramLengthsSeenOnTheWire() {
        assertEquals(1332, DataSizes.datagramLength(1314, Algorithms.AES_256_CBC, 4));
        assertEquals(100, DataSizes.datagramLength(90, Algorithms.AES_256_CBC, 4));
        assertEquals(84, DataSizes.datagramLength(70, Algorithms.AES_256_CBC, 4));
        assertEquals(260, DataSizes.datagramLength(251, Algorithms.AES_256_CBC, 4));
        assertEquals(64, DataSizes.datagramLength(60, CipherAlgorithm.NONE, 0));
        assertEquals(64 + 8 + 4, DataSizes.datagramLength(60, Algorithms.BF_CBC, 4)); // 64 is aligned: a full pad block
    }

    @Test
    void largestFrameForAPath() {
        assertEquals(1451, DataSizes.largestFrame(1500, false, Algorithms.AES_256_CBC, 4));
        assertEquals(1435, DataSizes.largestFrame(1500, true, Algorithms.AES_256_CBC, 4));
        // The largest frame fits and one more byte does not.
        for (int p = 600; p <= 1500; p += 7) {
            int l = DataSizes.largestFrame(p, false, Algorithms.AES_256_CBC, 4);
            assertEquals(true, DataSizes.datagramLength(l, Algorithms.AES_256_CBC, 4) + 28 <= p);
            assertEquals(true, DataSizes.datagramLength(l + 1, Algorithms.AES_256_CBC, 4) + 28 > p);
        }
        assertEquals(1500 - 28 - 4, DataSizes.largestFrame(1500, false, CipherAlgorithm.NONE, 0));
        assertEquals(0, DataSizes.largestFrame(30, false, Algorithms.AES_256_CBC, 4));
    }
}
