package io.jtinc.route;

import java.nio.ByteBuffer;

/** Test-side frame builders and an independent checksum verifier (deliberately not using Checksums). */
final class Packets {
    static final byte[] MAC_A = {2, 0, 0, 0, 0, 0x0a};
    static final byte[] MAC_B = {2, 0, 0, 0, 0, 0x0b};
    static final byte[] ZERO_MAC = new byte[6];

    private Packets() {
    }

    static byte[] ip4(String dotted) {
        String[] p = dotted.split("\\.");
        byte[] a = new byte[4];
        for (int i = 0; i < 4; i++) {
            a[i] = (byte) Integer.parseInt(p[i]);
        }
        return a;
    }

    static byte[] ip6(String s) {
        try {
            return java.net.InetAddress.getByName(s).getAddress();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static byte[] eth(byte[] dst, byte[] src, int type, byte[] payload) {
        byte[] f = new byte[14 + payload.length];
        System.arraycopy(dst, 0, f, 0, 6);
        System.arraycopy(src, 0, f, 6, 6);
        f[12] = (byte) (type >> 8);
        f[13] = (byte) type;
        System.arraycopy(payload, 0, f, 14, payload.length);
        return f;
    }

    /** 802.1Q: dst, src, 0x8100, TCI, inner type, payload. */
    static byte[] vlan(byte[] dst, byte[] src, int vid, int type, byte[] payload) {
        byte[] inner = new byte[4 + payload.length];
        inner[0] = (byte) (vid >> 8);
        inner[1] = (byte) vid;
        inner[2] = (byte) (type >> 8);
        inner[3] = (byte) type;
        System.arraycopy(payload, 0, inner, 4, payload.length);
        return eth(dst, src, 0x8100, inner);
    }

    /** An IPv4 packet with a valid header checksum. */
    static byte[] ipv4(byte[] src, byte[] dst, int proto, int ttl, boolean df, byte[] payload) {
        byte[] p = new byte[20 + payload.length];
        p[0] = 0x45;
        p[2] = (byte) (p.length >> 8);
        p[3] = (byte) p.length;
        p[4] = 0x12;
        p[5] = 0x34;
        p[6] = (byte) (df ? 0x40 : 0);
        p[8] = (byte) ttl;
        p[9] = (byte) proto;
        System.arraycopy(src, 0, p, 12, 4);
        System.arraycopy(dst, 0, p, 16, 4);
        System.arraycopy(payload, 0, p, 20, payload.length);
        int c = checksum(p, 0, 20, 0);
        p[10] = (byte) (c >> 8);
        p[11] = (byte) c;
        return p;
    }

    static byte[] ipv6(byte[] src, byte[] dst, int next, int hops, byte[] payload) {
        byte[] p = new byte[40 + payload.length];
        p[0] = 0x60;
        p[4] = (byte) (payload.length >> 8);
        p[5] = (byte) payload.length;
        p[6] = (byte) next;
        p[7] = (byte) hops;
        System.arraycopy(src, 0, p, 8, 16);
        System.arraycopy(dst, 0, p, 24, 16);
        System.arraycopy(payload, 0, p, 40, payload.length);
        return p;
    }

    /** Sets the upper-layer checksum at {@code csumOffset} within the IPv4/IPv6 packet's payload. */
    static byte[] withL4Checksum(byte[] ipPacket, int csumOffset) {
        int hl = (ipPacket[0] >> 4) == 4 ? (ipPacket[0] & 0xf) * 4 : 40;
        ipPacket[hl + csumOffset] = 0;
        ipPacket[hl + csumOffset + 1] = 0;
        int c = ~l4Sum(ipPacket) & 0xffff;
        ipPacket[hl + csumOffset] = (byte) (c >> 8);
        ipPacket[hl + csumOffset + 1] = (byte) c;
        return ipPacket;
    }

    /** A TCP SYN segment (checksum 0; fill with withL4Checksum(…, 16)) with an MSS option after {@code leading} NOPs. */
    static byte[] tcpSyn(int mss, int leadingNops) {
        int opts = (leadingNops + 4 + 3) & ~3;
        byte[] t = new byte[20 + opts + 3]; // plus 3 payload bytes so the length is odd
        t[0] = 0x30;
        t[1] = 0x39;
        t[2] = 0x00;
        t[3] = 0x50;
        t[12] = (byte) (((20 + opts) / 4) << 4);
        t[13] = 0x02;
        int i = 20;
        for (int n = 0; n < leadingNops; n++) {
            t[i++] = 1;
        }
        t[i++] = 2;
        t[i++] = 4;
        t[i++] = (byte) (mss >> 8);
        t[i++] = (byte) mss;
        while (i < 20 + opts) {
            t[i++] = 0; // end of option list
        }
        t[t.length - 1] = 0x5a;
        return t;
    }

    static byte[] arpRequest(byte[] senderMac, byte[] senderIp, byte[] targetIp) {
        byte[] a = new byte[28];
        a[1] = 1;
        a[2] = 0x08;
        a[4] = 6;
        a[5] = 4;
        a[7] = 1;
        System.arraycopy(senderMac, 0, a, 8, 6);
        System.arraycopy(senderIp, 0, a, 14, 4);
        System.arraycopy(targetIp, 0, a, 24, 4);
        return eth(new byte[] {-1, -1, -1, -1, -1, -1}, senderMac, 0x0806, a);
    }

    /** A Neighbor Solicitation with a source link-layer address option and a valid checksum. */
    static byte[] neighborSolicitation(byte[] srcMac, byte[] srcIp, byte[] target, boolean withOption) {
        byte[] ns = new byte[withOption ? 32 : 24];
        ns[0] = (byte) 135;
        System.arraycopy(target, 0, ns, 8, 16);
        if (withOption) {
            ns[24] = 1;
            ns[25] = 1;
            System.arraycopy(srcMac, 0, ns, 26, 6);
        }
        byte[] solicited = ip6("ff02::1:ff00:0");
        System.arraycopy(target, 13, solicited, 13, 3);
        byte[] ip = withL4Checksum(ipv6(srcIp, solicited, 58, 255, ns), 2);
        byte[] mcastMac = {0x33, 0x33, (byte) 0xff, target[13], target[14], target[15]};
        return eth(mcastMac, srcMac, 0x86dd, ip);
    }

    // ---- independent verification ----

    static int checksum(byte[] d, int off, int len, long start) {
        long s = start;
        for (int i = 0; i < len; i += 2) {
            int hi = d[off + i] & 0xff;
            int lo = i + 1 < len ? d[off + i + 1] & 0xff : 0;
            s += (hi << 8) | lo;
        }
        while (s > 0xffff) {
            s = (s & 0xffff) + (s >> 16);
        }
        return (int) (~s & 0xffff);
    }

    /** Sum of the pseudo header and the upper-layer data of an IP packet (as the IP header says). */
    static int l4Sum(byte[] p) {
        long s = 0;
        int hl;
        int l4len;
        int proto;
        if ((p[0] >> 4) == 4) {
            hl = (p[0] & 0xf) * 4;
            l4len = (((p[2] & 0xff) << 8) | (p[3] & 0xff)) - hl;
            proto = p[9] & 0xff;
            s += word(p, 12) + word(p, 14) + word(p, 16) + word(p, 18);
        } else {
            hl = 40;
            l4len = ((p[4] & 0xff) << 8) | (p[5] & 0xff);
            proto = p[6] & 0xff;
            for (int i = 8; i < 40; i += 2) {
                s += word(p, i);
            }
        }
        s += proto + l4len;
        return ~checksum(p, hl, l4len, s) & 0xffff;
    }

    private static int word(byte[] p, int i) {
        return ((p[i] & 0xff) << 8) | (p[i + 1] & 0xff);
    }

    /** True when the IPv4 header checksum (if IPv4) and the ICMP/ICMPv6/TCP checksum verify. */
    static boolean ipPacketValid(byte[] p) {
        if ((p[0] >> 4) == 4) {
            int hl = (p[0] & 0xf) * 4;
            if (checksum(p, 0, hl, 0) != 0) {
                return false;
            }
            int proto = p[9] & 0xff;
            int total = word(p, 2);
            if (total != p.length) {
                return false;
            }
            if (proto == 1) {
                return checksum(p, hl, total - hl, 0) == 0;
            }
            return proto != 6 || l4Sum(p) == 0xffff;
        }
        if (40 + word(p, 4) != p.length) {
            return false;
        }
        return l4Sum(p) == 0xffff;
    }

    /** The IP packet inside an Ethernet frame (skipping an 802.1Q tag). */
    static byte[] ipOf(ByteBuffer frame) {
        byte[] all = bytes(frame);
        int eth = (((all[12] & 0xff) << 8) | (all[13] & 0xff)) == 0x8100 ? 18 : 14;
        return java.util.Arrays.copyOfRange(all, eth, all.length);
    }

    static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }
}
