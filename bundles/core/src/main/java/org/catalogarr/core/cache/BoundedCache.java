package org.catalogarr.core.cache;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * A cache that cannot grow with what clients send: at most {@code maxEntries} entries, the least
 * recently used one dropped for a new one, and each entry forgotten after its time to live. Callers
 * key it by canonical values, so that spellings of the same request share an entry.
 */
public final class BoundedCache<K, V> {

    private record Entry<V>(V value, long expiresAtNanos) {
    }

    private final int maxEntries;
    private final LongSupplier nanoTime;
    private final LinkedHashMap<K, Entry<V>> entries;

    public BoundedCache(int maxEntries) {
        this(maxEntries, System::nanoTime);
    }

    BoundedCache(int maxEntries, LongSupplier nanoTime) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("a cache needs room for one entry, was " + maxEntries);
        }
        this.maxEntries = maxEntries;
        this.nanoTime = nanoTime;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<K, Entry<V>> eldest) {
                return size() > BoundedCache.this.maxEntries;
            }
        };
    }

    /** The live value of the key, if there is one; an expired one is dropped on the way. */
    public synchronized Optional<V> get(K key) {
        Entry<V> entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        if (entry.expiresAtNanos() - nanoTime.getAsLong() <= 0) {
            entries.remove(key);
            return Optional.empty();
        }
        return Optional.of(entry.value());
    }

    public synchronized void put(K key, V value, Duration timeToLive) {
        entries.put(key, new Entry<>(value, nanoTime.getAsLong() + timeToLive.toNanos()));
    }

    /** Forgets every entry whose key matches, e.g. those of a site whose settings changed. */
    public synchronized void removeIf(Predicate<? super K> matching) {
        entries.keySet().removeIf(matching);
    }

    public synchronized void clear() {
        entries.clear();
    }

    public synchronized int size() {
        return entries.size();
    }
}
