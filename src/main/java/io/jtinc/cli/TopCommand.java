package io.jtinc.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code jtinc -n NET top}: per-node traffic of the running daemon, refreshed in place (tinc 1.1's top, without
 * its key bindings). Polls {@code dump traffic} over the control socket every --delay seconds.
 */
@Command(name = "top", description = "Show per-node traffic (packets and bytes per second in and out), busiest "
        + "first, refreshed every --delay seconds until interrupted.")
final class TopCommand implements Callable<Integer> {
    private static final String CLEAR_AND_HOME = "\033[H\033[2J";

    @ParentCommand
    JtincMain parent;

    @Option(names = "--delay", paramLabel = "SECONDS", defaultValue = "1",
            description = "Seconds between refreshes (default: ${DEFAULT-VALUE}).")
    double delay;

    @Option(names = "--batch", description = "Print each refresh after the previous one instead of redrawing the "
            + "screen (for logs and pipes, as top -b).")
    boolean batch;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "0",
            description = "Stop after N refreshes (default: 0, never).")
    int iterations;

    @Override
    public Integer call() throws InterruptedException {
        if (delay < 0.1 || delay > 3600) {
            System.err.println("--delay must be between 0.1 and 3600 seconds");
            return 1;
        }
        boolean redraw = !batch && System.console() != null;
        Map<String, TopTable.Sample> before = poll();
        if (before == null) {
            return 1;
        }
        long then = System.nanoTime();
        for (int i = 0; iterations == 0 || i < iterations; i++) {
            Thread.sleep((long) (delay * 1000));
            Map<String, TopTable.Sample> now = poll();
            if (now == null) {
                return 1;
            }
            long t = System.nanoTime();
            List<String> table = TopTable.render(TopTable.rows(before, now, (t - then) / 1e9));
            StringBuilder sb = new StringBuilder(redraw ? CLEAR_AND_HOME : (i > 0 ? "\n" : ""));
            table.forEach(line -> sb.append(line).append('\n'));
            System.out.print(sb);
            System.out.flush();
            before = now;
            then = t;
        }
        return 0;
    }

    /** One dump traffic; null (after the client printed why) when the daemon cannot be asked. */
    private Map<String, TopTable.Sample> poll() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        if (ControlClient.request(parent.controlSocket(), "dump traffic", out, System.err) != 0) {
            return null;
        }
        return TopTable.parse(buf.toString(StandardCharsets.UTF_8).lines().toList());
    }
}
