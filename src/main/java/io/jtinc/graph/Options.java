package io.jtinc.graph;

/** The option bits carried in ACK and ADD_EDGE (connection.h), as far as the graph cares. */
public final class Options {
    public static final int INDIRECT = 0x1;
    public static final int TCPONLY = 0x2;
    public static final int PMTU_DISCOVERY = 0x4;
    public static final int CLAMP_MSS = 0x8;

    private Options() {
    }
}
