package io.jtinc.invite;

import io.jtinc.config.NetDirectory;
import io.jtinc.config.NodeNames;
import io.jtinc.crypto.RsaKeyPem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What {@code jtinc join} writes on the joining node once the hub answered: the net directory with tinc.conf
 * (switch mode over TAP, ConnectTo the hub), rsa_key.priv (0600), hosts/HUB and hosts/NODE, a generated
 * tinc-up/tinc-down for the delegation, and the net's line in nets.boot.
 */
public final class JoinFiles {
    private JoinFiles() {
    }

    /** The answer's values, checked: they become file names and script lines. */
    public record Answer(String net, String node, String hubName, String hubHost, String subnet, String address,
            String hubAddress, String prefix) {

        /** @throws IllegalArgumentException when a value would be unsafe in a file name or a script */
        public static Answer of(Map<String, String> a) {
            String node = a.get("Node");
            String hub = a.get("HubName");
            if (!NodeNames.isValid(node) || !NodeNames.isValid(hub) || !NodeNames.isValid(a.get("Net"))) {
                throw new IllegalArgumentException("the hub sent an invalid node, hub or net name");
            }
            byte[] host = InviteCrypto.unb64(a.getOrDefault("HubHost", ""));
            if (host == null) {
                throw new IllegalArgumentException("the hub's host file is not base64url");
            }
            String subnet = a.get("Subnet");
            String address = a.get("Address");
            String hubAddress = a.get("HubAddress");
            String prefix = a.get("Prefix");
            if (subnet != null) {
                Ipv6Prefix.parse(subnet);
                Ipv6Prefix.parse(prefix);
                Ipv6Prefix.address(hubAddress);
                if (address == null || address.indexOf('/') < 0) {
                    throw new IllegalArgumentException("the hub sent no transfer address");
                }
                Ipv6Prefix.address(address.substring(0, address.indexOf('/')));
                Integer.parseInt(address.substring(address.indexOf('/') + 1));
            }
            return new Answer(a.get("Net"), node, hub, new String(host, StandardCharsets.UTF_8), subnet, address,
                    hubAddress, prefix);
        }

        public boolean delegated() {
            return subnet != null;
        }

        /** The /64's ::1, which goes on the LAN interface. */
        public String lanAddress() {
            Ipv6Prefix p = Ipv6Prefix.parse(subnet);
            return p.host(1) + "/" + p.length();
        }
    }

    /** Writes everything; the caller checked that there is no tinc.conf yet. */
    public static void write(NetDirectory dir, Path netsBoot, Answer a, KeyPair keys, InviteUrl url, String lan,
                             long nowMillis) throws IOException {
        Path base = dir.confbase();
        Files.createDirectories(base.resolve("hosts"));
        String iface = a.net().length() > 15 ? a.net().substring(0, 15) : a.net();
        String stamp = "# Written by jtinc join from an invitation of " + a.hubName() + " (net " + a.net() + ") on "
                + java.time.Instant.ofEpochMilli(nowMillis) + ".\n";
        Files.writeString(base.resolve("tinc.conf"), stamp + "Name = " + a.node() + "\nMode = switch\n"
                + "DeviceType = tap\nInterface = " + iface + "\nConnectTo = " + a.hubName() + "\n");
        Path priv = base.resolve("rsa_key.priv");
        Files.deleteIfExists(priv);
        Files.createFile(priv, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(priv, RsaKeyPem.privateKeyPem((RSAPrivateCrtKey) keys.getPrivate()));
        Files.writeString(dir.hostFile(a.hubName()), hubHostFile(a.hubHost(), url));
        StringBuilder mine = new StringBuilder();
        if (a.delegated()) {
            mine.append("Subnet = ").append(a.address().substring(0, a.address().indexOf('/'))).append("/128\n")
                    .append("Subnet = ").append(a.subnet()).append('\n');
        }
        mine.append('\n').append(RsaKeyPem.publicKeyPem((RSAPublicKey) keys.getPublic()));
        Files.writeString(dir.hostFile(a.node()), mine.toString());
        writeScript(base.resolve("tinc-up"), tincUp(a, lan, stamp));
        writeScript(base.resolve("tinc-down"), tincDown(a, lan, stamp));
        addToNetsBoot(netsBoot, dir.netname().orElse(a.net()));
    }

    /** The hub's host file as sent, plus the URL's address when the file has no Address (the hub may not know it). */
    static String hubHostFile(String hubHost, InviteUrl url) {
        boolean hasAddress = hubHost.lines().anyMatch(l -> l.trim().toLowerCase(java.util.Locale.ROOT)
                .matches("address\\s*[=\\s].*"));
        return hasAddress ? hubHost : "Address = " + url.host() + " " + url.port() + "\n" + hubHost;
    }

    static String tincUp(Answer a, String lan, String stamp) {
        List<String> l = new ArrayList<>(List.of("#!/bin/sh", stamp.trim(),
                "# The LAN interface that gets this node's /64; skipped when it does not exist.", "LAN=" + lan,
                "", "ip link set \"$INTERFACE\" up"));
        if (a.delegated()) {
            l.add("ip -6 addr add " + a.address() + " dev \"$INTERFACE\" nodad");
            l.add("# The delegation prefix (the hub's networks and the other nodes' /64s) goes via the hub.");
            l.add("ip -6 route replace " + a.prefix() + " via " + a.hubAddress() + " dev \"$INTERFACE\"");
            l.add("if ip link show \"$LAN\" >/dev/null 2>&1; then");
            l.add("\tip -6 addr replace " + a.lanAddress() + " dev \"$LAN\"");
            l.add("\tsysctl -q -w net.ipv6.conf.all.forwarding=1");
            l.add("fi");
        }
        return String.join("\n", l) + "\n";
    }

    static String tincDown(Answer a, String lan, String stamp) {
        List<String> l = new ArrayList<>(List.of("#!/bin/sh", stamp.trim(), "LAN=" + lan, ""));
        if (a.delegated()) {
            l.add("ip -6 route del " + a.prefix() + " via " + a.hubAddress() + " dev \"$INTERFACE\" 2>/dev/null");
            l.add("ip -6 addr del " + a.address() + " dev \"$INTERFACE\" 2>/dev/null");
            l.add("ip link show \"$LAN\" >/dev/null 2>&1 && ip -6 addr del " + a.lanAddress()
                    + " dev \"$LAN\" 2>/dev/null");
        }
        l.add("ip link set \"$INTERFACE\" down");
        return String.join("\n", l) + "\n";
    }

    private static void writeScript(Path p, String text) throws IOException {
        Files.writeString(p, text);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** Appends the net unless a line already names it (Debian's format: one net per line, '#' comments). */
    public static boolean addToNetsBoot(Path netsBoot, String net) throws IOException {
        if (Files.exists(netsBoot)) {
            for (String line : Files.readAllLines(netsBoot)) {
                if (line.trim().equals(net)) {
                    return false;
                }
            }
            String text = Files.readString(netsBoot);
            String sep = text.isEmpty() || text.endsWith("\n") ? "" : "\n";
            Files.writeString(netsBoot, sep + net + "\n", StandardOpenOption.APPEND);
        } else {
            Files.createDirectories(netsBoot.toAbsolutePath().getParent());
            Files.writeString(netsBoot, "## This file contains all names of the networks to be started on "
                    + "system startup.\n" + net + "\n");
        }
        return true;
    }
}
