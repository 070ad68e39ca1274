package org.catalogarr.core.catalogue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.catalogarr.core.cache.BoundedCache;

/**
 * The sites' recent answers, so that Sonarr's repeated queries do not hammer the sites. Keyed by site
 * and the query's canonical key (series name normalized as the title matcher reads it), and bounded,
 * so that a client sending ever new queries only pushes out older answers.
 */
final class SearchResultCache {

    /** Far more than Sonarr's working set of series × seasons, far less than memory can hold. */
    static final int MAX_ANSWERS = 4096;

    private record Key(String siteId, String query) {

        // Written out: a record's own equals and hashCode run through method handles, which C1 (the JVM's
        // compiler by default, see bin/catalogarr) does not inline; every cached search looks up one key per site.
        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && siteId.equals(key.siteId) && query.equals(key.query);
        }

        @Override
        public int hashCode() {
            return 31 * siteId.hashCode() + query.hashCode();
        }
    }

    private final BoundedCache<Key, List<ResultEntry>> answers;
    /** Counts the drops, so that an answer fetched before a site changed is not kept after it. */
    private long generation;

    SearchResultCache() {
        this.answers = new BoundedCache<>(MAX_ANSWERS);
    }

    /** @param queryKey the query's {@link SearchQuery#key()} */
    Optional<List<ResultEntry>> get(String siteId, String queryKey) {
        return answers.get(new Key(siteId, queryKey));
    }

    /** Taken before asking a site; {@link #put} keeps the answer only while no drop came in between. */
    synchronized long generation() {
        return generation;
    }

    /** Keeps the site's answer for {@code seconds}; 0 keeps nothing. */
    synchronized void put(String siteId, String queryKey, List<ResultEntry> entries, int seconds, long askedAt) {
        if (seconds > 0 && askedAt == generation) {
            answers.put(new Key(siteId, queryKey), List.copyOf(entries), Duration.ofSeconds(seconds));
        }
    }

    synchronized void dropSite(String siteId) {
        generation++;
        answers.removeIf(key -> key.siteId().equals(siteId));
    }

    synchronized void clear() {
        generation++;
        answers.clear();
    }

    int size() {
        return answers.size();
    }
}
