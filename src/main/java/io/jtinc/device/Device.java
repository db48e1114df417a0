package io.jtinc.device;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A virtual network device carrying Ethernet frames. TUN devices convert, as tincd does (spec §5.9/§13): a read
 * packet gets a 14-byte Ethernet header with zero MACs and the packet-information protocol as ethertype, and a
 * written frame's ethertype goes back into the packet-information header.
 *
 * <p>Buffers follow channel conventions: {@link #read} stores the frame at {@code dst.position()} and advances
 * the position by its length; {@link #write} consumes {@code position..limit}. Not thread-safe unless stated;
 * one reader at a time.
 */
public interface Device extends AutoCloseable {
    /** tincd's MTU: the largest frame it reads or writes (1500 + Ethernet header + VLAN tag). */
    int MAX_FRAME = 1518;

    DeviceKind kind();

    /** The real name the kernel gave the interface (exported to scripts as INTERFACE). */
    String interfaceName();

    /** The clone device's path (exported to scripts as DEVICE). */
    String devicePath();

    /**
     * Reads one frame into dst (position..limit). Returns its length, 0 if none is ready (never blocks), -1 once
     * the device is closed. A frame longer than dst's remaining space is dropped (and the next one is tried),
     * so 0 always means "drained".
     */
    int read(ByteBuffer dst) throws IOException;

    /** Writes one Ethernet frame (position..limit). */
    void write(ByteBuffer frame) throws IOException;

    /**
     * Frames written from now until the matching {@link #endBatch()} may be held back and merged (a TAP with
     * offloads writes consecutive TCP segments as one super-frame); nests. Writes outside a batch go out at once.
     */
    default void beginBatch() {
    }

    /** Ends a batch: the outermost end writes whatever is held back. */
    default void endBatch() {
    }

    /** Idempotent. The kernel removes a non-persistent TUN/TAP interface when its last fd closes. */
    @Override
    void close();
}
