package io.jtinc.net;

import io.jtinc.config.HostAddress;
import io.jtinc.log.Log;
import io.netty.channel.EventLoop;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One ConnectTo: tries every Address of the peer's host file in order (re-read for each round, so an edited host
 * file takes effect), and after a failed round waits with tincd's linear back-off (spec §10). The first PONG
 * resets the back-off; when an established connection drops, the next round starts after the (reset) delay.
 * Loop-confined.
 */
public final class Outgoing {
    /** Where the peer can be reached: the host file's Address lines with its Port as the default. */
    public record Target(List<HostAddress> addresses, String defaultPort) {
    }

    private final String peer;
    private final EventLoop loop;
    private final OutgoingConnector connector;
    private final ReconnectBackoff backoff;
    private final int connectTimeoutMillis;
    private final Supplier<Target> target;
    private final Function<MetaLink, MetaSession> sessions;
    private List<HostAddress> round = List.of();
    private String defaultPort = "655";
    private int cursor;
    private ScheduledFuture<?> timer;
    private boolean attempting;
    private boolean cancelled;

    public Outgoing(String peer, EventLoop loop, OutgoingConnector connector, ReconnectBackoff backoff,
                    int connectTimeoutMillis, Supplier<Target> target, Function<MetaLink, MetaSession> sessions) {
        this.peer = peer;
        this.loop = loop;
        this.connector = connector;
        this.backoff = backoff;
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.target = target;
        this.sessions = sessions;
    }

    public String peer() {
        return peer;
    }

    /** Starts a new round from the first Address. */
    public void start() {
        if (cancelled || attempting) {
            return;
        }
        cancelTimer();
        Target t = target.get();
        round = t.addresses();
        defaultPort = t.defaultPort();
        cursor = 0;
        if (round.isEmpty()) {
            Log.error("No address known for " + peer + "; add Address = HOST to hosts/" + peer);
            scheduleRetry();
            return;
        }
        attemptNext();
    }

    private void attemptNext() {
        if (cancelled) {
            return;
        }
        if (cursor >= round.size()) {
            attempting = false;
            scheduleRetry();
            return;
        }
        attempting = true;
        HostAddress address = round.get(cursor++);
        int port;
        try {
            port = Ports.resolve(address.port().orElse(defaultPort));
        } catch (IllegalArgumentException e) {
            Log.error("Invalid port for " + peer + ": " + e.getMessage());
            attemptNext();
            return;
        }
        connector.connect(address.host(), port, connectTimeoutMillis, link -> {
            attempting = false;
            return sessions.apply(link);
        }, reason -> attemptNext());
    }

    private void scheduleRetry() {
        int delay = backoff.nextDelaySeconds();
        Log.notice("Trying to re-establish outgoing connection in " + delay + " seconds");
        timer = loop.schedule(this::start, delay, TimeUnit.SECONDS);
    }

    /** The first PONG on the connection: it works, so the next failure starts the back-off from scratch. */
    public void onPong() {
        backoff.reset();
    }

    /** The connection (established or still authenticating) ended: try again after the back-off. */
    public void onConnectionClosed() {
        if (!cancelled && !attempting && (timer == null || timer.isDone())) {
            scheduleRetry();
        }
    }

    /** SIGALRM / jtinc retry: skip the wait. */
    public void retryNow() {
        if (!attempting && timer != null && !timer.isDone()) {
            start();
        }
    }

    public void cancel() {
        cancelled = true;
        cancelTimer();
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
