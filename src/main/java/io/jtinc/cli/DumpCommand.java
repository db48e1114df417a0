package io.jtinc.cli;

import io.jtinc.invite.InvitationReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code jtinc dump nodes|edges|subnets|connections|graph|traffic|invitations [--json]}. Invitations are read from the net
 * directory (no daemon needed); the rest comes from the running jtincd over its control socket.
 */
@Command(name = "dump", description = "Show the mesh as the running daemon sees it: nodes, edges, subnets, "
        + "connections, graph (Graphviz), traffic (per-node packets and bytes), or invitations (from the net "
        + "directory).")
final class DumpCommand implements Callable<Integer> {
    @ParentCommand
    JtincMain parent;

    @Parameters(paramLabel = "WHAT", description = "nodes, edges, subnets, connections, graph, traffic or invitations")
    String what;

    @Option(names = "--json", description = "One JSON object per line (graph: its nodes, then its edges, "
            + "each with a \"type\").")
    boolean json;

    @Override
    public Integer call() {
        switch (what) {
            case "invitations":
                InvitationReport.lines(parent.directory(), System.currentTimeMillis(), json).forEach(System.out::println);
                return 0;
            case "nodes", "edges", "subnets", "connections", "graph", "traffic":
                return ControlClient.request(parent.controlSocket(), "dump " + what + (json ? " json" : ""),
                        System.out, System.err);
            default:
                System.err.println("Unknown dump " + what + "; try nodes, edges, subnets, connections, graph, "
                        + "traffic or invitations");
                return 1;
        }
    }
}
