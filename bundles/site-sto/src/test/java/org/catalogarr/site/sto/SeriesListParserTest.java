package org.catalogarr.site.sto;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.catalogarr.catalogue.api.CatalogueException;
import org.catalogarr.catalogue.api.CatalogueException.Reason;
import org.catalogarr.catalogue.api.IndexedTitle;
import org.junit.Test;

public class SeriesListParserTest {

    private static final URI INDEX = Fixtures.url("/serien?by=alpha");

    @Test
    public void readsEverySeriesOfTheAlphabeticalIndexOnce() throws CatalogueException {
        List<IndexedTitle> titles = SeriesListParser.parse(Fixtures.page("serien-alpha.html"), INDEX);

        assertEquals(List.of("9-1-1", "9-1-1-lone-star", "attack-on-titan", "dark", "dark-matter", "die-bruecke",
                "elite", "haus-des-geldes", "law-order-special-victims-unit", "reno-911", "rick-and-morty",
                "road-to-9-11", "silo", "sub-only-show", "the-rookie"), titles.stream().map(IndexedTitle::slug).toList());
        assertTrue(titles.stream().filter(title -> !title.slug().equals("haus-des-geldes"))
                .allMatch(title -> title.alternativeTitles().isEmpty()));
    }

    @Test
    public void readsTheAlternativeTitlesAnItemNames() throws CatalogueException {
        IndexedTitle heist = SeriesListParser.parse(Fixtures.page("serien-alpha.html"), INDEX).stream()
                .filter(title -> title.slug().equals("haus-des-geldes")).findFirst().orElseThrow();

        assertEquals(new IndexedTitle("haus-des-geldes", "Haus des Geldes", List.of("Money Heist", "La casa de papel")),
                heist);
    }

    @Test
    public void theV1MarkupOfBefore2026IsALayoutChangeNotAnEmptyIndex() {
        CatalogueException failure = Fixtures.failure(Reason.LAYOUT_CHANGED,
                () -> SeriesListParser.parse(Fixtures.page("v1/serien.html"), Fixtures.url("/serien")));

        assertEquals(SeriesListParser.ITEMS, failure.selector());
        assertTrue(failure.getMessage(), failure.getMessage().contains("v1 markup"));
    }

    @Test
    public void decodesEntitiesAndTrimsTitles() throws CatalogueException {
        Map<String, String> titles = SeriesListParser.parse(Fixtures.page("serien-alpha.html"), INDEX).stream()
                .collect(Collectors.toMap(IndexedTitle::slug, IndexedTitle::title));

        assertEquals("Law & Order: Special Victims Unit", titles.get("law-order-special-victims-unit"));
        assertEquals("Élite", titles.get("elite"));
        assertEquals("Attack on Titan", titles.get("attack-on-titan"));
        assertEquals("9-1-1: Lone Star", titles.get("9-1-1-lone-star"));
    }

    @Test
    public void readsALetterPageWithTheSameMarkup() throws CatalogueException {
        List<IndexedTitle> titles = SeriesListParser.parse(Fixtures.page("katalog-A.html"), Fixtures.url("/katalog/A"));

        assertEquals(List.of(new IndexedTitle("attack-on-titan", "Attack on Titan", List.of()),
                new IndexedTitle("american-horror-story", "American Horror Story", List.of())), titles);
    }

    @Test
    public void namesTheSelectorWhenTheListIsRenamed() {
        String renamed = Fixtures.page("serien-alpha.html").replace("series-item", "title-entry");

        CatalogueException failure = Fixtures.failure(Reason.LAYOUT_CHANGED,
                () -> SeriesListParser.parse(renamed, INDEX));

        assertEquals(SeriesListParser.ITEMS, failure.selector());
        assertTrue(failure.getMessage(), failure.getMessage().contains(INDEX.toString()));
    }

    @Test
    public void refusesItemsThatNoLongerLinkSeriesPages() {
        String renamed = Fixtures.page("serien-alpha.html").replace("href=\"/serie/", "href=\"/show/");

        CatalogueException failure = Fixtures.failure(Reason.LAYOUT_CHANGED,
                () -> SeriesListParser.parse(renamed, INDEX));

        assertEquals(SeriesListParser.LINK, failure.selector());
    }
}
