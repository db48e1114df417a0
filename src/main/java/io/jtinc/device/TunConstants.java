package io.jtinc.device;

/**
 * The kernel's TUN/TAP ABI from {@code <linux/if_tun.h>} and {@code <net/if.h>}. Kept in one place so that
 * TunConstantsTest can compare every value with what gcc sees (native-tun/check_constants.c).
 */
final class TunConstants {
    /**
     * _IOW('T', 202, int): direction bit 0x40000000 | size 4 << 16 | 'T' << 8 | 202. Valid where the generic
     * ioctl encoding is used (x86, arm, arm64, riscv); MIPS, PowerPC, SPARC and alpha put the write direction in
     * a different bit (0x80000000), so there the number is 0x800454ca.
     */
    static final long TUNSETIFF = 0x400454caL;

    static final short IFF_TUN = 0x0001;
    static final short IFF_TAP = 0x0002;
    static final short IFF_NO_PI = 0x1000;
    static final short IFF_ONE_QUEUE = 0x2000;
    /** Every read and write starts with a struct virtio_net_hdr (see OffloadSegmenter). */
    static final short IFF_VNET_HDR = 0x4000;

    /** _IOW('T', 208, unsigned int), encoded as TUNSETIFF is. */
    static final long TUNSETOFFLOAD = 0x400454d0L;
    static final int TUN_F_CSUM = 0x01;
    static final int TUN_F_TSO4 = 0x02;
    static final int TUN_F_TSO6 = 0x04;

    /** IFNAMSIZ: the name field's size, including the terminating NUL. */
    static final int IFNAMSIZ = 16;
    /** Offset of ifr_flags in struct ifreq (right after the name). */
    static final int IFR_FLAGS_OFFSET = 16;
    /** sizeof(struct ifreq) is 40 on LP64 and 32 on ILP32; we always allocate the larger, zeroed. */
    static final int IFREQ_SIZE = 40;

    private TunConstants() {
    }

    /** The flags tincd passes to TUNSETIFF for this kind (spec §13). */
    static short flags(DeviceKind kind, boolean iffOneQueue) {
        int f = switch (kind) {
            // TUN keeps the packet-information header: its protocol becomes the ethertype (spec §5.9).
            case TUN -> IFF_TUN;
            case TAP -> IFF_TAP | IFF_NO_PI;
            case DUMMY -> throw new IllegalArgumentException("the dummy device has no kernel interface");
        };
        if (iffOneQueue) {
            f |= IFF_ONE_QUEUE;
        }
        return (short) f;
    }
}
