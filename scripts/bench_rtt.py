"""RTT with the cases interleaved: scripts/bench calls run() (--rtt-windows; 2 windows in --quick, so CI keeps it
working).

Why: on the bench VM the median RTT of one pair moves between about 0.35 and 0.55 ms from one 2-second window to
the next, for tincd and jtincd alike (2026-12-06), so each case's own 200 pings, taken minutes apart from the
other cases', made a ratio of medians partly a coin toss. Here every case's pair is up at the same time, and the
pairs are pinged in turn, one short window each, the order reversed every other round; whatever the machine
does in a given minute lands on every case about equally. Each pair is warmed first with a 2 s iperf3 run, as in
the per-case measurement.

Per case: the median and p99 of all its pings, the median of its window medians, and in how many windows its
median was below tincd<->tincd's in the same round.
"""
import statistics
import time

BASE_CASE = "tincd-tincd"


def ping_window(pair, count):
    """RTTs (ms) of `count` pings from b to a through the pair, 10 ms apart (also the per-case rtt's pings)."""
    out = pair.run("b", "ping", "-c", str(count), "-i", "0.01", pair.ip("a"), timeout=120)
    times = [float(t.split("=")[1]) for t in out.split() if t.startswith("time=")]
    if not times:
        raise RuntimeError("no ping replies through %s" % pair.id)
    return times


def run(cases, make_pair, warm, windows, count, log):
    """make_pair(i, case) -> a started Pair; warm(pair) runs traffic through it. Returns {case: figures}."""
    pairs = {}
    try:
        for i, case in enumerate(cases):
            pairs[case] = make_pair(i, case)
        time.sleep(3)  # start-up work (key exchange, PMTU probes) settles, as in the per-case measurement
        for pair in pairs.values():
            warm(pair)
        all_times = {c: [] for c in pairs}
        window_medians = {c: [] for c in pairs}
        for w in range(windows):
            order = list(pairs) if w % 2 == 0 else list(reversed(list(pairs)))
            for case in order:
                times = ping_window(pairs[case], count)
                all_times[case] += times
                window_medians[case].append(statistics.median(times))
            log("  window %d: %s" % (w + 1, ", ".join("%s %.3f" % (c, window_medians[c][-1]) for c in pairs)))
    finally:
        for pair in pairs.values():
            pair.destroy()
    result = {}
    for case in pairs:
        times = sorted(all_times[case])
        r = {"median": statistics.median(times), "p99": times[min(len(times) - 1, int(len(times) * 0.99))],
             "window_median": statistics.median(window_medians[case]), "windows": len(window_medians[case]),
             "pings": len(times)}
        if BASE_CASE in pairs:
            base = window_medians[BASE_CASE]
            r["windows_faster_than_base"] = sum(1 for a, b in zip(window_medians[case], base) if a < b)
        result[case] = r
    return result


def print_table(result, windows, count):
    print("\nRTT, cases interleaved (every pair up at once; %d windows of %d pings at 10 ms each, in turn)"
          % (windows, count))
    base = result.get(BASE_CASE)
    print("%-14s%10s%10s%18s%10s%16s" % ("case", "median", "p99", "window median", "x " + BASE_CASE.split("-")[0],
                                         "windows faster"))
    for case, r in result.items():
        ratio = "%.2fx" % (r["window_median"] / base["window_median"]) if base else "-"
        faster = "%d/%d" % (r["windows_faster_than_base"], r["windows"]) if base and case != BASE_CASE else "-"
        print("%-14s%10.3f%10.3f%18.3f%10s%16s" % (case, r["median"], r["p99"], r["window_median"], ratio, faster))
