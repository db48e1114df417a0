package io.jtinc.cli;

import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code jtinc -n NET export}: this node's host file, prefixed with "Name = NODE" (tinc 1.1's format). */
@Command(name = "export", description = "Print this node's host file, prefixed with \"Name = NODE\", for "
        + "jtinc import (or tinc 1.1's) on another node.")
final class ExportCommand implements Callable<Integer> {
    @ParentCommand
    JtincMain parent;

    @Override
    public Integer call() {
        Optional<String> name = HostFileExchange.ownName(parent.directory(), System.err);
        if (name.isEmpty()) {
            return 1;
        }
        StringBuilder out = new StringBuilder();
        boolean ok = HostFileExchange.exportOne(parent.directory(), name.get(), out, System.err);
        System.out.print(out);
        System.out.flush();
        return ok ? 0 : 1;
    }
}
