"""The machine's own share of rtt_p99, measured in the same run: scripts/bench calls probe() when a DAMON kdamond is on.

Found on the bench VM (2026-12-06): DAMON samples physical memory every sample interval (500 ms there), and once per
interval a process's next packet is late by a time that grows with the process's resident memory, not with what
the packet touches. A C UDP echo on loopback holding 20, 40 or 80 MB it never touched again was late by about
0.23, 0.45 and 0.8 ms once every 0.51 s; holding nothing, or 200 MB mapped but not resident, it showed no such
pattern, and with kdamond paused the pattern was gone. A daemon on a ping's path pays it for each packet it handles after a wake-up, so rtt_p99
follows the daemons' RSS: tincd, fastd and OpenVPN (4-8 MB) hardly show it, wireguard-go (about 30 MB under load)
and jtincd (about 64 MB, a JVM) do.

The probe: a UDP echo on loopback (a small Python process), pinged every 10 ms from here, once as it is and once
holding EXTRA_MB more resident memory. Per sample interval the slowest reply counts; its median over the run,
minus the median reply, is the late-by. The difference between the two, over EXTRA_MB, is the cost per MB.
"""
import socket
import statistics
import subprocess
import sys
import time

EXTRA_MB = 64

ECHO = r"""
import socket, sys
keep = bytearray(int(sys.argv[1]) << 20)
for i in range(0, len(keep), 4096):  # make every page resident: bytearray's zeroed pages are not, until written
    keep[i] = 1
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1], flush=True)
while True:
    data, peer = s.recvfrom(2048)
    s.sendto(data, peer)
"""


def late_by(rtts, window):
    """(late-by, median reply) in seconds: the late-by is the median over windows of `window` seconds of the
    slowest reply, minus the median reply."""
    worst = {}
    for t, rtt in rtts:
        k = int(t // window)
        worst[k] = max(worst.get(k, 0.0), rtt)
    median = statistics.median(r for _, r in rtts)
    return statistics.median(worst.values()) - median, median


def echo_run(extra_mb, pings, interval, window):
    server = subprocess.Popen([sys.executable, "-c", ECHO, str(extra_mb)], stdout=subprocess.PIPE, text=True)
    try:
        port = int(server.stdout.readline())
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        s.settimeout(1.0)
        s.connect(("127.0.0.1", port))
        rtts, start = [], time.monotonic()
        for i in range(pings + 50):
            time.sleep(interval)
            t = time.monotonic()
            s.send(b"jtinc-bench-damon")
            try:
                s.recv(64)
            except socket.timeout:
                continue
            if i >= 50:  # the first ones warm the path up
                rtts.append((t - start, time.monotonic() - t))
        s.close()
        return late_by(rtts, window)
    finally:
        server.kill()
        server.wait()


def probe(sample_s, pings=1000, interval=0.01):
    """Late-by (ms) of a small echo and of one with EXTRA_MB more resident, and the cost per MB (µs)."""
    small, median = echo_run(0, pings, interval, sample_s)
    big, _ = echo_run(EXTRA_MB, pings, interval, sample_s)
    return {"late_small_ms": small * 1e3, "late_big_ms": big * 1e3, "extra_mb": EXTRA_MB,
            "us_per_mb": max(0.0, big - small) * 1e6 / EXTRA_MB, "echo_median_ms": median * 1e3}
