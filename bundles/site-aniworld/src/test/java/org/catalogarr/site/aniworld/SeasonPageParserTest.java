package org.catalogarr.site.aniworld;

import static org.catalogarr.site.aniworld.Fixtures.failure;
import static org.catalogarr.site.aniworld.Fixtures.page;
import static org.catalogarr.site.aniworld.Fixtures.url;
import static org.junit.Assert.assertEquals;

import java.util.List;

import org.catalogarr.catalogue.api.CatalogueException;
import org.catalogarr.catalogue.api.CatalogueException.Reason;
import org.catalogarr.catalogue.api.Episode;
import org.junit.Test;

public class SeasonPageParserTest {

    @Test
    public void readsTheEpisodesOfASeason() throws CatalogueException {
        List<Episode> episodes = SeasonPageParser.parse(page("anime/stream/attack-on-titan/staffel-1.html"),
                url("anime/stream/attack-on-titan/staffel-1"), 1);

        assertEquals(List.of(new Episode(1, 1, "An dich, in 2000 Jahren", "To You, in 2000 Years"),
                new Episode(1, 2, "Der Tag, an dem alles begann & endete", "That Day"),
                new Episode(1, 3, "", "A Dim Light Amid Despair")), episodes);
    }

    @Test
    public void numbersMoviesByTheirFilmLink() throws CatalogueException {
        String page = page("anime/stream/attack-on-titan/filme.html")
                .replace("<meta itemprop=\"episodeNumber\" content=\"2\">", "<meta itemprop=\"episodeNumber\" content=\"7\">");

        List<Episode> movies = SeasonPageParser.parse(page, url("anime/stream/attack-on-titan/filme"), 0);

        assertEquals(List.of(new Episode(0, 1, "", "Attack on Titan: Crimson Bow and Arrow [Movie][Part 1]"),
                new Episode(0, 2, "", "Attack on Titan: Wings of Freedom [Movie][Part 2]")), movies);
    }

    @Test
    public void aRenamedEpisodeTableIsALayoutChange() {
        String renamed = page("anime/stream/attack-on-titan/staffel-1.html").replace("seasonEpisodesList", "episodeTable");

        CatalogueException failure = failure(() -> SeasonPageParser.parse(renamed,
                url("anime/stream/attack-on-titan/staffel-1"), 1));

        assertEquals(Reason.LAYOUT_CHANGED, failure.reason());
        assertEquals(SeasonPageParser.TABLE, failure.selector());
    }

    @Test
    public void aTableWithoutEpisodeRowsIsALayoutChange() {
        String renamed = page("anime/stream/attack-on-titan/staffel-1.html").replace("itemprop=\"episode\"", "");

        CatalogueException failure = failure(() -> SeasonPageParser.parse(renamed,
                url("anime/stream/attack-on-titan/staffel-1"), 1));

        assertEquals(SeasonPageParser.ROW, failure.selector());
    }

    @Test
    public void theNoticeOfAnUnknownSeriesIsNotFound() {
        CatalogueException failure = failure(() -> SeasonPageParser.parse(page("not-found.html"),
                url("anime/stream/unknown-slug/staffel-1"), 1));

        assertEquals(Reason.NOT_FOUND, failure.reason());
    }
}
