package io.jtinc.net;

import io.netty.channel.Channel;
import java.util.ArrayDeque;

/**
 * Where failed or excess connections go instead of being closed (1.0.35+, spec §2.3): the socket stays open and
 * silent, so an attacker probing for an authentication oracle learns nothing and wastes its own resources. A ring
 * of ten: parking an eleventh closes the oldest. Loop-confined.
 */
public final class Tarpit {
    static final int SLOTS = 10;

    private final ArrayDeque<Channel> parked = new ArrayDeque<>(SLOTS);
    private long parkedTotal;

    public void park(Channel channel) {
        // Stop reading: whatever the peer sends now costs us nothing.
        channel.config().setAutoRead(false);
        parkedTotal++;
        if (parked.size() == SLOTS) {
            parked.removeFirst().close();
        }
        parked.addLast(channel);
        channel.closeFuture().addListener(f -> parked.remove(channel));
    }

    public int size() {
        return parked.size();
    }

    public long parkedTotal() {
        return parkedTotal;
    }

    public void closeAll() {
        while (!parked.isEmpty()) {
            parked.removeFirst().close();
        }
    }
}
