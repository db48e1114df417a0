package io.jtinc.graph;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Duplicate suppression for flooded requests (protocol.c seen_request/age_past_requests, spec §9.4): the exact
 * received line is remembered for PingInterval; the same line again within that time is ignored. tincd's cache is
 * time-bounded only; an authenticated peer can fill it with unique nonces, so this one also has a line and byte
 * cap and evicts the oldest entries (counted). Evicting early only risks forwarding a duplicate once more, which
 * the next hop's cache absorbs.
 *
 * <p>Insertion order equals age order (time only moves forward for the owner thread), so aging and eviction pop
 * from the head. Not thread-safe: owned by the graph's thread.
 */
final class SeenRequests {
    private final LinkedHashMap<String, Long> firstSeen = new LinkedHashMap<>();
    private final int maxLines;
    private final long maxBytes;
    private final GraphCounters counters;
    private long bytes;
    private long lifetimeMillis;

    SeenRequests(int maxLines, long maxBytes, long lifetimeMillis, GraphCounters counters) {
        this.maxLines = maxLines;
        this.maxBytes = maxBytes;
        this.lifetimeMillis = lifetimeMillis;
        this.counters = counters;
    }

    void setLifetime(long millis) {
        this.lifetimeMillis = millis;
    }

    /** True if the line was seen within the lifetime; otherwise remembers it and returns false. */
    boolean seen(String line, long nowMillis) {
        age(nowMillis);
        if (firstSeen.containsKey(line)) {
            counters.duplicates.incrementAndGet();
            return true;
        }
        firstSeen.put(line, nowMillis);
        bytes += line.length();
        while (firstSeen.size() > maxLines || (bytes > maxBytes && firstSeen.size() > 1)) {
            removeEldest();
            counters.seenEvicted.incrementAndGet();
        }
        return false;
    }

    /** age_past_requests: drops entries whose age reached the lifetime (firstseen + pinginterval <= now). */
    void age(long nowMillis) {
        Iterator<Map.Entry<String, Long>> it = firstSeen.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Long> e = it.next();
            if (e.getValue() + lifetimeMillis > nowMillis) {
                return;
            }
            bytes -= e.getKey().length();
            it.remove();
        }
    }

    private void removeEldest() {
        Iterator<Map.Entry<String, Long>> it = firstSeen.entrySet().iterator();
        bytes -= it.next().getKey().length();
        it.remove();
    }

    int size() {
        return firstSeen.size();
    }

    long bytes() {
        return bytes;
    }
}
