package org.catalogarr.site.sto;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.util.List;

import org.catalogarr.catalogue.api.CatalogueException;
import org.catalogarr.catalogue.api.CatalogueException.Reason;
import org.catalogarr.catalogue.api.Series;
import org.junit.Test;

public class SeriesPageParserTest {

    private static final URI SERIES = Fixtures.url("/serie/attack-on-titan");

    @Test
    public void readsTitleYearAndSeasonsWithTheMoviesAsSeasonZero() throws CatalogueException {
        Series series = SeriesPageParser.parse(Fixtures.page("serie/attack-on-titan.html"), SERIES, "attack-on-titan");

        assertEquals(new Series("attack-on-titan", "Attack on Titan", List.of(), 2013, List.of(0, 1, 2, 3)), series);
    }

    @Test
    public void readsTheAlternativeTitlesOfTheHeaderGroup() throws CatalogueException {
        Series series = SeriesPageParser.parse(Fixtures.page("serie/die-bruecke.html"), Fixtures.url("/serie/die-bruecke"),
                "die-bruecke");

        assertEquals("Die Brücke – Transit in den Tod", series.title());
        assertEquals(List.of("The Bridge", "Bron/Broen"), series.alternativeTitles());
    }

    @Test
    public void theV1MarkupOfBefore2026IsALayoutChange() {
        CatalogueException failure = Fixtures.failure(Reason.LAYOUT_CHANGED,
                () -> SeriesPageParser.parse(Fixtures.page("v1/serie-stream.html"),
                        Fixtures.url("/serie/stream/attack-on-titan"), "attack-on-titan"));

        assertEquals(SeriesPageParser.HEADER, failure.selector());
        assertTrue(failure.getMessage(), failure.getMessage().contains("v1 markup"));
    }

    @Test
    public void aSeasonPageListsTheSameSeasons() throws CatalogueException {
        Series series = SeriesPageParser.parse(Fixtures.page("serie/attack-on-titan/staffel-2.html"),
                Fixtures.url("/serie/attack-on-titan/staffel-2"), "attack-on-titan");

        assertEquals(List.of(0, 1, 2, 3), series.seasons());
    }

    @Test
    public void aPageWithoutYearLinkHasYearZero() throws CatalogueException {
        String page = Fixtures.page("serie/attack-on-titan.html").replace("href=\"/jahr/2013\"", "href=\"#\"");

        assertEquals(0, SeriesPageParser.parse(page, SERIES, "attack-on-titan").startYear());
    }

    @Test
    public void namesTheHeaderWhenItIsRenamed() {
        String renamed = Fixtures.page("serie/attack-on-titan.html").replace("show-header-wrapper", "hero-header");

        CatalogueException failure = Fixtures.failure(Reason.LAYOUT_CHANGED,
                () -> SeriesPageParser.parse(renamed, SERIES, "attack-on-titan"));

        assertEquals(SeriesPageParser.HEADER, failure.selector());
    }

    @Test
    public void namesTheSeasonPillsWhenTheyAreRenamed() {
        String renamed = Fixtures.page("serie/attack-on-titan.html").replace("data-season-pill", "data-staffel");

        CatalogueException failure = Fixtures.failure(Reason.LAYOUT_CHANGED,
                () -> SeriesPageParser.parse(renamed, SERIES, "attack-on-titan"));

        assertEquals(SeriesPageParser.SEASON_PILLS, failure.selector());
    }
}
