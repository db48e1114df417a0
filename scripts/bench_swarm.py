"""scripts/bench --swarm N[,N...]: one real jtincd hub, N simulated nodes dialling it at once, and one late node.

Topology: the hub in namespace <id>-a (10.88.0.1, TAP with 10.99.0.1/24), the swarm JVM (io.jtinc.swarm.SwarmMain,
test scope: N tinc 1.0 nodes with their own RSA-1024 keys and meta connections on one thread) and the late node
(a real jtincd, TAP with 10.99.0.200/24) in <id>-b. Keys of the simulated nodes are cached in target/swarm-keys.

Figures per N:
  all_reachable_s   seconds from starting the swarm until the hub's graph has all N nodes reachable (its control
                    socket's "dump nodes json", polled every 0.5 s)
  storm_cpu_s       hub CPU seconds (user+system) from starting the swarm until then
  storm_rss_mb      the hub's peak RSS during that time
  rest_rss_mb, rest_cpu_pct   the hub's RSS, and its CPU use in %, over 10 s after that
  late_first_ping_s seconds from starting the late jtincd to its first ping answered by the hub through the
                    tunnel (key exchange and all), with the N nodes connected
"""
import json
import os
import socket
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
JTINCD = os.path.join(ROOT, "scripts", "jtincd")
CLK_TCK = os.sysconf("SC_CLK_TCK")
METRICS = ["all_reachable_s", "storm_cpu_s", "storm_rss_mb", "rest_rss_mb", "rest_cpu_pct", "late_first_ping_s"]


def test_classpath():
    """target/test-classes, target/classes and the test-scope dependencies (as scripts/jmh does)."""
    subprocess.run([os.path.join(ROOT, "mvnw"), "-q", "-B", "-ntp", "test-compile"], cwd=ROOT, check=True)
    out = os.path.join(ROOT, "target", "swarm.classpath")
    subprocess.run([os.path.join(ROOT, "mvnw"), "-q", "-B", "-ntp", "dependency:build-classpath",
                    "-Dmdep.includeScope=test", "-Dmdep.outputFile=" + out], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    with open(out) as f:
        deps = f.read().strip()
    return ":".join([os.path.join(ROOT, "target", "test-classes"), os.path.join(ROOT, "target", "classes"), deps])


def cpu_seconds(pid):
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def rss_mb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    return float("nan")


def reachable_swarm_nodes(sock_path):
    """How many swarm nodes the hub's graph has reachable, through its control socket; -1 if it cannot say."""
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            s.settimeout(10)
            s.connect(sock_path)
            s.sendall(b"dump nodes json\n")
            chunks = []
            while True:
                b = s.recv(65536)
                if not b:
                    break
                chunks.append(b)
    except OSError:
        return -1
    count = 0
    for line in b"".join(chunks).decode().splitlines():
        if line.startswith("{"):
            node = json.loads(line)
            if node.get("name", "").startswith("swarm") and node.get("reachable"):
                count += 1
    return count


def write_node(d, name, extra, up_address):
    os.makedirs(os.path.join(d, "hosts"), exist_ok=True)
    with open(os.path.join(d, "tinc.conf"), "w") as f:
        f.write("Name = %s\nMode = switch\nInterface = %s\nAddressFamily = ipv4\n%s" % (name, name[:8] + "0", extra))
    with open(os.path.join(d, "tinc-up"), "w") as f:
        f.write("#!/bin/sh\nip link set $INTERFACE up\nip addr add %s/24 dev $INTERFACE\n" % up_address)
    os.chmod(os.path.join(d, "tinc-up"), 0o755)
    subprocess.run([JTINCD, "-c", d, "-K2048"], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=True, timeout=120)


def run_once(pair, n, classpath, burst, log):
    """One swarm of n nodes against a fresh hub; pair gives the namespaces (created by the caller)."""
    hub_dir, late_dir = os.path.join(pair.work, "hub"), os.path.join(pair.work, "late")
    write_node(hub_dir, "hub", "MaxConnectionBurst = %d\n" % burst if burst else "", "10.99.0.1")
    with open(os.path.join(hub_dir, "hosts", "hub"), "a") as f:
        f.write("Address = %s\n" % pair.ip("a", False))
    write_node(late_dir, "late", "ConnectTo = hub\n", "10.99.0.200")
    subprocess.run(["cp", os.path.join(hub_dir, "hosts", "hub"), os.path.join(late_dir, "hosts", "hub")], check=True)
    subprocess.run(["cp", os.path.join(late_dir, "hosts", "late"), os.path.join(hub_dir, "hosts", "late")], check=True)
    cache = os.path.join(ROOT, "target", "swarm-keys")
    log("  preparing %d keys (cached in %s)" % (n, cache))
    subprocess.run(["java", "-cp", classpath, "io.jtinc.swarm.SwarmMain", "prepare", cache, str(n),
                    os.path.join(hub_dir, "hosts")], check=True, stdout=subprocess.DEVNULL, timeout=1800)

    pair.run("a", JTINCD, "-d" + os.environ.get("SWARM_HUB_DEBUG", "0"), "-c", hub_dir,
             "--pidfile=" + os.path.join(hub_dir, "pid"),
             "--logfile=" + os.path.join(hub_dir, "log"))
    with open(os.path.join(hub_dir, "pid")) as f:
        hub = int(f.read().split()[0])
    pair.pids["a"] = hub
    sock_path = os.path.join(hub_dir, "pid.socket")
    seconds = 120 + n // 5
    swarm = subprocess.Popen(["ip", "netns", "exec", pair.ns["b"], "java", "-Xmx256m", "-XX:+UseSerialGC", "-cp",
                              classpath, "io.jtinc.swarm.SwarmMain", "run", cache, str(n), pair.ip("a", False), "655",
                              os.path.join(hub_dir, "hosts", "hub"), pair.ip("b", False), str(seconds + 60)],
                             stdout=open(os.path.join(pair.work, "swarm.log"), "w"), stderr=subprocess.STDOUT)
    try:
        t0, cpu0, peak = time.time(), cpu_seconds(hub), 0.0
        reached, all_at = 0, None
        while time.time() - t0 < seconds:
            peak = max(peak, rss_mb(hub))
            reached = reachable_swarm_nodes(sock_path)
            if reached == n:
                all_at = time.time() - t0
                break
            time.sleep(0.5)
        r = {"nodes": n, "max_connection_burst": burst or 10, "reachable": reached,
             "all_reachable_s": all_at, "storm_cpu_s": cpu_seconds(hub) - cpu0, "storm_rss_mb": peak}
        if all_at is None:
            log("  only %d of %d reachable after %d s; see %s" % (reached, n, seconds, pair.work))
            return r
        c0 = cpu_seconds(hub)
        time.sleep(10)
        r["rest_cpu_pct"] = (cpu_seconds(hub) - c0) / 10 * 100
        r["rest_rss_mb"] = rss_mb(hub)
        start = time.time()
        pair.run("b", JTINCD, "-c", late_dir, "--pidfile=" + os.path.join(late_dir, "pid"),
                 "--logfile=" + os.path.join(late_dir, "log"))
        while time.time() - start < 60:
            if subprocess.run(["ip", "netns", "exec", pair.ns["b"], "ping", "-c1", "-W1", "-I", "10.99.0.200",
                               "10.99.0.1"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0:
                r["late_first_ping_s"] = time.time() - start
                break
            time.sleep(0.05)
        return r
    finally:
        swarm.kill()
        swarm.wait(timeout=30)


def run(pair_factory, sizes, burst, log):
    """Every size in turn, each with fresh namespaces and hub; returns {str(n): result}."""
    classpath = test_classpath()
    results = {}
    for i, n in enumerate(sizes):
        log("== swarm of %d nodes (MaxConnectionBurst %s)" % (n, burst or "10, the default"))
        pair = pair_factory(800 + i)
        try:
            pair.create()
            os.makedirs(pair.work, exist_ok=True)
            results[str(n)] = run_once(pair, n, classpath, burst, log)
        finally:
            pair.destroy()
        log("  " + ", ".join("%s=%s" % (k, v if not isinstance(v, float) else "%.2f" % v)
                             for k, v in results[str(n)].items()))
    return results
