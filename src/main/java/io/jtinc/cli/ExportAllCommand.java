package io.jtinc.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code jtinc -n NET export-all}: every host file of the net, each prefixed with its Name line. */
@Command(name = "export-all", description = "Print every host file in hosts/, each prefixed with "
        + "\"Name = NODE\" and separated by a line of dashes, for jtinc import.")
final class ExportAllCommand implements Callable<Integer> {
    @ParentCommand
    JtincMain parent;

    @Override
    public Integer call() {
        StringBuilder out = new StringBuilder();
        boolean ok = HostFileExchange.exportAll(parent.directory(), out, System.err);
        System.out.print(out);
        System.out.flush();
        return ok ? 0 : 1;
    }
}
