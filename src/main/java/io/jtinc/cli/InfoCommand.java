package io.jtinc.cli;

import io.jtinc.invite.Delegations;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code jtinc info NODE|SUBNET|ADDRESS [--json]}: from the running daemon, plus a node's delegated /64. */
@Command(name = "info", description = "Show one node (address, reachability, PMTU, edges, subnets, the /64 "
        + "delegated to it by invitation), or the subnets that contain a subnet or address, longest first.")
final class InfoCommand implements Callable<Integer> {
    @ParentCommand
    JtincMain parent;

    @Parameters(paramLabel = "NODE|SUBNET|ADDRESS")
    String what;

    @Option(names = "--json", description = "JSON instead of text.")
    boolean json;

    @Override
    public Integer call() {
        int rc = ControlClient.request(parent.controlSocket(), "info " + what + (json ? " json" : ""),
                System.out, System.err);
        if (rc == 0 && !json) {
            delegation().ifPresent(d -> System.out.println("Delegated:    " + d));
        }
        return rc;
    }

    /** The /64 and transfer address an invitation gave this node, when this is the hub that gave them. */
    private Optional<String> delegation() {
        try {
            return Delegations.forNode(parent.directory(), what)
                    .map(d -> d.subnet() + " (transfer address " + d.transferAddress() + ")");
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
