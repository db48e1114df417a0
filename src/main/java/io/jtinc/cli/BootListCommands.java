package io.jtinc.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code jtinc -n NET enable|disable}: whether the net starts at boot (nets.boot); the configuration stays. */
final class BootListCommands {
    private BootListCommands() {
    }

    @Command(name = "enable", description = "Start this net at boot: add it to nets.boot.")
    static final class Enable implements Callable<Integer> {
        @ParentCommand
        JtincMain parent;

        @Override
        public Integer call() throws IOException {
            String net = parent.requireNet();
            if (net == null) {
                return 1;
            }
            boolean added = NetsBoot.enable(parent.netsBoot(), net);
            System.out.println(net + (added ? " added to " : " already in ") + parent.netsBoot());
            return 0;
        }
    }

    @Command(name = "disable", description = "Do not start this net at boot: remove it from nets.boot. Its "
            + "configuration is kept; a running daemon is not stopped (jtinc -n NET stop does that).")
    static final class Disable implements Callable<Integer> {
        @ParentCommand
        JtincMain parent;

        @Override
        public Integer call() throws IOException {
            String net = parent.requireNet();
            if (net == null) {
                return 1;
            }
            boolean removed = NetsBoot.disable(parent.netsBoot(), net);
            System.out.println(net + (removed ? " removed from " : " was not in ") + parent.netsBoot());
            return 0;
        }
    }
}
