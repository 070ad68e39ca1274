package org.catalogarr.site.sto;

import static org.junit.Assert.assertEquals;

import java.net.URI;
import java.util.List;

import org.catalogarr.catalogue.api.CatalogueException;
import org.catalogarr.catalogue.api.CatalogueException.Reason;
import org.catalogarr.catalogue.api.IndexedTitle;
import org.junit.Test;

public class SuggestParserTest {

    private static final URI SUGGEST = Fixtures.url("/api/search/suggest?term=9-1-1");

    @Test
    public void readsTheShowsAndIgnoresPeopleAndGenres() throws CatalogueException {
        List<IndexedTitle> titles = SuggestParser.parse(Fixtures.page("api/suggest-9-1-1.json"), SUGGEST);

        assertEquals(List.of(new IndexedTitle("9-1-1", "9-1-1", List.of()),
                new IndexedTitle("9-1-1-lone-star", "9-1-1: Lone Star", List.of())), titles);
    }

    @Test
    public void anEmptyShowListIsNoMatch() throws CatalogueException {
        assertEquals(List.of(), SuggestParser.parse(Fixtures.page("api/suggest-empty.json"), SUGGEST));
    }

    @Test
    public void aShowListThatIsNoListIsALayoutChange() {
        CatalogueException failure = Fixtures.failure(Reason.LAYOUT_CHANGED,
                () -> SuggestParser.parse(Fixtures.page("api/suggest-malformed.json"), SUGGEST));

        assertEquals(SuggestParser.SHOWS, failure.selector());
    }

    @Test
    public void anHtmlAnswerIsALayoutChange() {
        CatalogueException failure = Fixtures.failure(Reason.LAYOUT_CHANGED,
                () -> SuggestParser.parse("<html><body>Wartung</body></html>", SUGGEST));

        assertEquals(SuggestParser.SHOWS, failure.selector());
    }

    @Test
    public void aShowWithoutLinkIsALayoutChange() {
        CatalogueException failure = Fixtures.failure(Reason.LAYOUT_CHANGED,
                () -> SuggestParser.parse("{\"shows\":[{\"title\":\"9-1-1\",\"slug\":\"9-1-1\"}]}", SUGGEST));

        assertEquals(SuggestParser.SHOW, failure.selector());
    }
}
