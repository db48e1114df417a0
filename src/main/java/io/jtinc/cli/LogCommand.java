package io.jtinc.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code jtinc log [LEVEL]}: the daemon's log, live, at debug LEVEL (default: the daemon's own), until Ctrl-C. */
@Command(name = "log", description = "Stream the running daemon's log at debug LEVEL (0-5; default: the daemon's "
        + "level) until interrupted. The log file keeps the daemon's own level.")
final class LogCommand implements Callable<Integer> {
    @ParentCommand
    JtincMain parent;

    @Parameters(arity = "0..1", paramLabel = "LEVEL")
    Integer level;

    @Override
    public Integer call() {
        return ControlClient.request(parent.controlSocket(), "log" + (level == null ? "" : " " + level),
                System.out, System.err);
    }
}
