package io.jtinc.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each broken configuration must fail with one line naming the file, the line and the expected form. */
class BrokenConfigTest {
    @TempDir
    Path base;

    static Stream<Arguments> cases() {
        String me = "Name = me\n";
        String subnetForm = "; expected a MAC (02:00:00:00:00:01), IPv4 (10.1.2.0/24) or IPv6 (2001:db8::/64) network"
                + " address, optionally followed by #weight";
        return Stream.of(
                c("bad Mode", me + "Mode = bridge\n", "", List.of(), "tinc.conf", 2,
                        "Mode = bridge is not valid; expected router, switch or hub"),
                c("bad boolean", me + "DecrementTTL = true\n", "", List.of(), "tinc.conf", 2,
                        "DecrementTTL = true is not valid; expected yes or no"),
                c("non-numeric Port", me, "Port = 65x\n", List.of(), "hosts/me", 1,
                        "Port = 65x is not a number or a known service name; expected a port number 0-65535 or a"
                                + " service name from /etc/services"),
                c("Port out of range", me, "\nPort = 70000\n", List.of(), "hosts/me", 2,
                        "Port = 70000 is out of range; expected a port number 0-65535 or a service name from /etc/services"),
                c("non-numeric PingInterval", me + "PingInterval = 60s\n", "", List.of(), "tinc.conf", 2,
                        "PingInterval = 60s is not a whole number; expected a whole number of seconds"),
                c("inline comment after a number", me + "\nPingTimeout = 5 # seconds\n", "", List.of(), "tinc.conf", 3,
                        "PingTimeout = 5 # seconds is not a whole number (tinc has no inline comments);"
                                + " expected a whole number of seconds"),
                c("negative ReplayWindow", me + "ReplayWindow = -1\n", "", List.of(), "tinc.conf", 2,
                        "ReplayWindow = -1 is out of range; expected a number of bytes >= 0 (0 disables replay protection)"),
                c("MaxTimeout 0", me + "MaxTimeout = 0\n", "", List.of(), "tinc.conf", 2,
                        "MaxTimeout = 0 is out of range; expected a whole number of seconds > 0"),
                c("dash in Name", "# hub\nName = node-one\n", "", List.of(), "tinc.conf", 2,
                        "Name = node-one is not a valid node name; expected letters, digits and _ only"
                                + " (tinc 1.0 refuses - and .)"),
                c("bad ConnectTo", me + "ConnectTo = v6-router\n", "", List.of(), "tinc.conf", 2,
                        "ConnectTo = v6-router is not a valid node name; expected letters, digits and _ only"
                                + " (tinc 1.0 refuses - and .)"),
                c("Subnet syntax", me, "Subnet = 10.1.2.x\n", List.of(), "hosts/me", 1,
                        "Subnet = 10.1.2.x is not valid: '10.1.2.x' is not a MAC, IPv4 or IPv6 address" + subnetForm),
                c("Subnet prefix too long", me, "Port = 655\nSubnet = 10.1.2.0/33\n", List.of(), "hosts/me", 2,
                        "Subnet = 10.1.2.0/33 is not valid: prefix length /33 is longer than 32 bits" + subnetForm),
                c("Subnet host bits", me, "Subnet = 10.1.2.3/24\n", List.of(), "hosts/me", 1,
                        "Subnet = 10.1.2.3/24 is not valid: host bits are set beyond the /24 prefix" + subnetForm),
                c("IPv6 Subnet host bits", me + "Subnet = 2001:db8:85a3::1/64\n", "", List.of(), "tinc.conf", 2,
                        "Subnet = 2001:db8:85a3::1/64 is not valid: host bits are set beyond the /64 prefix" + subnetForm),
                c("bad MACLength", me, "MACLength = four\n", List.of(), "hosts/me", 1,
                        "MACLength = four is not a whole number; expected a number of bytes from 0 to the digest size"),
                c("Compression 12", me, "Compression = 12\n", List.of(), "hosts/me", 1,
                        "Compression = 12 is out of range; expected 0 (off), 1-9 (zlib) or 10-11 (LZO)"),
                c("variable without value", me + "Mode = switch\nPingTimeout\n", "", List.of(), "tinc.conf", 3,
                        "PingTimeout has no value; expected PingTimeout = VALUE"),
                c("bad -o syntax", me, "", List.of("Mode=switch", "Mode"), "command line", 0,
                        "-o 'Mode' has no value; expected -o [HOST.]VARIABLE=VALUE"),
                c("bad -o value", me, "", List.of("Mode=bridge"), "command line", 0,
                        "-o option 1: Mode = bridge is not valid; expected router, switch or hub"),
                c("missing Name", "Mode = switch\n", "", List.of(), "tinc.conf", 0,
                        "Name is missing; expected Name = NODENAME (letters, digits and _ only)"),
                c("unknown DeviceType", me + "DeviceType = auto\n", "", List.of(), "tinc.conf", 2,
                        "DeviceType = auto is not valid; expected tun, tap, dummy, raw_socket, multicast or uml"),
                c("bad AddressFamily", me + "AddressFamily = ipv5\n", "", List.of(), "tinc.conf", 2,
                        "AddressFamily = ipv5 is not valid; expected ipv4, ipv6 or any"),
                c("Interface too long", me + "Interface = a_very_long_ifname\n", "", List.of(), "tinc.conf", 2,
                        "Interface = a_very_long_ifname is longer than 15 characters; expected a Linux interface"
                                + " name of at most 15 characters"),
                c("bad Proxy", me + "Proxy = socks5 host\n", "", List.of(), "tinc.conf", 2,
                        "Proxy = socks5 host is not valid; expected socks4 HOST PORT [USER], socks4a HOST PORT [USER],"
                                + " socks5 HOST PORT [USER PASS], http HOST PORT, exec COMMAND or none"),
                c("PrometheusAddress without a port", me + "PrometheusAddress = 127.0.0.1\n", "", List.of(),
                        "tinc.conf", 2, "PrometheusAddress = 127.0.0.1 has no port; expected ADDRESS:PORT, e.g."
                                + " 127.0.0.1:9180 or [::1]:9180"),
                c("PrometheusAddress with a host name", me + "\nPrometheusAddress = localhost:9180\n", "", List.of(),
                        "tinc.conf", 3, "PrometheusAddress = localhost:9180 is not a literal address and port;"
                                + " expected ADDRESS:PORT, e.g. 127.0.0.1:9180 or [::1]:9180"),
                c("unset environment variable in Name", "Name = $JTINC_NO_SUCH_VAR\n", "", List.of(), "tinc.conf", 1,
                        "Name = $JTINC_NO_SUCH_VAR: environment variable JTINC_NO_SUCH_VAR does not exist;"
                                + " expected it to be set, or Name = NODENAME"));
    }

    private static Arguments c(String what, String tincConf, String hostMe, List<String> options, String file, int line,
            String message) {
        return Arguments.of(what, tincConf, hostMe, options, file, line, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rejected(String what, String tincConf, String hostMe, List<String> options, String file, int line,
            String message) {
        TestDirs.write(base, "tinc.conf", tincConf);
        TestDirs.write(base, "hosts/me", hostMe);
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.loadServer(TestDirs.dir(base), options));
        String expectedFile = file.equals("command line") ? file : base.resolve(file).toString();
        assertEquals(expectedFile, e.file());
        assertEquals(line, e.line());
        assertEquals(expectedFile + (line > 0 ? " line " + line : "") + ": " + message, e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), "one line");
    }

    @Test
    void missingTincConf() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.loadServer(TestDirs.dir(base), List.of()));
        assertEquals(base.resolve("tinc.conf") + ": cannot read the server configuration (no such file);"
                + " expected a tinc.conf with at least Name = NODENAME", e.getMessage());
    }
}
