package org.catalogarr.core.torznab;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Feeds already written, reused while the page they were written from is still the answer: Sonarr
 * and Prowlarr repeat the same queries, and writing the XML (hashes, links, escaping) costs more than
 * everything else of a cached search. A document is only reused for an equal page, so it can never
 * be stale.
 */
final class RenderedFeeds {

    private static final int MAX_DOCUMENTS = 1024;

    private record Rendered(TorznabSearch.FeedPage page, byte[] document) {
    }

    private final Map<String, Rendered> documents = new ConcurrentHashMap<>();

    byte[] feed(String key, TorznabSearch.FeedPage page, URI base, String channelTitle) throws IOException {
        Rendered rendered = documents.get(key);
        if (rendered != null && rendered.page().equals(page)) {
            return rendered.document();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        FeedWriter.write(out, page.entries(), page.failures(), base, channelTitle);
        byte[] document = out.toByteArray();
        if (documents.size() >= MAX_DOCUMENTS) {
            documents.clear();
        }
        documents.put(key, new Rendered(page, document));
        return document;
    }
}
