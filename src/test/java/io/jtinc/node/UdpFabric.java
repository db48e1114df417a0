package io.jtinc.node;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiPredicate;
import java.util.function.IntConsumer;
import java.util.function.UnaryOperator;

/**
 * An in-memory UDP network for node cores on a {@link SimLoop}: each core gets an {@link Outputs} bound to its
 * address; a datagram is copied and delivered, as a later loop task, to the core registered at the destination
 * with the sender's address as source. Tests can drop (seeded, or by a firewall rule), hold back for reordering,
 * tamper with, and replay datagrams. The device side collects every frame written, per node.
 */
final class UdpFabric {
    /** One datagram that crossed the fabric (after tampering, before loss). */
    record Datagram(InetSocketAddress from, InetSocketAddress to, byte[] bytes) {
    }

    private final SimLoop loop;
    private final Map<InetSocketAddress, NodeCore> cores = new HashMap<>();
    private final List<Datagram> carried = new ArrayList<>();
    private final SplittableRandom random = new SplittableRandom(42);
    private double lossRate;
    private long latencyMillis;
    private boolean reorder;
    private Runnable heldBack;
    private UnaryOperator<byte[]> tamperNext;
    private BiPredicate<InetSocketAddress, InetSocketAddress> firewall = (from, to) -> false;
    int lost;
    int filtered;
    /**
     * Benchmark mode (NodeDataPathBenchmark): datagrams are copied into {@link #lastDatagram} instead of being
     * scheduled, and device writes are only counted, so the fabric itself allocates nothing per packet.
     */
    boolean captureOnly;
    final ByteBuffer lastDatagram = ByteBuffer.allocateDirect(2048);
    long deviceWrites;

    UdpFabric(SimLoop loop) {
        this.loop = loop;
    }

    /** Writes to the device are appended to {@code deviceFrames}; UDP leaves from {@code address}. */
    Outputs outputsFor(InetSocketAddress address, List<byte[]> deviceFrames) {
        return new Outputs() {
            @Override
            public void writeDevice(ByteBuffer frame) {
                if (captureOnly) {
                    deviceWrites++;
                    return;
                }
                byte[] copy = new byte[frame.remaining()];
                frame.duplicate().get(copy);
                deviceFrames.add(copy);
            }

            @Override
            public void sendUdp(ByteBuffer datagram, InetSocketAddress to, IntConsumer onTooBig) {
                if (captureOnly) {
                    lastDatagram.clear();
                    lastDatagram.put(lastDatagram.position(), datagram, datagram.position(), datagram.remaining());
                    lastDatagram.limit(datagram.remaining());
                    return;
                }
                byte[] copy = new byte[datagram.remaining()];
                datagram.duplicate().get(copy);
                transmit(address, to, copy);
            }
        };
    }

    void register(InetSocketAddress address, NodeCore core) {
        cores.put(address, core);
    }

    private void transmit(InetSocketAddress from, InetSocketAddress to, byte[] bytes) {
        if (tamperNext != null) {
            bytes = tamperNext.apply(bytes);
            tamperNext = null;
        }
        carried.add(new Datagram(from, to, bytes));
        if (firewall.test(from, to)) {
            filtered++;
            return;
        }
        if (lossRate > 0 && random.nextDouble() < lossRate) {
            lost++;
            return;
        }
        byte[] b = bytes;
        Runnable delivery = () -> deliver(from, to, b);
        if (reorder && heldBack == null && random.nextInt(4) == 0) {
            // Held until the next datagram has been delivered: a swap of two neighbours.
            heldBack = delivery;
            return;
        }
        loop.schedule(latencyMillis, delivery);
        if (heldBack != null) {
            loop.schedule(latencyMillis, heldBack);
            heldBack = null;
        }
    }

    private void deliver(InetSocketAddress from, InetSocketAddress to, byte[] bytes) {
        NodeCore core = cores.get(to);
        if (core != null) {
            core.onDatagram(ByteBuffer.wrap(bytes.clone()), from);
        }
    }

    /** Delivers a copy of an earlier datagram again, as an attacker on the path would. */
    void replay(Datagram d) {
        loop.execute(() -> deliver(d.from(), d.to(), d.bytes()));
    }

    void tamperWithNext(UnaryOperator<byte[]> change) {
        this.tamperNext = change;
    }

    /** Datagrams from → to for which {@code drop} says true are dropped (a firewall or a NAT; stateful is fine). */
    void setFirewall(BiPredicate<InetSocketAddress, InetSocketAddress> drop) {
        this.firewall = drop;
    }

    void setLatency(long millis) {
        this.latencyMillis = millis;
    }

    void setLossRate(double rate) {
        this.lossRate = rate;
    }

    void setReorder(boolean on) {
        this.reorder = on;
        if (!on && heldBack != null) {
            loop.execute(heldBack);
            heldBack = null;
        }
    }

    List<Datagram> carried() {
        return carried;
    }

    long count(InetSocketAddress from, InetSocketAddress to) {
        return carried.stream().filter(d -> d.from().equals(from) && d.to().equals(to)).count();
    }
}
