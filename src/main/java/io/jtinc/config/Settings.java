package io.jtinc.config;

import io.jtinc.log.Log;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A ConfigTree whose every known entry has been parsed by its {@link Variables} row. Every entry is checked, not
 * only the winning one: a typo in a losing duplicate is still a typo. Unknown variables are logged and ignored.
 */
final class Settings {
    private final Map<Var<?>, List<Object>> values;

    private Settings(Map<Var<?>, List<Object>> values) {
        this.values = values;
    }

    /**
     * @param peerFile true for a peer's tree (hosts/PEER + -o PEER.X): server variables there have no effect
     */
    static Settings validate(ConfigTree tree, boolean peerFile) throws ConfigException {
        Map<Var<?>, List<Object>> values = new HashMap<>();
        for (ConfigEntry e : tree.entries()) {
            Optional<Var<?>> var = Variables.byName(e.variable());
            if (var.isEmpty()) {
                // tincd 1.0.36 ignores unknown variables without a word (verified); a hint saves debugging a typo.
                Log.warning(e.where() + ": unknown variable " + e.variable() + " is ignored");
                continue;
            }
            if (peerFile && var.get().scope() == Var.Scope.SERVER) {
                Log.warning(e.where() + ": " + var.get().name() + " is a tinc.conf variable and has no effect in a"
                        + " host file of another node");
                continue;
            }
            values.computeIfAbsent(var.get(), k -> new ArrayList<>()).add(var.get().parse(e));
        }
        return new Settings(values);
    }

    /** The winning value, or the row's default (null if it has none). */
    @SuppressWarnings("unchecked")
    <T> T get(Var<T> v) {
        List<Object> l = values.get(v);
        return l == null || l.isEmpty() ? v.defaultValue() : (T) l.get(0);
    }

    <T> Optional<T> optional(Var<T> v) {
        return Optional.ofNullable(get(v));
    }

    boolean isSet(Var<?> v) {
        return values.containsKey(v);
    }

    /** All values of a repeatable variable, in precedence order. */
    @SuppressWarnings("unchecked")
    <T> List<T> list(Var<T> v) {
        List<Object> l = values.get(v);
        return l == null ? List.of() : (List<T>) List.copyOf(l);
    }
}
