package org.catalogarr.site.sto;

import static org.junit.Assert.assertEquals;

import java.util.List;

import org.catalogarr.catalogue.api.CatalogueException;
import org.catalogarr.catalogue.api.CatalogueException.Reason;
import org.catalogarr.catalogue.api.Episode;
import org.junit.Test;

public class SeasonPageParserTest {

    @Test
    public void readsTheEpisodesFromTheRowScripts() throws CatalogueException {
        List<Episode> episodes = SeasonPageParser.parse(Fixtures.page("serie/attack-on-titan/staffel-1.html"),
                Fixtures.url("/serie/attack-on-titan/staffel-1"));

        assertEquals(List.of(new Episode(1, 1, "Dir, zweitausend Jahre später", "To You, in 2000 Years"),
                new Episode(1, 2, "An jenem Tag", "That Day"),
                new Episode(1, 3, "Ein schwacher Lichtschein inmitten der Verzweiflung", "A Dim Light Amid Despair")),
                episodes);
    }

    @Test
    public void readsTheMoviesTabAsSeasonZeroWithMissingEnglishTitlesEmpty() throws CatalogueException {
        List<Episode> movies = SeasonPageParser.parse(Fixtures.page("serie/attack-on-titan/staffel-0.html"),
                Fixtures.url("/serie/attack-on-titan/staffel-0"));

        assertEquals(List.of(new Episode(0, 1, "Attack on Titan: Feuerroter Bogen und Pfeil", "Crimson Bow and Arrow"),
                new Episode(0, 2, "Attack on Titan: Flügel der Freiheit", "")), movies);
    }

    @Test
    public void namesTheRowsWhenTheyAreRenamed() {
        String renamed = Fixtures.page("serie/attack-on-titan/staffel-1.html").replace("episode-row", "folge-row");

        CatalogueException failure = Fixtures.failure(Reason.LAYOUT_CHANGED,
                () -> SeasonPageParser.parse(renamed, Fixtures.url("/serie/attack-on-titan/staffel-1")));

        assertEquals(SeasonPageParser.ROWS, failure.selector());
    }

    @Test
    public void aRowWhoseScriptNoLongerNamesTheEpisodeIsALayoutChange() {
        String changed = Fixtures.page("serie/attack-on-titan/staffel-1.html")
                .replace("window.location='/serie/attack-on-titan/staffel-1/episode-2'", "openEpisode(90210)");

        CatalogueException failure = Fixtures.failure(Reason.LAYOUT_CHANGED,
                () -> SeasonPageParser.parse(changed, Fixtures.url("/serie/attack-on-titan/staffel-1")));

        assertEquals(SeasonPageParser.TARGET, failure.selector());
    }
}
