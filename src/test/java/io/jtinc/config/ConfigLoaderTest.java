package io.jtinc.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jtinc.log.Log;
import io.jtinc.log.LogSink;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path base;

    private final List<String> warnings = new ArrayList<>();
    private LogSink oldSink;

    @BeforeEach
    void captureLog() {
        oldSink = Log.sink();
        Log.setSink((p, m) -> warnings.add(m));
    }

    @AfterEach
    void restoreLog() {
        Log.setSink(oldSink);
    }

    private ServerConfig load(List<String> options) throws ConfigException {
        return ConfigLoader.loadServer(TestDirs.dir(base), options, Map.of());
    }

    @Test
    void defaultsAreTincds() throws Exception {
        TestDirs.write(base, "tinc.conf", "Name = me\n");
        TestDirs.write(base, "hosts/me", "");
        ServerConfig c = load(List.of());
        assertEquals("me", c.name());
        assertEquals(Mode.ROUTER, c.mode());
        assertEquals(DeviceType.AUTO, c.deviceType());
        assertEquals("/dev/net/tun", c.device());
        assertEquals(AddressFamily.ANY, c.addressFamily());
        assertEquals(Broadcast.MST, c.broadcast());
        assertEquals(Forwarding.INTERNAL, c.forwarding());
        assertEquals(3600, c.keyExpire());
        assertEquals(600, c.macExpire());
        assertEquals(15180, c.maxOutputBufferSize());
        assertEquals(900, c.maxTimeout());
        assertEquals(0, c.minTimeout());
        assertEquals(60, c.pingInterval());
        assertEquals(5, c.pingTimeout());
        assertEquals(16, c.replayWindow());
        assertEquals(base.resolve("rsa_key.priv"), c.privateKeyFile());
        assertEquals(Optional.empty(), c.interfaceName());
        assertEquals(Optional.empty(), c.processPriority());
        assertFalse(c.decrementTtl() || c.directOnly() || c.hostnames() || c.iffOneQueue() || c.localDiscovery()
                || c.priorityInheritance() || c.strictSubnets() || c.tunnelServer());
        HostConfig h = c.myHost();
        assertEquals("655", h.port());
        assertEquals("aes-256-cbc", h.cipher());
        assertEquals("sha256", h.digest());
        assertEquals(4, h.macLength());
        assertEquals(1518, h.pmtu());
        assertEquals(0, h.compression());
        assertTrue(h.clampMss() && h.pmtuDiscovery());
        assertFalse(h.tcpOnly() || h.indirectData());
        assertEquals(base.resolve("hosts/me"), h.file());
    }

    @Test
    void typedValuesAndDerivedDefaults() throws Exception {
        TestDirs.write(base, "tinc.conf", "Name = me\nMode = Switch\nDeviceType = tap\nInterface = v6net\n"
                + "PingInterval = 0\nPingTimeout = 100000\nTunnelServer = YES\nProcessPriority = high\n"
                + "BindToAddress = * 6655\nBindToAddress = 127.0.0.1\nBroadcast = yes\nConnectTo = a\nConnectTo = b\n");
        TestDirs.write(base, "hosts/me", "TCPOnly = yes\nAddress = vpn.example.org 1655\nAddress = 192.0.2.1\n"
                + "Subnet = 10.1.0.0/16#5\nSubnet = 2:0:0:0:0:1\n");
        ServerConfig c = load(List.of());
        assertEquals(Mode.SWITCH, c.mode());
        assertEquals(DeviceType.TAP, c.deviceType());
        assertEquals(Optional.of("v6net"), c.interfaceName());
        assertEquals(86400, c.pingInterval()); // < 1 means one day
        assertEquals(86400, c.pingTimeout()); // clamped to PingInterval
        assertTrue(c.strictSubnets()); // implied by TunnelServer
        assertEquals(Optional.of(-10), c.processPriority());
        assertEquals(Broadcast.MST, c.broadcast());
        assertEquals(List.of("a", "b"), c.connectTo());
        assertEquals(List.of(new BindAddress(Optional.empty(), Optional.of("6655")),
                new BindAddress(Optional.of("127.0.0.1"), Optional.empty())), c.bindToAddress());
        HostConfig h = c.myHost();
        assertFalse(h.pmtuDiscovery()); // off by default with TCPOnly
        assertEquals(List.of(new HostAddress("vpn.example.org", Optional.of("1655")),
                new HostAddress("192.0.2.1", Optional.empty())), h.addresses());
        assertEquals(List.of("10.1.0.0/16#5", "2:0:0:0:0:1#10"), h.subnets().stream().map(SubnetSpec::canonical).toList());
    }

    @Test
    void lineNumberQuirkAcrossTincConfAndOwnHostFile() throws Exception {
        TestDirs.write(base, "tinc.conf", "Name = me\n#\n#\n#\nPort = 1\n");
        TestDirs.write(base, "hosts/me", "#\nPort = 2\n");
        assertEquals("2", load(List.of()).myHost().port());
    }

    @Test
    void commandLineBeatsFilesAndHostOptionsReachOurOwnTree() throws Exception {
        TestDirs.write(base, "tinc.conf", "Name = me\nMode = switch\n");
        TestDirs.write(base, "hosts/me", "Port = 2\n");
        ServerConfig c = load(List.of("Mode=hub", "me.Port=3", "other.Port=4", "me.Subnet=10.0.0.0/8"));
        assertEquals(Mode.HUB, c.mode());
        assertEquals("3", c.myHost().port());
        assertEquals(1, c.myHost().subnets().size());
    }

    @Test
    void peerHostConfigWithOptions() throws Exception {
        TestDirs.write(base, "hosts/alice", "Address = 192.0.2.7\nPort = 700\nMode = switch\n");
        HostConfig h = ConfigLoader.loadHost(TestDirs.dir(base), "alice", List.of("alice.Port=701", "bob.Port=9"));
        assertEquals("701", h.port());
        assertEquals(List.of(new HostAddress("192.0.2.7", Optional.empty())), h.addresses());
        assertTrue(warnings.stream().anyMatch(w -> w.contains("Mode is a tinc.conf variable")), warnings.toString());
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.loadHost(TestDirs.dir(base), "bob", List.of()));
        assertEquals(base.resolve("hosts/bob").toString(), e.file());
    }

    @Test
    void confDFilesAreReadAndOthersIgnored() throws Exception {
        TestDirs.write(base, "tinc.conf", "Name = me\n");
        TestDirs.write(base, "conf.d/a.conf", "Mode = hub\n");
        TestDirs.write(base, "conf.d/b.conf.bak", "Mode = bridge\n");
        assertEquals(Mode.HUB, load(List.of()).mode());
    }

    @Test
    void unknownVariableWarnsButLoads() throws Exception {
        TestDirs.write(base, "tinc.conf", "Name = me\nFooBar = 1\n");
        load(List.of());
        assertEquals(List.of("Cannot open config file " + base.resolve("hosts/me") + ": No such file or directory",
                base.resolve("tinc.conf") + " line 2: unknown variable FooBar is ignored"), warnings);
    }

    @Test
    void nameFromEnvironmentIsSanitised() throws Exception {
        TestDirs.write(base, "tinc.conf", "Name = $HOST\n");
        TestDirs.write(base, "hosts/my_pi_lan", "Port = 7\n");
        ServerConfig c = ConfigLoader.loadServer(TestDirs.dir(base), List.of(), Map.of("HOST", "my-pi.lan"));
        assertEquals("my_pi_lan", c.name());
        assertEquals("7", c.myHost().port());
        TestDirs.write(base, "tinc.conf", "Name = $NODE\n");
        assertEquals("a_b", ConfigLoader.loadServer(TestDirs.dir(base), List.of(), Map.of("NODE", "a:b")).name());
    }

    @Test
    void hostFallsBackToTheHostname() throws Exception {
        TestDirs.write(base, "tinc.conf", "Name = $HOST\n");
        String expected = NodeNames.expand("$HOST", Map.of("HOST", NodeNames.hostname().length() > 31
                ? NodeNames.hostname().substring(0, 31) : NodeNames.hostname()));
        assertEquals(expected, load(List.of()).name());
        assertTrue(NodeNames.isValid(expected));
    }

    @Test
    void nodeNameRule() {
        assertTrue(NodeNames.isValid("node_one"));
        assertTrue(NodeNames.isValid("Node1"));
        assertFalse(NodeNames.isValid("node-one"));
        assertFalse(NodeNames.isValid("a.b"));
        assertFalse(NodeNames.isValid(""));
        assertFalse(NodeNames.isValid("é"));
    }
}
