package org.catalogarr.core.torznab;

import java.time.Duration;
import java.util.Optional;

import org.catalogarr.core.cache.BoundedCache;

/**
 * Query strings already read: Sonarr and Prowlarr send the same few dozen again and again, and decoding and
 * checking one was a tenth of the CPU of a cached search. Reading depends on nothing but the text, so a kept
 * request is never stale; the cache is bounded in entries and in the length of a text it keeps, so that
 * clients sending ever new or huge query strings only push out older entries.
 */
final class ParsedQueries {

    static final int MAX_QUERIES = 256;
    /** Sonarr's longest queries (a long title, its categories and key) stay well under this. */
    static final int MAX_KEPT_LENGTH = 1024;
    /** Never stale (see above); the time to live only lets go of queries nobody sends any more. */
    private static final Duration KEPT = Duration.ofHours(1);

    /**
     * A request read, with its {@link TorznabRequest#answerKey}: kept with it, the key is made and hashed once,
     * where a key made for every cached search (a record, compared and hashed each time) cost a twentieth of it.
     */
    record Parsed(TorznabRequest request, String answerKey) {
    }

    private final BoundedCache<String, Parsed> requests = new BoundedCache<>(MAX_QUERIES);

    /** As {@link TorznabRequest#parseQuery}; a query string that is refused is read anew each time. */
    Parsed parse(String rawQuery) throws TorznabException {
        String text = rawQuery == null ? "" : rawQuery;
        Optional<Parsed> known = requests.get(text);
        if (known.isPresent()) {
            return known.get();
        }
        TorznabRequest request = TorznabRequest.parseQuery(text);
        Parsed parsed = new Parsed(request, request.answerKey());
        if (text.length() <= MAX_KEPT_LENGTH) {
            requests.put(text, parsed, KEPT);
        }
        return parsed;
    }

    int size() {
        return requests.size();
    }
}
