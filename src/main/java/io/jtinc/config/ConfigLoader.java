package io.jtinc.config;

import io.jtinc.log.Log;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Builds the trees tincd builds (spec §11.1): the server tree = -o options + tinc.conf + conf.d/*.conf + our own
 * hosts/NAME, and a peer's tree = -o PEER.VAR options + hosts/PEER. Everything is validated before use.
 */
public final class ConfigLoader {
    private ConfigLoader() {
    }

    public static ServerConfig loadServer(NetDirectory dir, List<String> options) throws ConfigException {
        return loadServer(dir, options, System.getenv());
    }

    /** As {@link #loadServer(NetDirectory, List)} with the environment used for Name = $VAR (for tests). */
    static ServerConfig loadServer(NetDirectory dir, List<String> options, Map<String, String> env)
            throws ConfigException {
        List<ConfigParser.Option> opts = parseOptions(options);
        List<ConfigEntry> entries = new ArrayList<>();
        for (ConfigParser.Option o : opts) {
            if (o.host() == null) {
                entries.add(o.entry());
            }
        }
        Path tincConf = dir.tincConf();
        if (!Files.isRegularFile(tincConf)) {
            throw new ConfigException(tincConf, 0, "cannot read the server configuration (no such file);"
                    + " expected a tinc.conf with at least Name = NODENAME");
        }
        entries.addAll(ConfigParser.parseFile(tincConf));
        for (Path extra : confD(dir)) {
            entries.addAll(ConfigParser.parseFile(extra));
        }

        String name = resolveName(new ConfigTree(entries), tincConf, env);
        for (ConfigParser.Option o : opts) {
            // -o ME.VAR=VALUE lands in the merged tree too, because tincd reads our host config into it
            if (name.equals(o.host())) {
                entries.add(o.entry());
            }
        }
        Path hostFile = dir.hostFile(name);
        if (Files.isRegularFile(hostFile)) {
            entries.addAll(ConfigParser.parseFile(hostFile));
        } else {
            // tincd logs this and carries on (verified): the host file is optional for ourselves.
            Log.warning("Cannot open config file " + hostFile + ": No such file or directory");
        }
        ConfigTree tree = new ConfigTree(entries);
        return new ServerConfig(name, Settings.validate(tree, false), tree, dir);
    }

    public static HostConfig loadHost(NetDirectory dir, String nodeName, List<String> options) throws ConfigException {
        if (!NodeNames.isValid(nodeName)) {
            throw new ConfigException(nodeName + " is not a valid node name; expected letters, digits and _ only");
        }
        List<ConfigEntry> entries = new ArrayList<>();
        for (ConfigParser.Option o : parseOptions(options)) {
            if (nodeName.equals(o.host())) {
                entries.add(o.entry());
            }
        }
        Path hostFile = dir.hostFile(nodeName);
        if (!Files.isRegularFile(hostFile)) {
            throw new ConfigException(hostFile, 0, "cannot read the host file of " + nodeName
                    + " (no such file); expected a copy of that node's hosts/" + nodeName);
        }
        entries.addAll(ConfigParser.parseFile(hostFile));
        ConfigTree tree = new ConfigTree(entries);
        return new HostConfig(nodeName, Settings.validate(tree, true), tree, hostFile);
    }

    public static ConfigTree parseFile(Path file) throws ConfigException {
        return new ConfigTree(ConfigParser.parseFile(file));
    }

    private static List<ConfigParser.Option> parseOptions(List<String> options) throws ConfigException {
        List<ConfigParser.Option> out = new ArrayList<>();
        int i = 0;
        for (String o : options == null ? List.<String>of() : options) {
            out.add(ConfigParser.parseOption(o, ++i));
        }
        return out;
    }

    /** conf.d/*.conf, regular files only. Order does not matter: precedence ignores reading order. */
    private static List<Path> confD(NetDirectory dir) throws ConfigException {
        Path d = dir.confDir();
        if (!Files.isDirectory(d)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(d)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".conf") && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new ConfigException(d, 0, "cannot list directory: " + e.getMessage());
        }
    }

    /** Name with $HOST / $VAR expansion (net_setup.c:get_name), then the node-name check. */
    private static String resolveName(ConfigTree tree, Path tincConf, Map<String, String> env) throws ConfigException {
        ConfigEntry e = tree.lookup(Variables.NAME.name()).orElseThrow(() -> new ConfigException(tincConf, 0,
                "Name is missing; expected Name = NODENAME (letters, digits and _ only)"));
        String expanded = NodeNames.expand(e.value(), env);
        if (expanded == null) {
            throw error(e, "Name = " + e.value() + ": environment variable " + e.value().substring(1)
                    + " does not exist; expected it to be set, or Name = NODENAME");
        }
        if (!NodeNames.isValid(expanded)) {
            throw error(e, "Name = " + e.value() + " is not a valid node name; expected letters, digits and _ only"
                    + " (tinc 1.0 refuses - and .)");
        }
        return expanded;
    }

    private static ConfigException error(ConfigEntry e, String msg) {
        if (e.fromCommandLine()) {
            return new ConfigException(ConfigEntry.COMMAND_LINE, 0, "-o option " + e.line() + ": " + msg);
        }
        return new ConfigException(e.file(), e.line(), msg);
    }
}
