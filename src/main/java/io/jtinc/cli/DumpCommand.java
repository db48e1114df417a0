package io.jtinc.cli;

import io.jtinc.invite.InvitationReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code jtinc -n NET dump invitations [--json]}, read from the files. The other dump kinds need the control
 * socket; when that lands, its dump command takes over and calls {@link InvitationReport} for this kind.
 */
@Command(name = "dump", description = "Show the net's state; here: 'invitations' (node, state, expiry, "
        + "assigned /64 and transfer address).")
final class DumpCommand implements Callable<Integer> {
    @ParentCommand
    JtincMain parent;

    @Parameters(paramLabel = "WHAT", description = "invitations")
    String what;

    @Option(names = "--json", description = "One JSON object per line.")
    boolean json;

    @Override
    public Integer call() {
        if (!what.equals("invitations")) {
            System.err.println("dump " + what + " needs the control socket, which this build does not have yet; "
                    + "try: dump invitations");
            return 1;
        }
        InvitationReport.lines(parent.directory(), System.currentTimeMillis(), json).forEach(System.out::println);
        return 0;
    }
}
