package org.catalogarr.core.torznab;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.catalogarr.core.cache.BoundedCache;
import org.catalogarr.core.cache.TwoPartKey;

/**
 * Feeds already written, reused while the page they were written from is still the answer: Sonarr
 * and Prowlarr repeat the same queries, and writing the XML (hashes, links, escaping) costs more than
 * everything else of a cached search. A document depends on nothing but its page and the base URL of its
 * links, and it is only reused for an equal page under the same base, so it can never be stale; the request's
 * {@link TorznabRequest#answerKey} only finds it (two requests that shared a key would share a document only
 * while their pages were equal). The base is a canonical one (see {@link LinkBases}), and the cache is bounded,
 * so distinct Host headers only push out older documents.
 */
final class RenderedFeeds {

    /** Documents are up to a few hundred KB each; Sonarr and Prowlarr repeat a few dozen queries. */
    private static final int MAX_DOCUMENTS = 128;
    private static final Duration KEPT = Duration.ofMinutes(10);

    private record Rendered(TorznabSearch.FeedPage page, byte[] document) {
    }

    /**
     * Keyed by what is answered the same way: the base of the links and the answer key (every parameter but the
     * API key). Both are the same objects on every cached search ({@link LinkBases}, {@link ParsedQueries}),
     * whose hashes are kept.
     */
    private final BoundedCache<TwoPartKey<URI, String>, Rendered> documents = new BoundedCache<>(MAX_DOCUMENTS);

    /**
     * The feed of the page for the request of the answer key, with links under the base: written anew only for a
     * new page.
     */
    byte[] feed(String answerKey, TorznabSearch.FeedPage page, URI base, String channelTitle) throws IOException {
        TwoPartKey<URI, String> key = new TwoPartKey<>(base, answerKey);
        Rendered rendered = documents.get(key).orElse(null);
        if (rendered != null && samePage(rendered.page(), page)) {
            return rendered.document();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        FeedWriter.write(out, page.entries(), page.failures(), base, channelTitle);
        byte[] document = out.toByteArray();
        documents.put(key, new Rendered(page, document), KEPT);
        return document;
    }

    /**
     * Equal pages. A cached answer's entries are the same objects on every search, so each is compared by
     * identity first: a record's equals is slow under C1 (see {@link TwoPartKey}).
     */
    private static boolean samePage(TorznabSearch.FeedPage kept, TorznabSearch.FeedPage page) {
        return sameItems(kept.entries(), page.entries()) && sameItems(kept.failures(), page.failures());
    }

    private static boolean sameItems(List<?> kept, List<?> now) {
        if (kept.size() != now.size()) {
            return false;
        }
        for (int i = 0; i < kept.size(); i++) {
            Object item = kept.get(i);
            if (item != now.get(i) && !item.equals(now.get(i))) {
                return false;
            }
        }
        return true;
    }

    int size() {
        return documents.size();
    }
}
