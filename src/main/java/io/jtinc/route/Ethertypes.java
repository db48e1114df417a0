package io.jtinc.route;

/** The ethertypes routing looks at. */
final class Ethertypes {
    static final int IPV4 = 0x0800;
    static final int ARP = 0x0806;
    static final int VLAN = 0x8100;
    static final int IPV6 = 0x86DD;

    private Ethertypes() {
    }
}
