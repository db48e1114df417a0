package io.jtinc.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {
    @Test
    void labelValuesEscapeBackslashQuoteAndNewlineOnly() {
        assertEquals("node_1", PrometheusText.escape("node_1"));
        assertEquals("a\\\\b\\\"c\\nd", PrometheusText.escape("a\\b\"c\nd"));
        assertEquals("tab\tstays", PrometheusText.escape("tab\tstays"));
    }
}
