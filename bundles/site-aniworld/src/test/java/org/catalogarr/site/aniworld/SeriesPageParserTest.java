package org.catalogarr.site.aniworld;

import static org.catalogarr.site.aniworld.Fixtures.failure;
import static org.catalogarr.site.aniworld.Fixtures.page;
import static org.catalogarr.site.aniworld.Fixtures.url;
import static org.junit.Assert.assertEquals;

import java.util.List;

import org.catalogarr.catalogue.api.CatalogueException;
import org.catalogarr.catalogue.api.CatalogueException.Reason;
import org.catalogarr.catalogue.api.Series;
import org.junit.Test;

public class SeriesPageParserTest {

    @Test
    public void readsTitleAlternativesYearAndSeasonsWithMoviesAsSeasonZero() throws CatalogueException {
        Series series = SeriesPageParser.parse(page("anime/stream/attack-on-titan.html"),
                url("anime/stream/attack-on-titan"));

        assertEquals(new Series("attack-on-titan", "Attack on Titan", List.of("Shingeki no Kyojin", "進撃の巨人"), 2013,
                List.of(0, 1, 2, 3, 4)), series);
    }

    @Test
    public void aSeriesOfMoviesOnlyHasSeasonZeroOnly() throws CatalogueException {
        Series series = SeriesPageParser.parse(page("anime/stream/movies-only-show.html"),
                url("anime/stream/movies-only-show"));

        assertEquals(new Series("movies-only-show", "Movies Only Show", List.of(), 2019, List.of(0)), series);
    }

    @Test
    public void theNoticeOfAnUnknownSeriesIsNotFound() {
        CatalogueException failure = failure(
                () -> SeriesPageParser.parse(page("not-found.html"), url("anime/stream/unknown-slug")));

        assertEquals(Reason.NOT_FOUND, failure.reason());
    }

    @Test
    public void aSeriesRedirectedAwayIsNotFound() {
        CatalogueException failure = failure(
                () -> SeriesPageParser.parse(page("animes-alphabet.html"), Fixtures.SITE.resolve("/")));

        assertEquals(Reason.NOT_FOUND, failure.reason());
    }

    @Test
    public void aRenamedTitleBlockIsALayoutChange() {
        String renamed = page("anime/stream/attack-on-titan.html").replace("series-title", "series-heading");

        CatalogueException failure = failure(
                () -> SeriesPageParser.parse(renamed, url("anime/stream/attack-on-titan")));

        assertEquals(Reason.LAYOUT_CHANGED, failure.reason());
        assertEquals(SeriesPageParser.HEADING, failure.selector());
    }

    @Test
    public void aPageWithoutSeasonLinksIsALayoutChange() {
        String moved = page("anime/stream/attack-on-titan.html").replace("/staffel-", "/season-").replace("/filme", "/movies");

        CatalogueException failure = failure(
                () -> SeriesPageParser.parse(moved, url("anime/stream/attack-on-titan")));

        assertEquals(Reason.LAYOUT_CHANGED, failure.reason());
    }
}
