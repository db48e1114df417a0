package io.jtinc.node;

import io.jtinc.config.SubnetSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** NodeScripts that record each call as one line, e.g. "host-up beta 10.99.0.2 655". */
final class RecordingScripts implements NodeScripts {
    final List<String> calls = new ArrayList<>();

    @Override
    public void hostUp(String node, String address, String port) {
        calls.add("host-up " + node + " " + address + " " + port);
    }

    @Override
    public void hostDown(String node, String address, String port) {
        calls.add("host-down " + node + " " + address + " " + port);
    }

    @Override
    public void subnetUp(String owner, SubnetSpec subnet, Optional<String> address, Optional<String> port) {
        calls.add("subnet-up " + owner + " " + subnet.withoutWeight() + " " + address.orElse("-") + " " + port.orElse("-"));
    }

    @Override
    public void subnetDown(String owner, SubnetSpec subnet, Optional<String> address, Optional<String> port) {
        calls.add("subnet-down " + owner + " " + subnet.withoutWeight() + " " + address.orElse("-") + " " + port.orElse("-"));
    }

    long count(String prefix) {
        return calls.stream().filter(c -> c.startsWith(prefix)).count();
    }
}
