package io.jtinc.route;

import io.jtinc.log.Log;
import io.jtinc.log.Priority;

import java.nio.ByteBuffer;

/** Counting drops and generating rate-limited ICMP/ICMPv6 errors for {@link Router}; thread-safe. */
final class IcmpResponder {
    private final RouteCounters counters;
    private final IcmpRateLimiter limit;
    private final LocalAddressSource localAddresses;

    IcmpResponder(RouteCounters counters, IcmpRateLimiter limit, LocalAddressSource localAddresses) {
        this.counters = counters;
        this.limit = limit;
        this.localAddresses = localAddresses;
    }

    RouteDecision drop(DropReason reason) {
        counters.increment(reason);
        return RouteDecision.Drop.of(reason);
    }

    RouteDecision tooShort(String source) {
        if (Log.enabled(Log.TRAFFIC)) {
            Log.log(Log.TRAFFIC, Priority.WARNING, "Got too short packet from " + source);
        }
        return drop(DropReason.TOO_SHORT);
    }

    /** An ICMPv4 error about f, quoting its first {@code len} bytes (the path MTU for "fragmentation needed"). */
    RouteDecision icmp4(FrameContext f, int len, int ethLen, DropReason cause, int type, int code) {
        if (len < ethLen + 20) {
            return drop(cause); // a path MTU too small to hold even the header we would quote
        }
        if (limited(f, cause)) {
            return RouteDecision.Drop.of(cause);
        }
        byte[] local = null;
        if (type == IcmpErrors.ICMP_TIME_EXCEEDED) {
            byte[] src = new byte[4];
            f.buf().get(f.b() + ethLen + 12, src);
            local = localAddresses.sourceFor(src);
        }
        return reply(f, IcmpErrors.ipv4(f.buf(), f.b(), len, ethLen, type, code, local), cause);
    }

    RouteDecision icmp6(FrameContext f, int len, int ethLen, DropReason cause, int type, int code) {
        if (len < ethLen + 40) {
            return drop(cause);
        }
        if (limited(f, cause)) {
            return RouteDecision.Drop.of(cause);
        }
        byte[] local = null;
        if (type == IcmpErrors.ICMP6_TIME_EXCEEDED) {
            byte[] src = new byte[16];
            f.buf().get(f.b() + ethLen + 8, src);
            local = localAddresses.sourceFor(src);
        }
        return reply(f, IcmpErrors.ipv6(f.buf(), f.b(), len, ethLen, type, code, local), cause);
    }

    private boolean limited(FrameContext f, DropReason cause) {
        counters.increment(cause);
        if (limit.limited(f.now())) {
            counters.increment(DropReason.ICMP_RATE_LIMITED);
            return true;
        }
        return false;
    }

    /** send_packet(source, error): back to the device when the offending frame came from it. */
    private static RouteDecision reply(FrameContext f, ByteBuffer frame, DropReason cause) {
        return new RouteDecision.Reply(f.source(), f.fromLocal(), frame, cause);
    }
}
