package dev.tidings.auth;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * At most {@code limit} events per key within a sliding {@code window} (a key is an address, a client
 * address, …). In memory: limits are per process, which is what a single self-hosted server needs.
 * Thread-safe; bounded to {@code maxKeys} keys so a flood of distinct keys cannot exhaust memory.
 */
public final class RateLimiter {
    private final int limit;
    private final Duration window;
    private final int maxKeys;
    private final InstantSource clock;
    private final Map<String, Deque<Instant>> events;

    public RateLimiter(int limit, Duration window, int maxKeys, InstantSource clock) {
        if (limit < 1) throw new IllegalArgumentException("limit must be at least 1");
        this.limit = limit;
        this.window = window;
        this.maxKeys = maxKeys;
        this.clock = clock;
        this.events = new LinkedHashMap<>(16, 0.75f, true);
    }

    /** Records an event for the key and says whether it is within the limit; refused events are not recorded. */
    public synchronized boolean tryAcquire(String key) {
        Instant now = clock.instant();
        Deque<Instant> times = events.computeIfAbsent(key, k -> new ArrayDeque<>());
        while (!times.isEmpty() && !times.peekFirst().isAfter(now.minus(window))) times.pollFirst();
        if (times.size() >= limit) return false;
        times.addLast(now);
        if (events.size() > maxKeys) evictOldest();
        return true;
    }

    private void evictOldest() {
        Iterator<Map.Entry<String, Deque<Instant>>> it = events.entrySet().iterator();
        while (events.size() > maxKeys && it.hasNext()) {
            it.next();
            it.remove();
        }
    }
}
