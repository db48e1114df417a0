package io.jtinc.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jtinc.log.Log;
import io.jtinc.log.LogSink;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigParserTest {
    private static List<ConfigEntry> parse(String text) throws ConfigException {
        return ConfigParser.parseText(text, "f");
    }

    private static String pairs(List<ConfigEntry> es) {
        return es.stream().map(e -> e.variable() + "=" + e.value() + "@" + e.line()).collect(Collectors.joining(" "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Port = 655", "Port=655", "Port 655", "Port\t655", "Port \t=\t 655", "Port = 655  \t",
            "Port = 655\r"})
    void separatorsAndTrailingWhitespace(String line) throws Exception {
        assertEquals("Port=655@1", pairs(parse(line)));
    }

    @Test
    void valueKeepsInnerBlanksAndCase() throws Exception {
        assertEquals("Proxy=socks5 Host 1080@1", pairs(parse("Proxy = socks5 Host 1080")));
    }

    @Test
    void crlfFile() throws Exception {
        assertEquals("Name=a@1 Mode=switch@2", pairs(parse("Name = a\r\nMode = switch\r\n")));
    }

    @Test
    void commentsOnlyInColumnOneAndEmptyLinesSkipped() throws Exception {
        // no inline comments in tinc: the "# x" stays part of the value
        assertEquals("Port=655 # x@4", pairs(parse("# comment\n\n   \nPort = 655 # x\n")));
    }

    @Test
    void pemBlockIsSkippedAndLineNumbersContinue() throws Exception {
        String text = "Address = 1.2.3.4\n-----BEGIN RSA PUBLIC KEY-----\nMIIBCgKCAQEA = x\nPort 1\n"
                + "-----END RSA PUBLIC KEY-----\nSubnet = 10.0.0.0/8\n";
        assertEquals("Address=1.2.3.4@1 Subnet=10.0.0.0/8@6", pairs(parse(text)));
    }

    @Test
    void variableWithoutValueIsAnError() {
        ConfigException e = assertThrows(ConfigException.class, () -> parse("Name = a\nPingInterval\n"));
        assertEquals("f line 2: PingInterval has no value; expected PingInterval = VALUE", e.getMessage());
        assertThrows(ConfigException.class, () -> parse("Port =  \n"));
    }

    @Test
    void leadingWhitespaceLineIsIgnoredWithAWarning() throws Exception {
        List<String> log = new ArrayList<>();
        LogSink old = Log.sink();
        Log.setSink((p, m) -> log.add(m));
        try {
            assertEquals("Mode=hub@2", pairs(parse(" Name = a\nMode = hub")));
        } finally {
            Log.setSink(old);
        }
        assertEquals(1, log.size());
        assertTrue(log.get(0).startsWith("f line 1: line starts with whitespace"), log.get(0));
    }

    @Test
    void caseInsensitiveLookupKeepsValueCase() throws Exception {
        ConfigTree t = new ConfigTree(parse("connectto = Alpha\nCONNECTTO = beta\n"));
        assertEquals(List.of("Alpha", "beta"), t.all("ConnectTo").stream().map(ConfigEntry::value).toList());
        assertEquals("Alpha", t.lookup("Connectto").orElseThrow().value());
    }

    @Test
    void precedenceCommandLineThenLineNumberRegardlessOfFileThenFileName() {
        ConfigEntry tincConfLine5 = new ConfigEntry("Port", "1", "/x/tinc.conf", 5);
        ConfigEntry hostLine2 = new ConfigEntry("port", "2", "/x/hosts/me", 2);
        ConfigEntry confdLine2 = new ConfigEntry("PORT", "3", "/x/conf.d/a.conf", 2);
        ConfigEntry option = new ConfigEntry("Port", "4", ConfigEntry.COMMAND_LINE, 7);
        ConfigTree t = new ConfigTree(List.of(tincConfLine5, hostLine2, confdLine2));
        // the quirk: line 2 of any file beats line 5 of tinc.conf; equal lines go by file name
        assertEquals(List.of("3", "2", "1"), t.all("Port").stream().map(ConfigEntry::value).toList());
        assertEquals("4", t.merge(new ConfigTree(List.of(option))).lookup("Port").orElseThrow().value());
    }

    @Test
    void serverAndHostOptions() throws Exception {
        ConfigParser.Option server = ConfigParser.parseOption("Mode=switch", 1);
        assertEquals(null, server.host());
        assertEquals(new ConfigEntry("Mode", "switch", "command line", 1), server.entry());
        ConfigParser.Option host = ConfigParser.parseOption("alice.Subnet=10.0.0.0/8", 2);
        assertEquals("alice", host.host());
        assertEquals(new ConfigEntry("Subnet", "10.0.0.0/8", "command line", 2), host.entry());
        assertEquals("Port=6 55@3", pairs(List.of(ConfigParser.parseOption("Port 6 55", 3).entry())));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Port", "Port=", "=655", "bad-host.Port=1", ".Port=1", "alice.=1"})
    void malformedOptions(String option) {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigParser.parseOption(option, 1));
        assertEquals("command line", e.file());
        assertTrue(e.getMessage().startsWith("command line: -o '" + option + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("expected -o"), e.getMessage());
    }
}
