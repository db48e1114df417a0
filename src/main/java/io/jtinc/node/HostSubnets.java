package io.jtinc.node;

import io.jtinc.config.ConfigLoader;
import io.jtinc.config.NetDirectory;
import io.jtinc.config.NodeNames;
import io.jtinc.config.SubnetSpec;
import io.jtinc.log.Log;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * StrictSubnets' source of truth (tincd's load_all_subnets, spec §9.10): the Subnet lines of every hosts/ file
 * whose name is a valid node name. A file that does not parse is skipped with an error, as tincd skips it.
 */
final class HostSubnets {
    private HostSubnets() {
    }

    static Map<String, List<SubnetSpec>> load(NetDirectory directory, List<String> options) {
        Map<String, List<SubnetSpec>> out = new TreeMap<>();
        Path hosts = directory.hostsDir();
        if (!Files.isDirectory(hosts)) {
            return out;
        }
        try (Stream<Path> files = Files.list(hosts)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                if (!NodeNames.isValid(name) || !Files.isRegularFile(f)) {
                    continue;
                }
                try {
                    out.put(name, ConfigLoader.loadHost(directory, name, options).subnets());
                } catch (io.jtinc.config.ConfigException e) {
                    Log.error(e.getMessage());
                }
            }
        } catch (IOException e) {
            Log.error("Could not read " + hosts + ": " + e.getMessage());
        }
        return out;
    }
}
