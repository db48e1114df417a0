package io.jtinc.node;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Drops and events of the node core that no lower layer counts itself, shown by USR2 and the control CLI.
 * Thread-safe.
 */
public final class NodeCounters {
    final LongAdder udpUnknownSource = new LongAdder();
    final LongAdder udpNoKey = new LongAdder();
    final LongAdder udpBadMac = new LongAdder();
    final LongAdder udpPunches = new LongAdder();
    final LongAdder udpPunchWindows = new LongAdder();
    final LongAdder udpPunchConfirmed = new LongAdder();
    /** Datagrams with a valid MAC but an old sequence number (replays, or reordered beyond the window). */
    final LongAdder udpReplayed = new LongAdder();
    final LongAdder udpOtherDrops = new LongAdder();
    final LongAdder udpTryHarderBudget = new LongAdder();
    final LongAdder udpIn = new LongAdder();
    final LongAdder udpOut = new LongAdder();
    final LongAdder tcpPacketsIn = new LongAdder();
    final LongAdder tcpPacketsOut = new LongAdder();
    final LongAdder tcpEarlyDrops = new LongAdder();
    final LongAdder tcpProbesDropped = new LongAdder();
    final LongAdder unreachableDrops = new LongAdder();
    final LongAdder noConnectionDrops = new LongAdder();
    final LongAdder badRequests = new LongAdder();
    final LongAdder keyRejections = new LongAdder();
    /** REQ_KEY/ANS_KEY addressed to a node that is unknown or unreachable: not forwarded. */
    final LongAdder keyUnroutable = new LongAdder();
    final LongAdder deviceIn = new LongAdder();
    final LongAdder deviceOut = new LongAdder();
    final LongAdder outputOverflows = new LongAdder();

    /** Name → value, in a stable order, for dumps. */
    public Map<String, Long> snapshot() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("udp_in", udpIn.sum());
        m.put("udp_out", udpOut.sum());
        m.put("udp_drop_unknown_source", udpUnknownSource.sum());
        m.put("udp_drop_no_key", udpNoKey.sum());
        m.put("udp_drop_bad_mac", udpBadMac.sum());
        m.put("udp_punches", udpPunches.sum());
        m.put("udp_punch_windows", udpPunchWindows.sum());
        m.put("udp_punch_confirmed", udpPunchConfirmed.sum());
        m.put("udp_drop_replayed", udpReplayed.sum());
        m.put("udp_drop_other", udpOtherDrops.sum());
        m.put("udp_try_harder_budget", udpTryHarderBudget.sum());
        m.put("tcp_packets_in", tcpPacketsIn.sum());
        m.put("tcp_packets_out", tcpPacketsOut.sum());
        m.put("tcp_early_drops", tcpEarlyDrops.sum());
        m.put("tcp_probe_frames_dropped", tcpProbesDropped.sum());
        m.put("drop_unreachable", unreachableDrops.sum());
        m.put("drop_no_connection", noConnectionDrops.sum());
        m.put("bad_requests", badRequests.sum());
        m.put("key_rejections", keyRejections.sum());
        m.put("key_unroutable", keyUnroutable.sum());
        m.put("device_in", deviceIn.sum());
        m.put("device_out", deviceOut.sum());
        m.put("connection_queue_overflows", outputOverflows.sum());
        return m;
    }

    public long deviceBytesIn() {
        return deviceIn.sum();
    }

    public long deviceBytesOut() {
        return deviceOut.sum();
    }
}
