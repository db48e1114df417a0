package io.jtinc.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code jtinc -n NET exchange-all [--force]}: export-all, then import (tinc 1.1's command). */
@Command(name = "exchange-all", description = "Print every host file (as export-all does), then import host "
        + "files from standard input (as import does).")
final class ExchangeAllCommand implements Callable<Integer> {
    @ParentCommand
    JtincMain parent;

    @Option(names = "--force", description = "Overwrite existing host files.")
    boolean force;

    @Override
    public Integer call() {
        ExportAllCommand export = new ExportAllCommand();
        export.parent = parent;
        return ImportCommand.afterExport(export.call(), parent, force);
    }
}
