package org.catalogarr.site.aniworld;

import static org.catalogarr.site.aniworld.Fixtures.failure;
import static org.catalogarr.site.aniworld.Fixtures.page;
import static org.junit.Assert.assertEquals;

import java.net.URI;
import java.util.List;

import org.catalogarr.catalogue.api.CatalogueException;
import org.catalogarr.catalogue.api.CatalogueException.Reason;
import org.catalogarr.catalogue.api.IndexedTitle;
import org.junit.Test;

public class SearchResultsParserTest {

    private static final URI SEARCH = Fixtures.SITE.resolve("/ajax/search");

    @Test
    public void keepsSeriesLinksOnceAndDropsSeasonAndSupportLinks() throws CatalogueException {
        List<IndexedTitle> results = SearchResultsParser.parse(page("search/attack.json"), SEARCH);

        assertEquals(List.of(new IndexedTitle("attack-on-titan", "Attack on Titan", List.of()),
                new IndexedTitle("attack-on-titan-junior-high", "Attack on Titan: Junior High", List.of())), results);
    }

    @Test
    public void stripsHighlightsAndDecodesEntities() throws CatalogueException {
        List<IndexedTitle> results = SearchResultsParser.parse(page("search/jojo.json"), SEARCH);

        assertEquals("JoJo's Bizarre Adventure", results.get(0).title());
    }

    @Test
    public void noResultsIsAnEmptyList() throws CatalogueException {
        assertEquals(List.of(), SearchResultsParser.parse("[]", SEARCH));
    }

    @Test
    public void resultsWithoutLinksAreALayoutChange() {
        String renamed = page("search/attack.json").replace("\"link\":", "\"url\":");

        CatalogueException failure = failure(() -> SearchResultsParser.parse(renamed, SEARCH));

        assertEquals(Reason.LAYOUT_CHANGED, failure.reason());
        assertEquals("[].link", failure.selector());
    }

    @Test
    public void anHtmlAnswerIsALayoutChange() {
        CatalogueException failure = failure(() -> SearchResultsParser.parse("<html><body>Suche</body></html>", SEARCH));

        assertEquals(Reason.LAYOUT_CHANGED, failure.reason());
    }
}
