package org.catalogarr.site.aniworld;

import static org.catalogarr.site.aniworld.Fixtures.failure;
import static org.catalogarr.site.aniworld.Fixtures.page;
import static org.catalogarr.site.aniworld.Fixtures.url;
import static org.junit.Assert.assertEquals;

import java.net.URI;
import java.util.List;
import java.util.Set;

import org.catalogarr.catalogue.api.CatalogueException;
import org.catalogarr.catalogue.api.CatalogueException.Reason;
import org.catalogarr.catalogue.api.EpisodeOffers;
import org.catalogarr.catalogue.api.Language;
import org.catalogarr.catalogue.api.Offer;
import org.junit.Test;

public class EpisodePageParserTest {

    private static final String EPISODE_1 = "anime/stream/attack-on-titan/staffel-1/episode-1";

    private static Offer offer(String hoster, Language language, String id) {
        return new Offer(hoster, language, URI.create("https://aniworld.to/redirect/" + id));
    }

    @Test
    public void readsEveryLanguageAndEveryHosterIncludingHiddenOnes() throws CatalogueException {
        EpisodeOffers offers = EpisodePageParser.parse(page(EPISODE_1 + ".html"), url(EPISODE_1), 1, 1);

        assertEquals(1, offers.season());
        assertEquals(1, offers.episode());
        assertEquals(Set.of(Language.GERMAN_DUB, Language.ENGLISH_SUB, Language.GERMAN_SUB), offers.languages());
        assertEquals(List.of(offer("VOE", Language.GERMAN_DUB, "1101"), offer("VOE", Language.ENGLISH_SUB, "1102"),
                offer("VOE", Language.GERMAN_SUB, "1103"), offer("Filemoon", Language.GERMAN_DUB, "1104"),
                offer("Vidoza", Language.GERMAN_DUB, "1105"), offer("Vidoza", Language.GERMAN_SUB, "1106")),
                offers.offers());
    }

    @Test
    public void anEpisodeWithGermanSubtitlesOnlyOffersNothingElse() throws CatalogueException {
        String episode2 = "anime/stream/attack-on-titan/staffel-1/episode-2";

        EpisodeOffers offers = EpisodePageParser.parse(page(episode2 + ".html"), url(episode2), 1, 2);

        assertEquals(Set.of(Language.GERMAN_SUB), offers.languages());
        assertEquals(List.of(offer("VOE", Language.GERMAN_SUB, "1201"), offer("Vidoza", Language.GERMAN_SUB, "1202")),
                offers.offers());
    }

    @Test
    public void readsAMoviePage() throws CatalogueException {
        String film1 = "anime/stream/attack-on-titan/filme/film-1";

        EpisodeOffers offers = EpisodePageParser.parse(page(film1 + ".html"), url(film1), 0, 1);

        assertEquals(Set.of(Language.GERMAN_DUB, Language.GERMAN_SUB), offers.languages());
        assertEquals(List.of(offer("VOE", Language.GERMAN_DUB, "1401"), offer("VOE", Language.GERMAN_SUB, "1402")),
                offers.offers());
    }

    @Test
    public void redirectLinksFollowThePagesOwnHost() throws CatalogueException {
        URI loopback = URI.create("http://127.0.0.1:8123/" + EPISODE_1);

        EpisodeOffers offers = EpisodePageParser.parse(page(EPISODE_1 + ".html"), loopback, 1, 1);

        assertEquals(URI.create("http://127.0.0.1:8123/redirect/1101"), offers.offers().get(0).redirect());
    }

    @Test
    public void aRenamedHosterBlockIsALayoutChange() {
        String renamed = page(EPISODE_1 + ".html").replace("hosterSiteVideo", "streamHosters");

        CatalogueException failure = failure(() -> EpisodePageParser.parse(renamed, url(EPISODE_1), 1, 1));

        assertEquals(Reason.LAYOUT_CHANGED, failure.reason());
        assertEquals(EpisodePageParser.HOSTER_BLOCK, failure.selector());
    }

    @Test
    public void aRenamedLanguageSwitchIsALayoutChange() {
        String renamed = page(EPISODE_1 + ".html").replace("changeLanguageBox", "languageSwitch");

        CatalogueException failure = failure(() -> EpisodePageParser.parse(renamed, url(EPISODE_1), 1, 1));

        assertEquals(EpisodePageParser.LANGUAGE_SWITCH, failure.selector());
    }

    @Test
    public void anEntryWithoutHosterNameIsALayoutChange() {
        String renamed = page(EPISODE_1 + ".html").replaceAll("<h4>[^<]*</h4>", "").replace("title=\"Hoster ", "title=\"");

        CatalogueException failure = failure(() -> EpisodePageParser.parse(renamed, url(EPISODE_1), 1, 1));

        assertEquals(Reason.LAYOUT_CHANGED, failure.reason());
    }

    @Test
    public void theNoticeOfAnUnknownSeriesIsNotFound() {
        CatalogueException failure = failure(() -> EpisodePageParser.parse(page("not-found.html"),
                url("anime/stream/unknown-slug/staffel-1/episode-1"), 1, 1));

        assertEquals(Reason.NOT_FOUND, failure.reason());
    }
}
