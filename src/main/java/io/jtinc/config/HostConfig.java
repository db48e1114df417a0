package io.jtinc.config;

import static io.jtinc.config.Variables.*;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Host variables (spec §11.4) of one node with tincd's defaults. For a peer the tree is hosts/PEER plus
 * -o PEER.VAR options; for ourselves it is the merged server tree (tinc.conf, conf.d, hosts/ME, -o).
 */
public final class HostConfig {
    private final String name;
    private final Settings settings;
    private final ConfigTree tree;
    private final Path file;

    HostConfig(String name, Settings settings, ConfigTree tree, Path file) {
        this.name = name;
        this.settings = settings;
        this.tree = tree;
        this.file = file;
    }

    public String name() {
        return name;
    }

    public List<HostAddress> addresses() {
        return settings.list(ADDRESS);
    }

    /** An OpenSSL cipher name or "none"; whether it exists is checked by the crypto package. */
    public String cipher() {
        return settings.get(CIPHER);
    }

    public boolean clampMss() {
        return settings.get(CLAMP_MSS);
    }

    public int compression() {
        return settings.get(COMPRESSION);
    }

    public String digest() {
        return settings.get(DIGEST);
    }

    public boolean indirectData() {
        return settings.get(INDIRECT_DATA);
    }

    public int macLength() {
        return settings.get(MAC_LENGTH);
    }

    /** Capped at 1518 (tinc's MTU constant): no frame on a tinc link can be larger. */
    public int pmtu() {
        return Math.min(settings.get(PMTU), 1518);
    }

    /** Default yes, but no when TCPOnly is set (net_setup.c). */
    public boolean pmtuDiscovery() {
        return settings.optional(PMTU_DISCOVERY).orElse(!tcpOnly());
    }

    /** Numeric or a service name, as written; "655" by default. */
    public String port() {
        return settings.get(PORT);
    }

    public Optional<String> publicKeyHex() {
        return settings.optional(PUBLIC_KEY);
    }

    public Optional<Path> publicKeyFile() {
        return settings.optional(PUBLIC_KEY_FILE);
    }

    public List<SubnetSpec> subnets() {
        return settings.list(SUBNET);
    }

    public boolean tcpOnly() {
        return settings.get(TCP_ONLY);
    }

    public Optional<Integer> weight() {
        return settings.optional(WEIGHT);
    }

    public ConfigTree tree() {
        return tree;
    }

    /** hosts/NAME (whether or not it exists). */
    public Path file() {
        return file;
    }

    @Override
    public String toString() {
        return "HostConfig[" + name + "]";
    }
}
