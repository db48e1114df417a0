package io.jtinc.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code jtinc -n NET exchange [--force]}: export, then import, as tinc 1.1's command. The export is written
 * and flushed before standard input is read, so two nodes swap host files in one pipeline:
 * {@code jtinc -n NET export | ssh pi jtinc -n NET exchange | jtinc -n NET import}.
 */
@Command(name = "exchange", description = "Print this node's host file (as export does), then import host files "
        + "from standard input (as import does). Swap with a node over ssh: "
        + "jtinc -n NET export | ssh pi jtinc -n NET exchange | jtinc -n NET import")
final class ExchangeCommand implements Callable<Integer> {
    @ParentCommand
    JtincMain parent;

    @Option(names = "--force", description = "Overwrite existing host files.")
    boolean force;

    @Override
    public Integer call() {
        ExportCommand export = new ExportCommand();
        export.parent = parent;
        return ImportCommand.afterExport(export.call(), parent, force);
    }
}
