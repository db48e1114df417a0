package io.jtinc.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code jtinc -n NET import [--force]}: host files from jtinc export (or tinc 1.1's) on standard input. */
@Command(name = "import", description = "Read host files in export format from standard input and write each "
        + "as hosts/NODE. A name must be [A-Za-z0-9_] and the file must hold a public key; existing files are "
        + "kept unless --force is given. Input is limited to 1 MiB.")
final class ImportCommand implements Callable<Integer> {
    @ParentCommand
    JtincMain parent;

    @Option(names = "--force", description = "Overwrite existing host files.")
    boolean force;

    @Override
    public Integer call() {
        return run(parent, force);
    }

    /** exchange and exchange-all: the import half, run only when the export half succeeded. */
    static int afterExport(int exportStatus, JtincMain parent, boolean force) {
        return exportStatus != 0 ? exportStatus : run(parent, force);
    }

    static int run(JtincMain parent, boolean force) {
        try {
            return HostFileExchange.importFrom(parent.directory(), System.in, force, System.err).exitStatus();
        } catch (IOException e) {
            System.err.println("Could not import: " + e.getMessage());
            return 1;
        }
    }
}
