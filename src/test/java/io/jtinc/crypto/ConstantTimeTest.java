package io.jtinc.crypto;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConstantTimeTest {
    @Test
    void comparesContentAndLength() {
        assertTrue(ConstantTime.equals(new byte[] {1, 2, 3}, new byte[] {1, 2, 3}));
        assertTrue(ConstantTime.equals(new byte[0], new byte[0]));
        assertFalse(ConstantTime.equals(new byte[] {1, 2, 3}, new byte[] {1, 2, 4}));
        assertFalse(ConstantTime.equals(new byte[] {9, 2, 3}, new byte[] {1, 2, 3}));
        assertFalse(ConstantTime.equals(new byte[] {1, 2}, new byte[] {1, 2, 3}));
    }

    @Test
    void nullNeverMatches() {
        assertFalse(ConstantTime.equals(null, null));
        assertFalse(ConstantTime.equals(null, new byte[0]));
        assertFalse(ConstantTime.equals(new byte[0], null));
    }
}
