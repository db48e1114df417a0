package io.jtinc.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** conf-examples/ must load as shipped (they are what operators copy to /etc/tinc/v6net). */
class ConfExamplesTest {
    private static final Path EXAMPLES = Path.of("conf-examples");

    @Test
    void everyConfigFileParses() throws Exception {
        List<Path> configs = new ArrayList<>();
        try (Stream<Path> s = Files.walk(EXAMPLES)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String n = p.getFileName().toString();
                // config files are tinc.conf and hosts/*; scripts, nets.boot and README are not tinc config syntax
                if (n.equals("tinc.conf") || p.getParent().getFileName().toString().equals("hosts")) {
                    configs.add(p);
                    assertFalse(ConfigLoader.parseFile(p).entries().isEmpty(), p + " has entries");
                }
            }
        }
        assertEquals(6, configs.size(), configs.toString());
    }

    @Test
    void hubLoads() throws Exception {
        ServerConfig c = ConfigLoader.loadServer(NetDirectory.of("v6net", EXAMPLES.resolve("v6router")), List.of());
        assertEquals("v6router", c.name());
        assertEquals(Mode.SWITCH, c.mode());
        assertEquals(DeviceType.TAP, c.deviceType());
        assertEquals(Optional.of("v6net"), c.interfaceName());
        assertEquals(List.of(), c.connectTo());
        assertEquals("655", c.myHost().port());
        assertEquals(List.of(new HostAddress("192.0.2.1", Optional.empty())), c.myHost().addresses());
        assertEquals(List.of(SubnetSpec.parse("2001:db8:85a3::/64"), SubnetSpec.parse("2001:db8:85a3::1/128")),
                c.myHost().subnets());
        HostConfig pi = ConfigLoader.loadHost(c.directory(), "node_one", List.of());
        assertEquals(List.of(SubnetSpec.parse("2001:db8:85a3::11/128"), SubnetSpec.parse("2001:db8:85a3:1::/64")),
                pi.subnets());
    }

    @Test
    void piLoads() throws Exception {
        ServerConfig c = ConfigLoader.loadServer(NetDirectory.of("v6net", EXAMPLES.resolve("node_one")), List.of());
        assertEquals("node_one", c.name());
        assertEquals(Mode.SWITCH, c.mode());
        assertEquals(List.of("v6router"), c.connectTo());
        assertEquals(List.of(SubnetSpec.parse("2001:db8:85a3::11/128"), SubnetSpec.parse("2001:db8:85a3:1::/64")),
                c.myHost().subnets());
        HostConfig hub = ConfigLoader.loadHost(c.directory(), "v6router", List.of());
        assertEquals("192.0.2.1", hub.addresses().get(0).host());
        // both copies of a host file must be identical, or the nodes disagree about each other
        for (String h : List.of("v6router", "node_one")) {
            assertEquals(Files.readString(EXAMPLES.resolve("v6router/hosts/" + h)),
                    Files.readString(EXAMPLES.resolve("node_one/hosts/" + h)), h);
        }
    }

    @Test
    void scriptsAreExecutableShellScriptsUsingOnlyInterface() throws Exception {
        for (String node : List.of("v6router", "node_one")) {
            for (String script : List.of("tinc-up", "tinc-down")) {
                Path p = EXAMPLES.resolve(node).resolve(script);
                assertTrue(Files.isExecutable(p), p + " executable");
                String text = Files.readString(p);
                assertTrue(text.startsWith("#!/bin/sh\n"), p.toString());
                assertTrue(text.contains("\"$INTERFACE\""), p.toString());
                assertFalse(text.contains("v6net"), p + " must not hard-code the interface name");
            }
            assertEquals(List.of("v6net"), Files.readAllLines(EXAMPLES.resolve(node).resolve("nets.boot")).stream()
                    .filter(l -> !l.startsWith("#") && !l.isBlank()).toList());
        }
    }
}
