package io.jtinc.node;

import io.jtinc.config.SubnetSpec;
import io.jtinc.hooks.Hooks;
import java.util.Optional;

/** The scripts the node core triggers as the mesh changes; a no-op set for in-memory tests. */
public interface NodeScripts {
    void hostUp(String node, String address, String port);

    void hostDown(String node, String address, String port);

    void subnetUp(String owner, SubnetSpec subnet, Optional<String> address, Optional<String> port);

    void subnetDown(String owner, SubnetSpec subnet, Optional<String> address, Optional<String> port);

    static NodeScripts none() {
        return new NodeScripts() {
            @Override
            public void hostUp(String node, String address, String port) {
            }

            @Override
            public void hostDown(String node, String address, String port) {
            }

            @Override
            public void subnetUp(String owner, SubnetSpec subnet, Optional<String> a, Optional<String> p) {
            }

            @Override
            public void subnetDown(String owner, SubnetSpec subnet, Optional<String> a, Optional<String> p) {
            }
        };
    }

    /** host-up/down, hosts/NODE-up/down and subnet-up/down through the daemon's script runner. */
    static NodeScripts of(Hooks hooks) {
        return new NodeScripts() {
            @Override
            public void hostUp(String node, String address, String port) {
                hooks.hostUp(node, address, port);
            }

            @Override
            public void hostDown(String node, String address, String port) {
                hooks.hostDown(node, address, port);
            }

            @Override
            public void subnetUp(String owner, SubnetSpec subnet, Optional<String> a, Optional<String> p) {
                hooks.subnetUp(owner, subnet.withoutWeight(), Integer.toString(subnet.weight()), a, p);
            }

            @Override
            public void subnetDown(String owner, SubnetSpec subnet, Optional<String> a, Optional<String> p) {
                hooks.subnetDown(owner, subnet.withoutWeight(), Integer.toString(subnet.weight()), a, p);
            }
        };
    }
}
