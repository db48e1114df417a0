package io.jtinc.control;

import io.jtinc.log.Log;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The control socket's requests, one line each: {@code dump nodes|edges|subnets|connections|graph|traffic [json]},
 * {@code info NAME [json]}, {@code reload}, {@code retry}, {@code stop}, {@code pid}, {@code log [LEVEL]}.
 */
final class ControlRequests {
    private final ControlTarget target;
    private final LogTap tap;
    private final AtomicLong bad = new AtomicLong();

    ControlRequests(ControlTarget target, LogTap tap) {
        this.target = target;
        this.tap = tap;
    }

    void handle(String line, OutputStream out) throws IOException {
        String[] w = line.split("\\s+");
        boolean json = w.length > 1 && w[w.length - 1].equals("json");
        try {
            switch (w[0]) {
                case "dump" -> {
                    if (w.length < 2) {
                        throw new IllegalArgumentException("dump what? nodes, edges, subnets, connections or graph");
                    }
                    String kind = w[1];
                    List<String> body = target.onLoop(core -> {
                        if (core == null) {
                            return null;
                        }
                        return switch (kind) {
                            case "nodes" -> MeshViews.nodes(core, json);
                            case "edges" -> MeshViews.edges(core, json);
                            case "subnets" -> MeshViews.subnets(core, json);
                            case "connections" -> MeshViews.connections(core, json);
                            case "graph" -> MeshViews.graph(core, json);
                            case "traffic" -> MeshViews.traffic(core, json);
                            default -> throw new IllegalArgumentException("unknown dump " + kind
                                    + "; try nodes, edges, subnets, connections, graph or traffic");
                        };
                    });
                    ok(out, body);
                }
                case "info" -> {
                    if (w.length < 2) {
                        throw new IllegalArgumentException("info what? a node name, a subnet or an address");
                    }
                    List<String> body = target.onLoop(core -> core == null ? null : MeshViews.info(core, w[1], json));
                    if (body == null) {
                        throw new IllegalArgumentException("no node, subnet or address matches " + w[1]);
                    }
                    ok(out, body);
                }
                case "reload" -> {
                    target.reload();
                    ok(out, List.of());
                }
                case "retry" -> {
                    target.retry();
                    ok(out, List.of());
                }
                case "stop" -> {
                    ok(out, List.of());
                    target.stop();
                }
                case "pid" -> ok(out, List.of(Long.toString(ProcessHandle.current().pid())));
                case "log" -> stream(out, w.length > 1 ? Integer.parseInt(w[1]) : Log.level());
                default -> throw new IllegalArgumentException("unknown request " + w[0]);
            }
        } catch (IllegalArgumentException e) {
            bad.incrementAndGet();
            ControlServer.write(out, List.of("ERROR " + e.getMessage()));
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            ControlServer.write(out, List.of("ERROR " + e));
        }
    }

    private static void ok(OutputStream out, List<String> body) throws IOException {
        if (body == null) {
            ControlServer.write(out, List.of("ERROR the mesh is not up yet"));
            return;
        }
        ControlServer.write(out, List.of("OK"));
        ControlServer.write(out, body);
    }

    /** {@code log LEVEL}: lines as they are logged, until the client closes (a failed write ends it). */
    private void stream(OutputStream out, int level) throws IOException {
        LogTap.Subscriber s = tap.subscribe(Math.max(0, Math.min(level, Log.SCARY_THINGS)));
        try {
            ControlServer.write(out, List.of("OK"));
            long reported = 0;
            while (true) {
                String line = s.lines.poll(1, TimeUnit.SECONDS);
                long dropped = s.dropped.get();
                if (dropped > reported) {
                    out.write(("(" + (dropped - reported) + " lines dropped: the client was too slow)\n")
                            .getBytes(StandardCharsets.UTF_8));
                    reported = dropped;
                }
                if (line != null) {
                    out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                }
                out.flush(); // also how a closed client is noticed, once a second at the latest
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            tap.unsubscribe(s);
        }
    }

    long badRequests() {
        return bad.get();
    }
}
