package org.catalogarr.core.cache;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Values that may be a moment old: a key's value is loaded again once it is older than the given age. For
 * cheap reads that a hard-polled endpoint ({@code /health}) would otherwise send to the database on every
 * request. Two threads that find a value expired at once may both load it; the keys must be few (one per
 * site, say), as nothing is ever evicted but by {@link #forget}.
 */
public final class Recently<K, V> {

    private record Loaded<V>(V value, long loadedAt) {
    }

    private final long maxAgeNanos;
    private final Map<K, Loaded<V>> values = new ConcurrentHashMap<>();

    public Recently(Duration maxAge) {
        this.maxAgeNanos = maxAge.toNanos();
    }

    public V get(K key, Function<K, V> load) {
        long now = System.nanoTime();
        Loaded<V> loaded = values.get(key);
        if (loaded != null && now - loaded.loadedAt() < maxAgeNanos) {
            return loaded.value();
        }
        V value = load.apply(key);
        values.put(key, new Loaded<>(value, now));
        return value;
    }

    /** Makes the next {@link #get} load the key's value, for a change that must show at once. */
    public void forget(K key) {
        values.remove(key);
    }
}
