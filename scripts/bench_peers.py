"""Other userspace VPNs for scripts/bench --peers: wireguard-go, OpenVPN and fastd between the same two
namespaces, carrying the same 10.99.0.0/24 tunnel, so their figures sit in the same table as tincd's and jtinc's.

Each is set up the way its documentation suggests for a point-to-point link, with its usual fast cipher:
  wireguard-go  ChaCha20-Poly1305 (WireGuard has no other), UDP 51820, TUN, MTU 1420 (its default)
  openvpn       TLS with self-signed P-256 certificates pinned by --peer-fingerprint, AES-256-GCM data channel,
                UDP 1194, TUN, p2p (--ifconfig); no static-key mode, which 2.6 deprecates
  fastd         method aes128-gcm (else salsa2012+umac), UDP 10000, TUN, MTU 1420
Interface names carry the pair's id: wireguard-go's control socket is /var/run/wireguard/IFNAME.sock, shared by
all namespaces, so two daemons called wg0 would collide.
"""
import os
import subprocess
import time

KINDS = ("wireguard-go", "openvpn", "fastd")
PROCESS = {"wireguard-go": "wireguard-go", "openvpn": "openvpn", "fastd": "fastd"}


def installed():
    import shutil
    return [k for k in KINDS if shutil.which(k) and (k != "wireguard-go" or shutil.which("wg"))]


def _run(cmd, **kw):
    return subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          check=True, timeout=60, **kw).stdout


def configure(pair, kind):
    """Keys and configuration files under the pair's work directory (mode 0700: they hold secrets)."""
    os.makedirs(pair.work, mode=0o700, exist_ok=True)
    w = lambda name: os.path.join(pair.work, name)
    if kind == "wireguard-go":
        for side in ("a", "b"):
            key = _run(["wg", "genkey"]).strip()
            with open(os.open(w(side + ".key"), os.O_WRONLY | os.O_CREAT, 0o600), "w") as f:
                f.write(key + "\n")
            pub = subprocess.run(["wg", "pubkey"], input=key + "\n", capture_output=True, text=True, check=True)
            with open(w(side + ".pub"), "w") as f:
                f.write(pub.stdout.strip())
    elif kind == "openvpn":
        for side in ("a", "b"):
            _run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                  "-keyout", w(side + ".key"), "-out", w(side + ".crt"), "-days", "2", "-subj", "/CN=" + side])
            fp = _run(["openssl", "x509", "-in", w(side + ".crt"), "-noout", "-fingerprint", "-sha256"])
            with open(w(side + ".fp"), "w") as f:
                f.write(fp.strip().split("=", 1)[1])
    elif kind == "fastd":
        keys = {}
        for side in ("a", "b"):
            out = _run(["fastd", "--generate-key"])
            keys[side] = {k: v.strip() for k, v in (line.split(":", 1) for line in out.splitlines() if ":" in line)}
        for side, other in (("a", "b"), ("b", "a")):
            conf = "\n".join([
                'interface "%s";' % ifname(pair, side),
                "mode tun;",
                "bind %s:10000;" % pair.ip(side, False),
                'method "aes128-gcm";',
                'method "salsa2012+umac";',
                'secret "%s";' % keys[side]["Secret"],
                "mtu 1420;",
                'on up "ip addr add %s/24 dev $INTERFACE && ip link set $INTERFACE up";' % pair.ip(side),
                'peer "%s" {' % other,
                '  key "%s";' % keys[other]["Public"],
                "  remote %s:10000;" % pair.ip(other, False),
                "}", ""])
            with open(os.open(w(side + ".conf"), os.O_WRONLY | os.O_CREAT, 0o600), "w") as f:
                f.write(conf)
    else:
        raise ValueError(kind)


def ifname(pair, side):
    return (pair.id + "v" + side)[-15:]


def start(pair, kind):
    """Starts both daemons (each detaches); returns once they are running, the tunnel itself is awaited by the
    caller. The daemons are found again by `ip netns pids`, since not all of them write a pid file."""
    w = lambda name: os.path.join(pair.work, name)
    quiet = dict(stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for side, other in (("a", "b"), ("b", "a")):
        ns = pair.ns[side]
        dev = ifname(pair, side)
        if kind == "wireguard-go":
            subprocess.run(["ip", "netns", "exec", ns, "wireguard-go", dev], check=True, timeout=30, **quiet)
            with open(w(other + ".pub")) as f:
                peer = f.read().strip()
            subprocess.run(["ip", "netns", "exec", ns, "wg", "set", dev, "private-key", w(side + ".key"),
                            "listen-port", "51820", "peer", peer, "allowed-ips", pair.ip(other) + "/32",
                            "endpoint", pair.ip(other, False) + ":51820"], check=True, timeout=30, **quiet)
            subprocess.run(["ip", "-n", ns, "addr", "add", pair.ip(side) + "/24", "dev", dev], check=True, **quiet)
            subprocess.run(["ip", "-n", ns, "link", "set", dev, "up"], check=True, **quiet)
        elif kind == "openvpn":
            with open(w(other + ".fp")) as f:
                fp = f.read().strip()
            role = ["--tls-server", "--dh", "none"] if side == "a" else ["--tls-client"]
            subprocess.run(["ip", "netns", "exec", ns, "openvpn", "--dev", dev, "--dev-type", "tun",
                            "--ifconfig", pair.ip(side), pair.ip(other), "--local", pair.ip(side, False),
                            "--remote", pair.ip(other, False), "--port", "1194", "--cert", w(side + ".crt"),
                            "--key", w(side + ".key"), "--peer-fingerprint", fp, "--data-ciphers", "AES-256-GCM",
                            "--daemon", "--log", w(side + ".log")] + role, check=True, timeout=30, **quiet)
        elif kind == "fastd":
            subprocess.run(["ip", "netns", "exec", ns, "fastd", "--config", w(side + ".conf"), "--daemon",
                            "--log-level", "warn"], check=True, timeout=30, **quiet)


def pids(pair, kind):
    """side -> pid of the VPN daemon in that side's namespace."""
    found = {}
    deadline = time.time() + 10
    while time.time() < deadline and len(found) < 2:
        for side in ("a", "b"):
            out = subprocess.run(["ip", "netns", "pids", pair.ns[side]], capture_output=True, text=True).stdout
            for pid in out.split():
                try:
                    with open("/proc/%s/comm" % pid) as f:
                        if f.read().strip() == PROCESS[kind]:
                            found[side] = int(pid)
                except FileNotFoundError:
                    pass
        time.sleep(0.1)
    return found
