package io.jtinc.route;

/**
 * For ICMP "time exceeded", tincd answers from an address of the local machine: the source address the kernel
 * would pick towards the offending sender (route.c: a UDP socket connect() + getsockname()). That is I/O, so the
 * lead supplies it. Called at most ICMP-rate-limit times per second, from the routing thread.
 */
@FunctionalInterface
public interface LocalAddressSource {
    /** The local address (4 or 16 bytes, same family) to answer {@code destination} from, or null to use the original destination. */
    byte[] sourceFor(byte[] destination);

    LocalAddressSource NONE = d -> null;
}
