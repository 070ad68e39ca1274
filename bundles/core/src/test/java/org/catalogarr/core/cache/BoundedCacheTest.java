package org.catalogarr.core.cache;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.Test;

public class BoundedCacheTest {

    private final AtomicLong now = new AtomicLong();
    private final BoundedCache<String, Integer> cache = new BoundedCache<>(3, now::get);

    @Test
    public void staysWithinItsSizeUnderAHundredThousandDistinctKeys() {
        BoundedCache<String, Integer> big = new BoundedCache<>(1000);
        for (int i = 0; i < 100_000; i++) {
            big.put("Host-" + i, i, Duration.ofMinutes(5));
        }

        assertEquals(1000, big.size());
        assertEquals(Optional.of(99_999), big.get("Host-99999"));
        assertEquals(Optional.empty(), big.get("Host-0"));
    }

    @Test
    public void dropsTheLeastRecentlyUsedEntryFirst() {
        cache.put("a", 1, Duration.ofSeconds(10));
        cache.put("b", 2, Duration.ofSeconds(10));
        cache.put("c", 3, Duration.ofSeconds(10));
        cache.get("a");

        cache.put("d", 4, Duration.ofSeconds(10));

        assertEquals(Optional.of(1), cache.get("a"));
        assertEquals(Optional.empty(), cache.get("b"));
        assertEquals(3, cache.size());
    }

    @Test
    public void forgetsAnEntryAfterItsTimeToLive() {
        cache.put("a", 1, Duration.ofSeconds(10));
        now.addAndGet(Duration.ofSeconds(9).toNanos());
        assertEquals(Optional.of(1), cache.get("a"));

        now.addAndGet(Duration.ofSeconds(1).toNanos());

        assertEquals(Optional.empty(), cache.get("a"));
        assertEquals(0, cache.size());
    }

    @Test
    public void removesTheMatchingKeys() {
        cache.put("site-a|x", 1, Duration.ofSeconds(10));
        cache.put("site-b|x", 2, Duration.ofSeconds(10));

        cache.removeIf(key -> key.startsWith("site-a|"));

        assertEquals(Optional.empty(), cache.get("site-a|x"));
        assertTrue(cache.get("site-b|x").isPresent());
    }
}
