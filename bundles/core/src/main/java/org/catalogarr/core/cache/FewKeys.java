package org.catalogarr.core.cache;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Values worked out from what a client sends where honest clients send only a few different keys (the names
 * the server is reached under, the series they ask for). Lookups take no lock, as they run on every request;
 * the client chooses the keys, so once full the whole map is emptied rather than kept in order: ever new keys
 * cost their work again, never memory. For many keys, or values that go stale, see {@link BoundedCache}.
 */
public final class FewKeys<K, V> {

    private final int maxEntries;
    private final Map<K, V> values = new ConcurrentHashMap<>();

    public FewKeys(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("room for one entry at least, was " + maxEntries);
        }
        this.maxEntries = maxEntries;
    }

    public Optional<V> get(K key) {
        return Optional.ofNullable(values.get(key));
    }

    public void put(K key, V value) {
        if (values.size() >= maxEntries) {
            values.clear();
        }
        values.put(key, value);
    }

    public int size() {
        return values.size();
    }
}
