package io.jtinc.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code jtinc top} shows, computed from two polls of {@code dump traffic}: per node, packets and bytes per
 * second in and out between the polls, and the totals, busiest first (by bytes per second, then by name, so a
 * quiet mesh keeps a stable order). Pure: the command does the polling and the printing.
 */
final class TopTable {
    /** One node's counters in a poll: in packets, in bytes, out packets, out bytes. */
    record Sample(long inPackets, long inBytes, long outPackets, long outBytes) {
    }

    record Row(String name, double inPps, double inBps, double outPps, double outBps, Sample total) {
        double bytesPerSecond() {
            return inBps + outBps;
        }
    }

    private TopTable() {
    }

    /** Parses {@code dump traffic}'s plain lines ("NAME IN_PACKETS IN_BYTES OUT_PACKETS OUT_BYTES"). */
    static Map<String, Sample> parse(List<String> lines) {
        Map<String, Sample> m = new LinkedHashMap<>();
        for (String line : lines) {
            String[] w = line.trim().split("\\s+");
            if (w.length != 5) {
                continue;
            }
            try {
                m.put(w[0], new Sample(Long.parseLong(w[1]), Long.parseLong(w[2]), Long.parseLong(w[3]),
                        Long.parseLong(w[4])));
            } catch (NumberFormatException e) {
                // not a traffic line: skipped, the rest still shows
            }
        }
        return m;
    }

    /** Rates between the polls; a node new in {@code now} counts from zero, a restarted daemon's from zero too. */
    static List<Row> rows(Map<String, Sample> before, Map<String, Sample> now, double seconds) {
        List<Row> rows = new ArrayList<>();
        double s = seconds > 0 ? seconds : 1;
        for (Map.Entry<String, Sample> e : now.entrySet()) {
            Sample b = before.getOrDefault(e.getKey(), new Sample(0, 0, 0, 0));
            Sample n = e.getValue();
            rows.add(new Row(e.getKey(), rate(n.inPackets(), b.inPackets(), s), rate(n.inBytes(), b.inBytes(), s),
                    rate(n.outPackets(), b.outPackets(), s), rate(n.outBytes(), b.outBytes(), s), n));
        }
        rows.sort(Comparator.comparingDouble(Row::bytesPerSecond).reversed().thenComparing(Row::name));
        return rows;
    }

    private static double rate(long now, long before, double seconds) {
        return now >= before ? (now - before) / seconds : now / seconds;
    }

    static List<String> render(List<Row> rows) {
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "%-20s %10s %12s %10s %12s %14s %14s", "Node", "IN pkts/s", "IN bytes/s",
                "OUT pkts/s", "OUT bytes/s", "IN bytes", "OUT bytes"));
        for (Row r : rows) {
            out.add(String.format(Locale.ROOT, "%-20s %10.0f %12.0f %10.0f %12.0f %14d %14d", r.name(), r.inPps(),
                    r.inBps(), r.outPps(), r.outBps(), r.total().inBytes(), r.total().outBytes()));
        }
        return out;
    }
}
