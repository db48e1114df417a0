package io.jtinc.route;

import io.jtinc.config.Broadcast;
import io.jtinc.config.Forwarding;
import io.jtinc.log.Log;
import io.jtinc.log.Priority;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;

/**
 * Per-frame routing decisions (route.c, spec §8): router mode by IP subnet with ICMP errors and ARP/NDP proxy,
 * switch mode by MAC subnet, hub mode broadcasting everything. Sans-IO: returns a {@link RouteDecision}; the lead
 * does send_packet / device writes.
 *
 * <p>Thread-safe: settings are immutable, the snapshot is passed per call, counters are atomic, the ICMP rate
 * limiter is synchronized and the local MAC is volatile. The frame is modified in place (TTL, MSS), so one frame
 * must not be routed by two threads at once. Switch-mode MAC learning is not done here: see {@link MacLearner}.
 */
public final class Router {
    private static final int ETH = 14;

    private final RouterSettings settings;
    private final RouteCounters counters = new RouteCounters();
    private final IcmpResponder icmp;
    /**
     * Reused for every frame (no allocation per packet), which confines a Router to one thread: a data plane
     * spread over several threads needs one Router each (they share only the immutable snapshot).
     */
    private final FrameContext context = new FrameContext();
    private volatile byte[] localMac = {(byte) 0xFE, (byte) 0xFD, 0, 0, 0, 0}; // route.c mymac default

    public Router(RouterSettings settings, IcmpRateLimiter icmpLimit, LocalAddressSource localAddresses) {
        this.settings = Objects.requireNonNull(settings);
        this.icmp = new IcmpResponder(counters, Objects.requireNonNull(icmpLimit),
                Objects.requireNonNull(localAddresses));
    }

    public Router(RouterSettings settings) {
        this(settings, new IcmpRateLimiter(), LocalAddressSource.NONE);
    }

    public RouterSettings settings() {
        return settings;
    }

    public RouteCounters counters() {
        return counters;
    }

    /** The MAC written as destination of local deliveries with overwrite_mac (set from SIOCGIFHWADDR). */
    public void setLocalMac(byte[] mac) {
        if (mac.length != 6) {
            throw new IllegalArgumentException("a MAC has 6 bytes");
        }
        localMac = mac.clone();
    }

    public byte[] localMac() {
        return localMac.clone();
    }

    /**
     * send_packet(myself): with overwrite_mac (router mode on TAP) the destination MAC becomes the interface MAC,
     * because peers' frames carry whatever MAC their side had. Call before writing any frame to the device.
     * Note tincd does this in place, so a broadcast also forwarded to peers carries the rewritten MAC.
     */
    public void prepareForDevice(ByteBuffer frame) {
        if (settings.overwriteMac() && frame.remaining() >= 6) {
            frame.put(frame.position(), localMac);
        }
    }

    /**
     * Routes frame[position, limit) that came from {@code source} (the local node's name = read from the local
     * device; else the node it was received from, by UDP key or meta connection). Never throws on frame contents.
     */
    public RouteDecision route(ByteBuffer frame, String source, RoutingSnapshot snap, long nowMillis) {
        boolean fromLocal = source.equals(snap.myself());
        if (settings.forwarding() == Forwarding.KERNEL && !fromLocal) {
            return RouteDecision.LOCAL; // the kernel routes; tincd writes everything to the device
        }
        int len = frame.remaining();
        if (len < ETH) {
            return tooShort(source);
        }
        FrameContext f = context.reset(frame, source, fromLocal, snap, nowMillis);
        return switch (settings.mode()) {
            case ROUTER -> routeByType(f);
            case SWITCH -> routeMac(f);
            case HUB -> routeBroadcast(f);
        };
    }

    private RouteDecision routeByType(FrameContext f) {
        int type = f.u16(12);
        switch (type) {
            case Ethertypes.ARP:
                return routeArp(f);
            case Ethertypes.IPV4:
                return routeIpv4(f);
            case Ethertypes.IPV6:
                return routeIpv6(f);
            default:
                if (Log.enabled(Log.TRAFFIC)) {
                    Log.log(Log.TRAFFIC, Priority.WARNING, "Cannot route packet from " + f.source()
                            + ": unknown type " + Integer.toHexString(type));
                }
                return drop(DropReason.UNKNOWN_TYPE);
        }
    }

    private RouteDecision routeIpv4(FrameContext f) {
        if (f.len() < ETH + 20) {
            return tooShort(f.source());
        }
        if (settings.broadcast() != Broadcast.NO
                && ((f.u8(30) & 0xf0) == 0xe0 || f.i32(30) == 0xFFFFFFFF)) {
            return routeBroadcast(f);
        }
        SubnetEntry s = f.snap().subnets().lookupIpv4(f.i32(30));
        if (s == null) {
            if (Log.enabled(Log.TRAFFIC)) {
                Log.log(Log.TRAFFIC, Priority.WARNING, "Cannot route packet from " + f.source()
                        + ": unknown IPv4 destination address " + f.u8(30) + "." + f.u8(31) + "." + f.u8(32)
                        + "." + f.u8(33));
            }
            return icmp4(f, f.len(), ETH, DropReason.UNKNOWN_DESTINATION, IcmpErrors.ICMP_DEST_UNREACH,
                    IcmpErrors.ICMP_NET_UNKNOWN);
        }
        return unicastIp(f, s, false);
    }

    private RouteDecision routeIpv6(FrameContext f) {
        if (f.len() < ETH + 40) {
            return tooShort(f.source());
        }
        if (f.u8(20) == 58 && f.len() >= ETH + 40 + 8 && f.u8(54) == 135) {
            return routeNeighborSolicitation(f);
        }
        if (settings.broadcast() != Broadcast.NO && f.u8(38) == 0xff) {
            return routeBroadcast(f);
        }
        SubnetEntry s = f.snap().subnets().lookupIpv6(f.i64(38), f.i64(46));
        if (s == null) {
            if (Log.enabled(Log.TRAFFIC)) {
                Log.log(Log.TRAFFIC, Priority.WARNING, "Cannot route packet from " + f.source()
                        + ": unknown IPv6 destination address");
            }
            return icmp6(f, f.len(), ETH, DropReason.UNKNOWN_DESTINATION, IcmpErrors.ICMP6_DST_UNREACH,
                    IcmpErrors.ICMP6_DST_UNREACH_ADDR);
        }
        return unicastIp(f, s, true);
    }

    /** route_ipv4_unicast / route_ipv6_unicast after the lookup. */
    private RouteDecision unicastIp(FrameContext f, SubnetEntry s, boolean v6) {
        String myself = f.snap().myself();
        RoutingSnapshot.NodeInfo owner = f.snap().node(s.owner());
        if (owner.name.equals(f.source())) {
            return loopingBack(f);
        }
        if (!owner.reachable) {
            return v6 ? icmp6(f, f.len(), ETH, DropReason.OWNER_UNREACHABLE, IcmpErrors.ICMP6_DST_UNREACH,
                    IcmpErrors.ICMP6_DST_UNREACH_NOROUTE)
                    : icmp4(f, f.len(), ETH, DropReason.OWNER_UNREACHABLE, IcmpErrors.ICMP_DEST_UNREACH,
                            IcmpErrors.ICMP_NET_UNREACH);
        }
        boolean ownerLocal = owner.name.equals(myself);
        if (settings.forwarding() == Forwarding.OFF && !f.fromLocal() && !ownerLocal) {
            return adminProhibited(f, v6, DropReason.FORWARDING_OFF);
        }
        if (settings.decrementTtl() && !f.fromLocal() && !ownerLocal) {
            RouteDecision d = decrementTtl(f);
            if (d != null) {
                return d;
            }
        }
        String via = owner.sendVia;
        if (f.source().equals(via)) {
            if (Log.enabled(Log.TRAFFIC)) {
                Log.log(Log.TRAFFIC, Priority.ERR, "Routing loop for packet from " + f.source() + "!");
            }
            return drop(DropReason.ROUTING_LOOP);
        }
        if (settings.directOnly() && !owner.name.equals(via)) {
            return adminProhibited(f, v6, DropReason.DIRECT_ONLY);
        }
        if (via != null && !via.equals(myself)) {
            int floor = v6 ? 1294 : 590; // the IPv6 / IPv4 minimum MTUs (1280 / 576) plus Ethernet
            int pmtu = Math.max(f.snap().node(via).mtu, floor);
            if (f.len() > pmtu) {
                logTooBig(f, owner.name, via);
                if (v6) {
                    return icmp6(f, pmtu, ETH, DropReason.TOO_BIG, IcmpErrors.ICMP6_PACKET_TOO_BIG, 0);
                }
                return (f.u8(20) & 0x40) != 0
                        ? icmp4(f, pmtu, ETH, DropReason.TOO_BIG, IcmpErrors.ICMP_DEST_UNREACH,
                                IcmpErrors.ICMP_FRAG_NEEDED)
                        : fragment(f, ETH, via);
            }
        }
        clampMss(f, via);
        return ownerLocal ? RouteDecision.LOCAL : owner.unicast;
    }

    private RouteDecision adminProhibited(FrameContext f, boolean v6, DropReason why) {
        return v6 ? icmp6(f, f.len(), ETH, why, IcmpErrors.ICMP6_DST_UNREACH, IcmpErrors.ICMP6_DST_UNREACH_ADMIN)
                : icmp4(f, f.len(), ETH, why, IcmpErrors.ICMP_DEST_UNREACH, IcmpErrors.ICMP_NET_ANO);
    }

    /** route_mac (spec §8.3). The source MAC was learned by the lead through MacLearner before this call. */
    private RouteDecision routeMac(FrameContext f) {
        long dst = ((long) f.u16(0) << 32) | (f.i32(2) & 0xFFFFFFFFL);
        SubnetEntry s = f.snap().subnets().lookupMac(dst);
        if (s == null) {
            return routeBroadcast(f); // unknown unicast, broadcast and multicast MACs
        }
        String myself = f.snap().myself();
        RoutingSnapshot.NodeInfo owner = f.snap().node(s.owner());
        if (owner.name.equals(f.source())) {
            return loopingBack(f);
        }
        if (!owner.reachable) {
            return drop(DropReason.OWNER_UNREACHABLE); // tincd's send_packet drops it: "not reachable"
        }
        boolean ownerLocal = owner.name.equals(myself);
        if (settings.forwarding() == Forwarding.OFF && !f.fromLocal() && !ownerLocal) {
            return drop(DropReason.FORWARDING_OFF); // silently in switch mode
        }
        if (settings.decrementTtl() && !f.fromLocal() && !ownerLocal) {
            RouteDecision d = decrementTtl(f);
            if (d != null) {
                return d;
            }
        }
        String via = owner.sendVia;
        if (settings.directOnly() && !owner.name.equals(via)) {
            return drop(DropReason.DIRECT_ONLY);
        }
        if (via != null && !via.equals(myself)) {
            int mtu = f.snap().node(via).mtu;
            if (f.len() > mtu) {
                RouteDecision d = switchTooBig(f, owner.name, via, mtu);
                if (d != null) {
                    return d;
                }
            }
        }
        clampMss(f, via);
        return ownerLocal ? RouteDecision.LOCAL : owner.unicast;
    }

    /** Switch mode's MTU rule: only IPv4 above 576 and IPv6 above 1280 payload bytes get ICMP / fragmentation. */
    private RouteDecision switchTooBig(FrameContext f, String owner, String via, int mtu) {
        int type = f.u16(12);
        int ethLen = ETH;
        if (type == Ethertypes.VLAN && f.len() >= 18) {
            type = f.u16(16);
            ethLen = 18;
        }
        if (type == Ethertypes.IPV4 && f.len() > 576 + ethLen) {
            logTooBig(f, owner, via);
            if ((f.u8(ethLen + 6) & 0x40) != 0) {
                return icmp4(f, mtu, ethLen, DropReason.TOO_BIG, IcmpErrors.ICMP_DEST_UNREACH,
                        IcmpErrors.ICMP_FRAG_NEEDED);
            }
            return fragment(f, ethLen, via);
        }
        if (type == Ethertypes.IPV6 && f.len() > 1280 + ethLen) {
            logTooBig(f, owner, via);
            // Never announce less than IPv6's minimum MTU: tincd 1.0.36 sends the path's (1229 behind a 1280-byte
            // underlay) and Linux ignores a Packet Too Big below 1280, so it kept sending 1280-byte packets that got
            // the same answer forever (PmtuIT). With 1280 the host settles there, and those frames, above the
            // UDP path MTU but at most 1280 + Ethernet, take the TCP fallback like any frame over the PMTU.
            return icmp6(f, Math.max(mtu, 1280 + ethLen), ethLen, DropReason.TOO_BIG,
                    IcmpErrors.ICMP6_PACKET_TOO_BIG, 0);
        }
        return null;
    }

    /** route_broadcast → broadcast_packet (spec §8.5). */
    private RouteDecision routeBroadcast(FrameContext f) {
        if (settings.decrementTtl() && !f.fromLocal()) {
            RouteDecision d = decrementTtl(f);
            if (d != null) {
                return d;
            }
        }
        boolean forward = !settings.tunnelServer() && settings.broadcast() != Broadcast.NO;
        if (!f.fromLocal()) {
            if (!forward || settings.broadcast() == Broadcast.DIRECT) {
                return RouteDecision.LOCAL; // direct mode forwards only what we originate
            }
            RouteDecision.Broadcast fan = f.snap().node(f.source()).mstFanOut;
            return fan != null ? fan : RouteDecision.LOCAL;
        }
        if (!forward) {
            return drop(DropReason.BROADCAST_NOWHERE);
        }
        RouteDecision.Broadcast fan = settings.broadcast() == Broadcast.DIRECT ? f.snap().directFromMyself()
                : f.snap().mstFromMyself();
        return fan.peers().isEmpty() ? drop(DropReason.BROADCAST_NOWHERE) : fan;
    }

    /** clamp_mss: only when the next hop asked for it (OPTION_CLAMP_MSS); MTU = min(source's, via's). */
    private void clampMss(FrameContext f, String via) {
        if (via == null) {
            return;
        }
        RoutingSnapshot.NodeInfo v = f.snap().node(via);
        if ((v.options & NodeView.OPTION_CLAMP_MSS) == 0) {
            return;
        }
        int mtu = f.snap().node(f.source()).mtu;
        if (!via.equals(f.snap().myself()) && v.mtu < mtu) {
            mtu = v.mtu;
        }
        if (MssClamp.clamp(f.buf(), mtu) && Log.enabled(Log.TRAFFIC)) {
            Log.log(Log.TRAFFIC, Priority.INFO, "Clamping MSS of packet from " + f.source() + " to " + via);
        }
    }

    private RouteDecision fragment(FrameContext f, int ethLen, String via) {
        List<ByteBuffer> parts = Ipv4Fragmenter.fragment(f.buf(), f.b(), f.len(), ethLen, f.snap().node(via).mtu);
        if (parts == null) {
            return drop(DropReason.FRAGMENTATION_FAILED);
        }
        if (Log.enabled(Log.TRAFFIC)) {
            Log.log(Log.TRAFFIC, Priority.INFO, "Fragmenting packet of " + f.len() + " bytes to " + via);
        }
        return new RouteDecision.Fragments(via, parts);
    }

    private RouteDecision routeArp(FrameContext f) {
        return NeighborRouting.arp(f, icmp, this);
    }

    private RouteDecision routeNeighborSolicitation(FrameContext f) {
        return NeighborRouting.solicitation(f, icmp, this, settings.decrementTtl());
    }

    void learnLocalMac(ByteBuffer frame) {
        if (settings.overwriteMac()) {
            byte[] mac = new byte[6];
            frame.get(frame.position() + 6, mac);
            localMac = mac;
        }
    }

    private RouteDecision loopingBack(FrameContext f) {
        if (Log.enabled(Log.TRAFFIC)) {
            Log.log(Log.TRAFFIC, Priority.WARNING, "Packet looping back to " + f.source() + "!");
        }
        return drop(DropReason.LOOPING_BACK);
    }

    private void logTooBig(FrameContext f, String owner, String via) {
        if (Log.enabled(Log.TRAFFIC)) {
            Log.log(Log.TRAFFIC, Priority.INFO, "Packet for " + owner + " length " + f.len()
                    + " larger than MTU " + f.snap().node(via).mtu);
        }
    }

    private RouteDecision drop(DropReason reason) {
        return icmp.drop(reason);
    }

    private RouteDecision tooShort(String source) {
        return icmp.tooShort(source);
    }

    private RouteDecision icmp4(FrameContext f, int len, int ethLen, DropReason cause, int type, int code) {
        return icmp.icmp4(f, len, ethLen, cause, type, code);
    }

    private RouteDecision icmp6(FrameContext f, int len, int ethLen, DropReason cause, int type, int code) {
        return icmp.icmp6(f, len, ethLen, cause, type, code);
    }

    private RouteDecision decrementTtl(FrameContext f) {
        return TtlDecrement.apply(f, icmp);
    }
}
