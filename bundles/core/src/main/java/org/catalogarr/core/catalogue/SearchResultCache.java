package org.catalogarr.core.catalogue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.catalogarr.core.cache.BoundedCache;
import org.catalogarr.core.cache.TwoPartKey;

/**
 * The sites' recent answers, so that Sonarr's repeated queries do not hammer the sites. Keyed by site
 * and the query's canonical key (series name normalized as the title matcher reads it), and bounded,
 * so that a client sending ever new queries only pushes out older answers.
 */
final class SearchResultCache {

    /** Far more than Sonarr's working set of series × seasons, far less than memory can hold. */
    static final int MAX_ANSWERS = 4096;

    /** Keyed by site id and query key. */
    private final BoundedCache<TwoPartKey<String, String>, List<ResultEntry>> answers;
    /** Counts the drops, so that an answer fetched before a site changed is not kept after it. */
    private long generation;

    SearchResultCache() {
        this.answers = new BoundedCache<>(MAX_ANSWERS);
    }

    /** @param queryKey the query's {@link QueryKeys#of} */
    Optional<List<ResultEntry>> get(String siteId, String queryKey) {
        return answers.get(new TwoPartKey<>(siteId, queryKey));
    }

    /** Taken before asking a site; {@link #put} keeps the answer only while no drop came in between. */
    synchronized long generation() {
        return generation;
    }

    /** Keeps the site's answer for {@code seconds}; 0 keeps nothing. */
    synchronized void put(String siteId, String queryKey, List<ResultEntry> entries, int seconds, long askedAt) {
        if (seconds > 0 && askedAt == generation) {
            answers.put(new TwoPartKey<>(siteId, queryKey), List.copyOf(entries), Duration.ofSeconds(seconds));
        }
    }

    synchronized void dropSite(String siteId) {
        generation++;
        answers.removeIf(key -> key.first().equals(siteId));
    }

    synchronized void clear() {
        generation++;
        answers.clear();
    }

    int size() {
        return answers.size();
    }
}
