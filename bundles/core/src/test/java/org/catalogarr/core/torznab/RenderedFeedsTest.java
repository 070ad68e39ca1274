package org.catalogarr.core.torznab;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.catalogarr.catalogue.api.Language;
import org.catalogarr.core.catalogue.Entries;
import org.junit.Test;

public class RenderedFeedsTest {

    private static final URI BASE = URI.create("http://catalogarr.local:8000");
    private final RenderedFeeds feeds = new RenderedFeeds();
    private final TorznabRequest q = request("t=search&q=titan&apikey=one");

    private static TorznabRequest request(String query) {
        try {
            return TorznabRequest.parseQuery(query);
        } catch (TorznabException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static TorznabSearch.FeedPage page(Language language) {
        return new TorznabSearch.FeedPage(List.of(Entries.aniworld("Attack on Titan", "attack-on-titan", 1, 1, language)),
                List.of());
    }

    @Test
    public void anEqualPageGetsTheSameDocument() throws Exception {
        byte[] first = feeds.feed(q.answerKey(), page(Language.GERMAN_DUB), BASE, "Catalogarr");

        assertSame(first, feeds.feed(q.answerKey(), page(Language.GERMAN_DUB), BASE, "Catalogarr"));
    }

    @Test
    public void requestsThatDifferOnlyInTheirApiKeyShareADocumentButNotOtherParameters() throws Exception {
        byte[] first = feeds.feed(q.answerKey(), page(Language.GERMAN_DUB), BASE, "Catalogarr");

        assertSame(first, feeds.feed(request("t=search&q=titan&apikey=two").answerKey(), page(Language.GERMAN_DUB), BASE,
                "Catalogarr"));
        assertNotSame(first, feeds.feed(request("t=search&q=titan&apikey=one&limit=50").answerKey(), page(Language.GERMAN_DUB),
                BASE, "Catalogarr"));
        assertNotSame(first, feeds.feed(q.answerKey(), page(Language.GERMAN_DUB), URI.create("http://other:8000"), "Catalogarr"));
    }

    @Test
    public void aChangedPageIsWrittenAgain() throws Exception {
        byte[] dub = feeds.feed(q.answerKey(), page(Language.GERMAN_DUB), BASE, "Catalogarr");

        byte[] sub = feeds.feed(q.answerKey(), page(Language.GERMAN_SUB), BASE, "Catalogarr");

        assertNotSame(dub, sub);
        assertTrue(new String(sub, StandardCharsets.UTF_8).contains(".GerSub."));
        assertArrayEquals(sub, feeds.feed(q.answerKey(), page(Language.GERMAN_SUB), BASE, "Catalogarr"));
    }

    @Test
    public void staysBoundedUnderManyDistinctHosts() throws Exception {
        // Each new key renders a document; the bound itself is BoundedCache's, tested with 100,000 keys.
        TorznabSearch.FeedPage page = page(Language.GERMAN_DUB);
        for (int i = 0; i < 5_000; i++) {
            feeds.feed(q.answerKey(), page, URI.create("http://host-" + i + ":8000"), "Catalogarr");
        }

        assertTrue(String.valueOf(feeds.size()), feeds.size() <= 128);
    }
}
