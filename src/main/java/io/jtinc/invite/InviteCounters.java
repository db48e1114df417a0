package io.jtinc.invite;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** What happened to invitation connections on a hub; shown with the daemon's other counters. */
public final class InviteCounters {
    final LongAdder started = new LongAdder();
    final LongAdder enrolled = new LongAdder();
    final LongAdder refused = new LongAdder();
    final LongAdder malformed = new LongAdder();
    final LongAdder badSecret = new LongAdder();
    final LongAdder timeouts = new LongAdder();
    final LongAdder joinerAborted = new LongAdder();

    public Map<String, Long> snapshot() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("invite_connections", started.sum());
        m.put("invite_enrolled", enrolled.sum());
        m.put("invite_refused", refused.sum());
        m.put("invite_malformed_drops", malformed.sum());
        m.put("invite_bad_secret", badSecret.sum());
        m.put("invite_timeouts", timeouts.sum());
        m.put("invite_joiner_aborted", joinerAborted.sum());
        return m;
    }
}
