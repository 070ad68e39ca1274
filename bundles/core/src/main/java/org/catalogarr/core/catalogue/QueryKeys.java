package org.catalogarr.core.catalogue;

import java.util.Optional;

import org.catalogarr.core.cache.FewKeys;

/**
 * The cache keys of queries. Normalising a series name ({@link TitleMatcher#key}: Unicode decomposition and two
 * passes over the text) was the costliest part of a cached search, and Sonarr and Prowlarr repeat the same few
 * dozen series, so the normalised names are remembered; the name depends on nothing but the text, so a kept one
 * is never stale. Long names are normalised each time, so that clients cannot make the kept ones large.
 */
final class QueryKeys {

    static final int MAX_SERIES = 256;
    /** Far longer than any series title. */
    static final int MAX_KEPT_LENGTH = 256;

    private final FewKeys<String, String> seriesKeys = new FewKeys<>(MAX_SERIES);

    String of(SearchQuery query) {
        return query.key(query.series().map(this::seriesKey).orElse(""));
    }

    private String seriesKey(String series) {
        Optional<String> known = seriesKeys.get(series);
        if (known.isPresent()) {
            return known.get();
        }
        String key = TitleMatcher.key(series);
        if (series.length() <= MAX_KEPT_LENGTH) {
            seriesKeys.put(series, key);
        }
        return key;
    }

    int size() {
        return seriesKeys.size();
    }
}
