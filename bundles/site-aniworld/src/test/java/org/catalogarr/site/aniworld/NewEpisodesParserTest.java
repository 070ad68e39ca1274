package org.catalogarr.site.aniworld;

import static org.catalogarr.site.aniworld.Fixtures.failure;
import static org.catalogarr.site.aniworld.Fixtures.page;
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
import org.catalogarr.testkit.FakeAniWorld;
import org.catalogarr.testkit.ListedRelease;
import org.junit.Test;

public class NewEpisodesParserTest {

    private static final URI HOME = Fixtures.SITE.resolve("/");

    private static String home(String entries) {
        return page("home.html").replace("{{NEW_EPISODES}}", entries);
    }

    private static String entry(String href, String inside) {
        return "<div class=\"col-md-12 newEpisode\"><a href=\"" + href + "\">" + inside + "</a></div>\n";
    }

    @Test
    public void readsEveryEntryOfTheHomePageWithItsFlagAndGermanTime() throws CatalogueException {
        List<NewRelease> releases = NewEpisodesParser.parse(home(FakeAniWorld.newEpisodesHtml(FakeAniWorld.NEW_EPISODES)),
                HOME);

        assertEquals(FakeAniWorld.NEW_EPISODES.size(), releases.size());
        for (int i = 0; i < releases.size(); i++) {
            ListedRelease listed = FakeAniWorld.NEW_EPISODES.get(i);
            assertEquals(new NewRelease(listed.slug(), listed.title(), listed.season(), listed.episode(),
                    Set.of(Language.fromCode(listed.language()).orElseThrow()), listed.releasedAt()), releases.get(i));
        }
        assertEquals("JoJo's Bizarre Adventure", releases.get(7).seriesTitle());
    }

    @Test
    public void readsTheSitesLocalTimeInSummerAndWinter() {
        assertEquals(Instant.parse("2026-07-01T19:30:00Z"), NewEpisodesParser.releasedAt("01.07.2026 21:30").orElseThrow());
        assertEquals(Instant.parse("2026-01-05T08:05:00Z"), NewEpisodesParser.releasedAt("5.1.2026 um 9:05").orElseThrow());
        assertTrue(NewEpisodesParser.releasedAt("31.02.2026 10:00").isEmpty());
        assertTrue(NewEpisodesParser.releasedAt("gestern").isEmpty());
    }

    @Test
    public void aMovieIsSeasonZeroAndUnknownFlagsAreNoHint() throws CatalogueException {
        String html = home(entry("/anime/stream/attack-on-titan/filme/film-2",
                "<strong>Attack on Titan</strong><span class=\"listTag\">Film 2</span>"
                        + "<img class=\"flag\" data-lang-key=\"9\" src=\"/public/img/x.svg\">"
                        + "<span class=\"elementFloatRight\">03.12.2026 18:00</span>"));

        NewRelease movie = NewEpisodesParser.parse(html, HOME).get(0);

        assertEquals(new NewRelease("attack-on-titan", "Attack on Titan", 0, 2, Set.of(),
                Instant.parse("2026-12-03T17:00:00Z")), movie);
    }

    @Test
    public void incompleteEntriesAreSkipped() throws CatalogueException {
        String html = home(entry("/anime/stream/naruto", "<strong>Naruto</strong>"
                + "<span class=\"elementFloatRight\">03.12.2026 18:00</span>")
                + entry("/anime/stream/naruto/staffel-1/episode-3", "<strong>Naruto</strong>")
                + entry("/anime/stream/naruto/staffel-1/episode-2", "<strong>Naruto</strong>"
                        + "<img class=\"flag\" data-lang-key=\"1\"><span class=\"elementFloatRight\">03.12.2026 17:00</span>"));

        List<NewRelease> releases = NewEpisodesParser.parse(html, HOME);

        assertEquals(List.of(new NewRelease("naruto", "Naruto", 1, 2, Set.of(Language.GERMAN_DUB),
                Instant.parse("2026-12-03T16:00:00Z"))), releases);
    }

    @Test
    public void aHomePageWithoutTheListingIsALayoutChange() {
        String renamed = home(FakeAniWorld.newEpisodesHtml(FakeAniWorld.NEW_EPISODES)).replace("newEpisodeList", "feed");

        CatalogueException failure = failure(() -> NewEpisodesParser.parse(renamed, HOME));

        assertEquals(Reason.LAYOUT_CHANGED, failure.reason());
        assertEquals("div.newEpisodeList", failure.selector());
    }

    @Test
    public void entriesInOtherMarkupAreALayoutChangeNamingTheirSelector() {
        String renamed = home(FakeAniWorld.newEpisodesHtml(FakeAniWorld.NEW_EPISODES))
                .replace("newEpisode\"", "episodeCard\"");
        String undated = home(FakeAniWorld.newEpisodesHtml(FakeAniWorld.NEW_EPISODES))
                .replace("elementFloatRight", "releaseDate");

        assertEquals("div.newEpisodeList div.newEpisode", failure(() -> NewEpisodesParser.parse(renamed, HOME)).selector());
        String selector = failure(() -> NewEpisodesParser.parse(undated, HOME)).selector();
        assertTrue(selector, selector.contains("span.elementFloatRight"));
    }

    @Test
    public void aHugeListingIsCut() throws CatalogueException {
        StringBuilder entries = new StringBuilder();
        for (int i = 1; i <= 1_000; i++) {
            entries.append(entry("/anime/stream/one-piece/staffel-1/episode-" + i, "<strong>One Piece</strong>"
                    + "<span class=\"elementFloatRight\">03.12.2026 17:00</span>"));
        }

        assertEquals(CatalogueProvider.MAX_NEW_RELEASES, NewEpisodesParser.parse(home(entries.toString()), HOME).size());
    }
}
