package io.jtinc.hooks;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A script's environment as tincd 1.0.36 sets it (spec §11.5): NETNAME ("" without a netname), NAME, DEVICE,
 * INTERFACE for every script; NODE, REMOTEADDRESS, REMOTEPORT for host scripts; SUBNET (without "#weight") and
 * WEIGHT for subnet scripts. There is no DEBUG variable in 1.0.x. Immutable; the with-methods return copies.
 * A null value leaves the variable out (tincd omits REMOTEADDRESS/REMOTEPORT for its own subnets).
 */
public record ScriptEnv(Map<String, String> vars) {
    public ScriptEnv {
        vars = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(vars)));
    }

    public static ScriptEnv base(String netname, String name, String device, String iface) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("NETNAME", netname == null ? "" : netname);
        put(m, "NAME", name);
        put(m, "DEVICE", device);
        put(m, "INTERFACE", iface);
        return new ScriptEnv(m);
    }

    public ScriptEnv withNode(String node, String remoteAddress, String remotePort) {
        Map<String, String> m = new LinkedHashMap<>(vars);
        put(m, "NODE", node);
        put(m, "REMOTEADDRESS", remoteAddress);
        put(m, "REMOTEPORT", remotePort);
        return new ScriptEnv(m);
    }

    /** SUBNET loses any "#weight" suffix; the weight goes into WEIGHT (tincd exports both). */
    public ScriptEnv withSubnet(String subnet, String weight) {
        Map<String, String> m = new LinkedHashMap<>(vars);
        String s = subnet;
        if (s != null) {
            int hash = s.indexOf('#');
            if (hash >= 0) {
                s = s.substring(0, hash);
            }
        }
        put(m, "SUBNET", s);
        put(m, "WEIGHT", weight);
        return new ScriptEnv(m);
    }

    private static void put(Map<String, String> m, String key, String value) {
        if (value == null) {
            m.remove(key);
        } else {
            m.put(key, value);
        }
    }
}
