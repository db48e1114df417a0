package io.jtinc.control;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jtinc.log.Log;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code PrometheusAddress} (a jtinc extension): GET /metrics in Prometheus' text format, anything else 404 (405
 * for another method on /metrics). One daemon thread serves every scrape, off the event loop; the text is built on
 * the loop through {@link ControlTarget#onLoop}, which also bounds how long a scrape can hold the loop (a view of a
 * graph whose size is capped). Listen on a loopback or management address: the figures are not secret, but they
 * tell who is in the mesh.
 */
public final class PrometheusServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;

    private PrometheusServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Binds, without serving yet: an address in use fails here, before the daemon opens its device or runs
     * tinc-up, so a refused start changes nothing on the machine. Requests wait in the backlog until {@link #serve}.
     */
    public static PrometheusServer bind(InetSocketAddress address, ControlTarget target) throws IOException {
        HttpServer server = HttpServer.create(address, 8);
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "prometheus");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", exchange -> serve(exchange, target));
        return new PrometheusServer(server, executor);
    }

    /** Starts answering (the daemon is up). */
    public void serve() {
        server.start();
        Log.notice("Serving Prometheus metrics on http://" + hostPort(server.getAddress()) + "/metrics");
    }

    private static void serve(HttpExchange exchange, ControlTarget target) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals("/metrics")) {
                reply(exchange, 404, "not found; metrics are at /metrics\n");
                return;
            }
            if (!exchange.getRequestMethod().equals("GET")) {
                reply(exchange, 405, "only GET\n");
                return;
            }
            String body;
            try {
                body = target.onLoop(core -> core == null ? "" : PrometheusText.render(core));
            } catch (Exception e) {
                reply(exchange, 503, "the daemon did not answer: " + e + "\n");
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            reply(exchange, 200, body);
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String hostPort(InetSocketAddress a) {
        String host = a.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    /** The bound port. */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
