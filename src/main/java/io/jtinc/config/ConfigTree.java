package io.jtinc.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Entries ordered as tincd's conf.c:config_compare orders its splay tree: by variable (case-insensitive), then
 * -o options before files, then line number <em>regardless of file</em>, then file name. The line-number rule is a
 * tincd quirk we keep for compatibility: {@code Port = 2} on line 2 of hosts/ME beats {@code Port = 1} on line 5 of
 * tinc.conf, because both files end up in the same tree.
 */
public final class ConfigTree {
    static final Comparator<ConfigEntry> PRECEDENCE = Comparator
            .comparing((ConfigEntry e) -> e.fromCommandLine() ? 0 : 1)
            .thenComparingInt(ConfigEntry::line)
            .thenComparing(ConfigEntry::file);

    private final List<ConfigEntry> entries;

    public ConfigTree(Collection<ConfigEntry> entries) {
        List<ConfigEntry> sorted = new ArrayList<>(entries);
        // Stable sort: entries with equal keys (same file and line cannot happen twice) keep their input order.
        sorted.sort(Comparator.comparing((ConfigEntry e) -> e.variable().toLowerCase(Locale.ROOT)).thenComparing(PRECEDENCE));
        this.entries = List.copyOf(sorted);
    }

    public static ConfigTree empty() {
        return new ConfigTree(List.of());
    }

    /** The winning entry for a single-valued variable. */
    public Optional<ConfigEntry> lookup(String variable) {
        return entries.stream().filter(e -> e.variable().equalsIgnoreCase(variable)).findFirst();
    }

    /** All entries of a variable in precedence order (for ConnectTo, Subnet, Address, BindToAddress). */
    public List<ConfigEntry> all(String variable) {
        return entries.stream().filter(e -> e.variable().equalsIgnoreCase(variable)).toList();
    }

    /** Every entry, grouped by variable, each group in precedence order. */
    public List<ConfigEntry> entries() {
        return entries;
    }

    public ConfigTree merge(ConfigTree other) {
        List<ConfigEntry> all = new ArrayList<>(entries);
        all.addAll(other.entries);
        return new ConfigTree(all);
    }

    @Override
    public String toString() {
        return "ConfigTree" + entries;
    }
}
