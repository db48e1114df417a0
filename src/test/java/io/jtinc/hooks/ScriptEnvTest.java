package io.jtinc.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ScriptEnvTest {
    @Test
    void baseHasTincdsFourVariablesAndAnEmptyNetname() {
        ScriptEnv e = ScriptEnv.base(null, "alpha", "/dev/net/tun", "jr1tap");
        assertEquals(Map.of("NETNAME", "", "NAME", "alpha", "DEVICE", "/dev/net/tun", "INTERFACE", "jr1tap"),
                e.vars());
        assertEquals("vpn", ScriptEnv.base("vpn", "a", "d", "i").vars().get("NETNAME"));
    }

    @Test
    void hostAndSubnetVariables() {
        ScriptEnv base = ScriptEnv.base("vpn", "alpha", "/dev/net/tun", "jr1tap");
        ScriptEnv host = base.withNode("beta", "10.99.0.2", "655");
        assertEquals("beta", host.vars().get("NODE"));
        assertEquals("10.99.0.2", host.vars().get("REMOTEADDRESS"));
        assertEquals("655", host.vars().get("REMOTEPORT"));
        assertFalse(base.vars().containsKey("NODE"), "with-methods must not change the original");

        ScriptEnv sub = base.withNode("alpha", null, null).withSubnet("fd00:10::2/128#10", "10");
        assertEquals("fd00:10::2/128", sub.vars().get("SUBNET"));
        assertEquals("10", sub.vars().get("WEIGHT"));
        assertFalse(sub.vars().containsKey("REMOTEADDRESS"), "own subnets have no remote address");
        assertFalse(sub.vars().containsKey("DEBUG"), "tinc 1.0 has no DEBUG variable");
    }
}
