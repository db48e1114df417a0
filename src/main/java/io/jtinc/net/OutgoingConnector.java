package io.jtinc.net;

import io.jtinc.log.Log;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One outgoing attempt to one Address line: the name is resolved off the event loop (DNS can block for seconds,
 * and the loop also carries everyone's packets), then every resolved address is tried in turn with a connect
 * timeout of PingTimeout, as tincd's do_outgoing_connection does. The result comes back on the loop.
 */
public final class OutgoingConnector {
    private final Transport transport;
    private final EventLoop loop;
    private final Executor resolver;
    private final Tarpit tarpit;

    public OutgoingConnector(Transport transport, EventLoop loop, Executor resolver, Tarpit tarpit) {
        this.transport = transport;
        this.loop = loop;
        this.resolver = resolver;
        this.tarpit = tarpit;
    }

    /**
     * Connects to host:port. On success the session from {@code onConnected} takes the connection; otherwise
     * {@code onFailed} gets a reason after every address was tried. Both run on the loop.
     */
    public void connect(String host, int port, int timeoutMillis, Function<MetaLink, MetaSession> onConnected,
                        Consumer<String> onFailed) {
        resolver.execute(() -> {
            InetAddress[] resolved;
            try {
                resolved = InetAddress.getAllByName(host);
            } catch (Exception e) {
                loop.execute(() -> onFailed.accept("Error looking up " + host + " port " + port + ": "
                        + e.getMessage()));
                return;
            }
            Deque<InetAddress> queue = new ArrayDeque<>(Arrays.asList(resolved));
            loop.execute(() -> tryNext(queue, port, timeoutMillis, onConnected, onFailed, "no addresses"));
        });
    }

    /**
     * The text of a failed connect. Netty's epoll transport raises ENETUNREACH (the local link is down: a Pi whose
     * uplink went away) as a NoRouteToHostException without a message, which its address annotation turns into
     * "null: /ADDR"; the log says what strerror says instead. Other message-less errors are named by their type.
     */
    static String reason(Throwable cause) {
        String message = cause.getMessage();
        if (message != null && !message.isEmpty() && !message.startsWith("null")) {
            return message;
        }
        return cause instanceof NoRouteToHostException ? "Network is unreachable" : cause.getClass().getSimpleName();
    }

    private void tryNext(Deque<InetAddress> queue, int port, int timeoutMillis,
                         Function<MetaLink, MetaSession> onConnected, Consumer<String> onFailed, String lastError) {
        InetAddress address = queue.pollFirst();
        if (address == null) {
            onFailed.accept(lastError);
            return;
        }
        InetSocketAddress target = new InetSocketAddress(address, port);
        Log.info(Log.CONNECTIONS, "Trying to connect to " + Addresses.format(address) + " port " + port);
        Bootstrap b = new Bootstrap().group(loop).channel(transport.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, timeoutMillis)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        // The session is attached once connect() succeeds (below).
                    }
                });
        ChannelFuture f = b.connect(target);
        f.addListener(done -> {
            if (done.isSuccess()) {
                MetaLink link = new NettyMetaLink(f.channel(), true, tarpit);
                f.channel().pipeline().addLast(new MetaChannelHandler(onConnected.apply(link)));
            } else {
                String error = "Could not connect to " + Addresses.format(address) + " port " + port + ": "
                        + reason(done.cause());
                Log.info(Log.CONNECTIONS, error);
                tryNext(queue, port, timeoutMillis, onConnected, onFailed, error);
            }
        });
    }
}
