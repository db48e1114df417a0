package io.jtinc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopTableTest {
    @Test
    void ratesAreDifferencesOverTheIntervalBusiestFirst() {
        Map<String, TopTable.Sample> before = TopTable.parse(List.of("alpha 10 1000 20 2000", "beta 0 0 0 0",
                "gamma 5 500 5 500"));
        Map<String, TopTable.Sample> now = TopTable.parse(List.of("alpha 30 3000 20 2000", "beta 100 150000 100 1000",
                "gamma 5 500 5 500", "delta 4 400 0 0", "garbage line", "x 1 2 3 four"));
        List<TopTable.Row> rows = TopTable.rows(before, now, 2.0);
        assertEquals(List.of("beta", "alpha", "delta", "gamma"), rows.stream().map(TopTable.Row::name).toList());
        TopTable.Row alpha = rows.get(1);
        assertEquals(10.0, alpha.inPps());
        assertEquals(1000.0, alpha.inBps());
        assertEquals(0.0, alpha.outPps());
        TopTable.Row delta = rows.get(2);
        assertEquals(2.0, delta.inPps(), "a node new since the last poll counts from zero");
    }

    @Test
    void aRestartedDaemonsSmallerCountersDoNotGiveNegativeRates() {
        List<TopTable.Row> rows = TopTable.rows(TopTable.parse(List.of("alpha 100 100000 0 0")),
                TopTable.parse(List.of("alpha 10 1000 0 0")), 1.0);
        assertEquals(10.0, rows.get(0).inPps());
    }

    @Test
    void rendersAHeaderAndOneLinePerNode() {
        List<String> lines = TopTable.render(TopTable.rows(Map.of(), TopTable.parse(List.of("alpha 1 100 2 200")), 1));
        assertEquals(2, lines.size());
        assertTrue(lines.get(0).startsWith("Node") && lines.get(0).contains("IN pkts/s"), lines.get(0));
        assertTrue(lines.get(1).startsWith("alpha") && lines.get(1).trim().endsWith("200"), lines.get(1));
    }
}
