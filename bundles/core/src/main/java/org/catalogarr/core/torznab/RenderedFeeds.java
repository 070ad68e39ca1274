package org.catalogarr.core.torznab;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;

import org.catalogarr.core.cache.BoundedCache;

/**
 * Feeds already written, reused while the page they were written from is still the answer: Sonarr
 * and Prowlarr repeat the same queries, and writing the XML (hashes, links, escaping) costs more than
 * everything else of a cached search. A document is only reused for an equal page, so it can never
 * be stale. The key holds the base URL the links are written with (a canonical one, see
 * {@link TorznabServlet#base}), and the cache is bounded, so distinct Host headers only push out older
 * documents. The request itself is the rest of the key (records compare by value): a key made into text
 * went through {@code Optional.toString}'s {@code String.format} on every cached search.
 */
final class RenderedFeeds {

    /** Documents are up to a few hundred KB each; Sonarr and Prowlarr repeat a few dozen queries. */
    private static final int MAX_DOCUMENTS = 128;
    private static final Duration KEPT = Duration.ofMinutes(10);

    private record Rendered(TorznabSearch.FeedPage page, byte[] document) {
    }

    /** What is answered the same way: the base of the links and every parameter but the API key. */
    private record Key(URI base, TorznabRequest request) {
    }

    private final BoundedCache<Key, Rendered> documents = new BoundedCache<>(MAX_DOCUMENTS);

    /** The feed of the page for the request, with links under the base: written anew only for a new page. */
    byte[] feed(TorznabRequest request, TorznabSearch.FeedPage page, URI base, String channelTitle) throws IOException {
        Key key = new Key(base, request.withoutApiKey());
        Rendered rendered = documents.get(key).orElse(null);
        if (rendered != null && rendered.page().equals(page)) {
            return rendered.document();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        FeedWriter.write(out, page.entries(), page.failures(), base, channelTitle);
        byte[] document = out.toByteArray();
        documents.put(key, new Rendered(page, document), KEPT);
        return document;
    }

    int size() {
        return documents.size();
    }
}
