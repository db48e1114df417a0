package io.jtinc.route;

import io.jtinc.log.Log;
import io.jtinc.log.Priority;

import java.nio.ByteBuffer;

/** Router mode's ARP and Neighbor Solicitation handling (route.c route_arp / route_neighborsol, spec §8.2). */
final class NeighborRouting {
    private NeighborRouting() {
    }

    static RouteDecision arp(FrameContext f, IcmpResponder icmp, Router router) {
        if (f.len() < NeighborProxy.ARP_LEN) {
            return icmp.tooShort(f.source());
        }
        if (!f.fromLocal()) {
            warn("Got ARP request from " + f.source() + " while in router mode!");
            return icmp.drop(DropReason.NEIGHBOR_REQUEST_FROM_NETWORK);
        }
        router.learnLocalMac(f.buf()); // "snatch the source address" for overwrite_mac
        if (!NeighborProxy.isArpRequest(f.buf(), f.b())) {
            warn("Cannot route packet: received unknown type ARP request");
            return icmp.drop(DropReason.NEIGHBOR_REQUEST_INVALID);
        }
        SubnetEntry s = f.snap().subnets().lookupIpv4(NeighborProxy.arpTarget(f.buf(), f.b()));
        if (s == null) {
            warn("Cannot route packet: ARP request for unknown address " + f.u8(38) + "." + f.u8(39) + "."
                    + f.u8(40) + "." + f.u8(41));
            return icmp.drop(DropReason.NEIGHBOR_REQUEST_UNKNOWN_ADDRESS);
        }
        if (s.owner().equals(f.snap().myself())) {
            return icmp.drop(DropReason.NEIGHBOR_REQUEST_OWN_SUBNET); // the kernel answers for our own
        }
        // DecrementTTL would be a no-op on an ARP frame, so it is not applied.
        return new RouteDecision.Reply(f.source(), true, NeighborProxy.arpReply(f.buf(), f.b(), f.len()), null);
    }

    static RouteDecision solicitation(FrameContext f, IcmpResponder icmp, Router router, boolean decrementTtl) {
        if (f.len() < NeighborProxy.NS_LEN) {
            return icmp.tooShort(f.source());
        }
        if (!f.fromLocal()) {
            warn("Got neighbor solicitation request from " + f.source() + " while in router mode!");
            return icmp.drop(DropReason.NEIGHBOR_REQUEST_FROM_NETWORK);
        }
        router.learnLocalMac(f.buf());
        if (!NeighborProxy.nsOptionValid(f.buf(), f.b(), f.len())) {
            warn("Cannot route packet: received unknown type neighbor solicitation request");
            return icmp.drop(DropReason.NEIGHBOR_REQUEST_INVALID);
        }
        if (!NeighborProxy.nsChecksumValid(f.buf(), f.b(), f.len())) {
            warn("Cannot route packet: checksum error for neighbor solicitation request");
            return icmp.drop(DropReason.NEIGHBOR_REQUEST_BAD_CHECKSUM);
        }
        int t = NeighborProxy.nsTargetAt(f.b());
        SubnetEntry s = f.snap().subnets().lookupIpv6(f.buf().getLong(t), f.buf().getLong(t + 8));
        if (s == null) {
            warn("Cannot route packet: neighbor solicitation request for unknown address");
            return icmp.drop(DropReason.NEIGHBOR_REQUEST_UNKNOWN_ADDRESS);
        }
        if (s.owner().equals(f.snap().myself())) {
            return icmp.drop(DropReason.NEIGHBOR_REQUEST_OWN_SUBNET);
        }
        // Built from the frame as it arrived: like tincd, the NA keeps the original hop limit, while DecrementTTL
        // still turns a hop limit of 1 into "time exceeded".
        ByteBuffer advert = NeighborProxy.neighborAdvert(f.buf(), f.b(), f.len());
        if (decrementTtl) {
            RouteDecision d = TtlDecrement.apply(f, icmp);
            if (d != null) {
                return d;
            }
        }
        return new RouteDecision.Reply(f.source(), true, advert, null);
    }

    private static void warn(String message) {
        if (Log.enabled(Log.TRAFFIC)) {
            Log.log(Log.TRAFFIC, Priority.WARNING, message);
        }
    }
}
