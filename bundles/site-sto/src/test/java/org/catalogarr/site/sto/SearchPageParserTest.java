package org.catalogarr.site.sto;

import static org.junit.Assert.assertEquals;

import java.net.URI;
import java.util.List;

import org.catalogarr.catalogue.api.CatalogueException;
import org.catalogarr.catalogue.api.CatalogueException.Reason;
import org.catalogarr.catalogue.api.IndexedTitle;
import org.junit.Test;

public class SearchPageParserTest {

    private static final URI SEARCH = Fixtures.url("/suche?term=rookie&tab=shows");

    @Test
    public void readsOnlyTheShowCardsNotTheEpisodeLinksToOtherSeries() throws CatalogueException {
        List<IndexedTitle> titles = SearchPageParser.parse(Fixtures.page("suche/rookie.html"), SEARCH);

        assertEquals(List.of(new IndexedTitle("the-rookie", "The Rookie", List.of()),
                new IndexedTitle("the-rookie-feds", "The Rookie: Feds", List.of())), titles);
    }

    @Test
    public void anEmptyResultGroupIsNoMatch() throws CatalogueException {
        assertEquals(List.of(), SearchPageParser.parse(Fixtures.page("suche/empty.html"), SEARCH));
    }

    @Test
    public void fallsBackToTheCoverTextWhenACardHasNoHeading() throws CatalogueException {
        String page = Fixtures.page("suche/rookie.html").replace("<h6 class=\"show-title\">The Rookie</h6>", "");

        assertEquals("The Rookie", SearchPageParser.parse(page, SEARCH).get(0).title());
    }

    @Test
    public void namesTheSelectorWhenTheResultGroupsAreRenamed() {
        String renamed = Fixtures.page("suche/rookie.html").replace("results-group", "result-grid");

        CatalogueException failure = Fixtures.failure(Reason.LAYOUT_CHANGED,
                () -> SearchPageParser.parse(renamed, SEARCH));

        assertEquals(SearchPageParser.GROUPS, failure.selector());
    }
}
