package org.catalogarr.site.sto;

import static org.catalogarr.site.sto.Fixtures.failure;
import static org.catalogarr.site.sto.Fixtures.page;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.catalogarr.catalogue.api.CatalogueException;
import org.catalogarr.catalogue.api.CatalogueException.Reason;
import org.catalogarr.catalogue.api.CatalogueProvider;
import org.catalogarr.catalogue.api.Language;
import org.catalogarr.catalogue.api.NewRelease;
import org.catalogarr.testkit.FakeSto;
import org.catalogarr.testkit.ListedRelease;
import org.junit.Test;

public class LatestEpisodesParserTest {

    private static final URI HOME = Fixtures.url("/");

    private static String home(String entries) {
        return page("home.html").replace("{{NEW_EPISODES}}", entries);
    }

    private static String entry(String href, String inside) {
        return "<li class=\"latest-episode\"><a href=\"" + href + "\">" + inside + "</a></li>\n";
    }

    @Test
    public void readsEveryEntryWithItsFlagsAndTime() throws CatalogueException {
        List<NewRelease> releases = LatestEpisodesParser.parse(home(FakeSto.newEpisodesHtml(FakeSto.NEW_EPISODES)), HOME);

        assertEquals(FakeSto.NEW_EPISODES.size(), releases.size());
        for (int i = 0; i < releases.size(); i++) {
            ListedRelease listed = FakeSto.NEW_EPISODES.get(i);
            assertEquals(new NewRelease(listed.slug(), listed.title(), listed.season(), listed.episode(),
                    Set.of(Language.fromCode(listed.language()).orElseThrow()), listed.releasedAt()), releases.get(i));
        }
        assertEquals("Élite", releases.get(7).seriesTitle());
        assertEquals(Set.of(Language.GERMAN_SUB), releases.get(7).languages());
    }

    @Test
    public void aTimeWithoutAZoneIsTheSitesLocalTime() {
        assertEquals(Instant.parse("2026-12-04T20:15:00Z"), LatestEpisodesParser.releasedAt("2026-12-04T21:15").orElseThrow());
        assertEquals(Instant.parse("2026-07-04T19:15:00Z"),
                LatestEpisodesParser.releasedAt("2026-07-04 21:15:00").orElseThrow());
        assertEquals(Instant.parse("2026-12-04T21:15:00Z"),
                LatestEpisodesParser.releasedAt("2026-12-04T21:15:00Z").orElseThrow());
        assertTrue(LatestEpisodesParser.releasedAt("vor 2 Stunden").isEmpty());
    }

    @Test
    public void flagsAreReadFromClassesReferencesAndImages() throws CatalogueException {
        String html = home(entry("/serie/dark/staffel-1/episode-2", "<span class=\"latest-episode-show\">Dark</span>"
                + "<svg class=\"watch-language\"><use href=\"#icon-flag-english-german\"></use></svg>"
                + "<img class=\"flag\" src=\"/public/img/german.svg\"><time datetime=\"2026-12-04T21:15:00+01:00\">x</time>"));

        NewRelease release = LatestEpisodesParser.parse(html, HOME).get(0);

        assertEquals(new NewRelease("dark", "Dark", 1, 2, Set.of(Language.GERMAN_SUB, Language.GERMAN_DUB),
                Instant.parse("2026-12-04T20:15:00Z")), release);
    }

    @Test
    public void incompleteEntriesAreSkipped() throws CatalogueException {
        String html = home(entry("/serie/dark", "<span class=\"latest-episode-show\">Dark</span>"
                + "<time datetime=\"2026-12-04T21:15:00+01:00\">x</time>")
                + entry("/serie/dark/staffel-1/episode-3", "<span class=\"latest-episode-show\">Dark</span>")
                + entry("/serie/dark/staffel-1/episode-1", "<span class=\"latest-episode-show\">Dark</span>"
                        + "<time datetime=\"2026-12-04T20:15:00+01:00\">x</time>"));

        assertEquals(List.of(new NewRelease("dark", "Dark", 1, 1, Set.of(), Instant.parse("2026-12-04T19:15:00Z"))),
                LatestEpisodesParser.parse(html, HOME));
    }

    @Test
    public void aHomePageWithoutTheListingIsALayoutChange() {
        String renamed = home(FakeSto.newEpisodesHtml(FakeSto.NEW_EPISODES)).replace("latest-episodes", "news");
        String entries = home(FakeSto.newEpisodesHtml(FakeSto.NEW_EPISODES)).replace("\"latest-episode\"", "\"teaser\"");
        String undated = home(FakeSto.newEpisodesHtml(FakeSto.NEW_EPISODES)).replace("datetime=", "data-time=");

        assertEquals("section.latest-episodes",
                failure(Reason.LAYOUT_CHANGED, () -> LatestEpisodesParser.parse(renamed, HOME)).selector());
        assertEquals("section.latest-episodes li.latest-episode",
                failure(Reason.LAYOUT_CHANGED, () -> LatestEpisodesParser.parse(entries, HOME)).selector());
        String selector = failure(Reason.LAYOUT_CHANGED, () -> LatestEpisodesParser.parse(undated, HOME)).selector();
        assertTrue(selector, selector.contains("time[datetime]"));
    }

    @Test
    public void aHugeListingIsCut() throws CatalogueException {
        StringBuilder entries = new StringBuilder();
        for (int i = 1; i <= 1_000; i++) {
            entries.append(entry("/serie/dark/staffel-1/episode-" + i, "<span class=\"latest-episode-show\">Dark</span>"
                    + "<time datetime=\"2026-12-04T20:15:00+01:00\">x</time>"));
        }

        assertEquals(CatalogueProvider.MAX_NEW_RELEASES, LatestEpisodesParser.parse(home(entries.toString()), HOME).size());
    }
}
