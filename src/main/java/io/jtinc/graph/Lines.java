package io.jtinc.graph;

import io.jtinc.config.SubnetSpec;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntSupplier;

/**
 * The flooded requests exactly as tincd 1.0.36 prints them (protocol_edge.c, protocol_subnet.c, protocol_key.c),
 * without the trailing {@code \n} (the transport appends it). The nonce is C's {@code rand()} printed with
 * {@code %x}: lowercase hex, no leading zeros, 0..2^31-1. It only keeps two announcements made at different times
 * apart in the duplicate caches, so it needs no cryptographic quality.
 */
public final class Lines {
    public static final int ADD_SUBNET = 10;
    public static final int DEL_SUBNET = 11;
    public static final int ADD_EDGE = 12;
    public static final int DEL_EDGE = 13;
    public static final int KEY_CHANGED = 14;

    private final IntSupplier nonces;

    /** @param nonces source of nonces; only the low 31 bits are used, like glibc's RAND_MAX */
    public Lines(IntSupplier nonces) {
        this.nonces = nonces;
    }

    public static Lines withRandomNonces() {
        return new Lines(() -> ThreadLocalRandom.current().nextInt());
    }

    private String nonce() {
        return Integer.toHexString(nonces.getAsInt() & 0x7fffffff);
    }

    /** {@code 10 <nonce> <owner> <net2str>}, e.g. {@code 10 6910c762 alpha fd00:10:0:0:0:0:0:1/128#10}. */
    public String addSubnet(String owner, SubnetSpec subnet) {
        return ADD_SUBNET + " " + nonce() + " " + owner + " " + subnet.canonical();
    }

    /** {@code 11 <nonce> <owner> <net2str>}. */
    public String delSubnet(String owner, SubnetSpec subnet) {
        return DEL_SUBNET + " " + nonce() + " " + owner + " " + subnet.canonical();
    }

    /**
     * {@code 12 <nonce> <from> <to> <address> <port> <options %x> <weight %d>}: options BEFORE weight, unlike
     * doc/PROTOCOL (spec §2.2), e.g. {@code 12 2b140a67 alpha beta 10.99.0.2 655 c 4}.
     */
    public String addEdge(String from, String to, EdgeAddress address, int options, int weight) {
        return ADD_EDGE + " " + nonce() + " " + from + " " + to + " " + address.wireAddress() + " "
                + address.wirePort() + " " + Integer.toHexString(options) + " " + weight;
    }

    /** {@code 13 <nonce> <from> <to>}. */
    public String delEdge(String from, String to) {
        return DEL_EDGE + " " + nonce() + " " + from + " " + to;
    }

    /** {@code 14 <nonce> <origin>}. */
    public String keyChanged(String origin) {
        return KEY_CHANGED + " " + nonce() + " " + origin;
    }

    String addEdge(Edge e) {
        return addEdge(e.from.name, e.to.name, e.address, e.options, e.weight);
    }

    String delEdge(Edge e) {
        return delEdge(e.from.name, e.to.name);
    }
}
