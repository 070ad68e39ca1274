package org.catalogarr.site.aniworld;

import static org.catalogarr.site.aniworld.Fixtures.failure;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.catalogarr.catalogue.api.CatalogueException;
import org.catalogarr.catalogue.api.CatalogueException.Reason;
import org.catalogarr.catalogue.api.Episode;
import org.catalogarr.catalogue.api.EpisodeOffers;
import org.catalogarr.catalogue.api.IndexedTitle;
import org.catalogarr.catalogue.api.Language;
import org.catalogarr.catalogue.api.NewRelease;
import org.catalogarr.catalogue.api.Offer;
import org.catalogarr.testkit.FakeAniWorld;
import org.catalogarr.testkit.FakeSite.Scenario;
import org.catalogarr.testkit.ListingFailure;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** The component against a fake AniWorld on loopback, configured as Config Admin would. */
public class AniWorldCatalogueTest {

    private static final String AOT = "attack-on-titan";
    private static final String VOE_BASE = "http://127.0.0.1:1/voe";

    private FakeAniWorld fake;
    private AniWorldCatalogue catalogue;

    @Before
    public void startSite() {
        fake = new FakeAniWorld();
        fake.start();
        fake.placeholder("VOE_BASE", VOE_BASE);
        catalogue = new AniWorldCatalogue();
        catalogue.configure(null, properties());
    }

    @After
    public void stopSite() {
        fake.close();
    }

    private Map<String, Object> properties() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("enabled", true);
        properties.put("display_name", "AniWorld");
        properties.put("base_url", fake.baseUrl().toString());
        properties.put("search_priority", 1);
        properties.put("default_languages", "german-dub, german-sub, english-sub");
        properties.put("search_timeout_seconds", 2);
        properties.put("plain_http_hosts", "127.0.0.1");
        properties.put("index_url", "/animes-alphabet");
        properties.put("index_refresh_hours", 24);
        properties.put("availability_ttl_hours", 6);
        properties.put("user_agent", "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0");
        properties.put("challenge_backoff_seconds", 30);
        properties.put("anime", true);
        return properties;
    }

    private URI redirect(String id) {
        return fake.baseUrl().resolve("/redirect/" + id);
    }

    @Test
    public void anUnconfiguredSiteRefusesToWork() {
        AniWorldCatalogue unconfigured = new AniWorldCatalogue();

        CatalogueException failure = failure(unconfigured::index);

        assertEquals(Reason.SITE_ERROR, failure.reason());
        assertTrue(failure.getMessage(), failure.getMessage().contains("not configured"));
    }

    @Test
    public void theIndexListsEverySeriesOnceWithAlternativeTitles() throws CatalogueException {
        List<IndexedTitle> index = catalogue.index();

        assertEquals(13, index.size());
        assertEquals(13, index.stream().map(IndexedTitle::slug).distinct().count());
        assertTrue(index.contains(new IndexedTitle(AOT, "Attack on Titan", List.of("Shingeki no Kyojin", "進撃の巨人"))));
        assertTrue(index.stream().anyMatch(t -> t.title().equals("JoJo's Bizarre Adventure")));
        assertEquals(List.of("GET /animes-alphabet"), fake.requests());
    }

    @Test
    public void theGenreIndexIsDeduplicated() throws CatalogueException {
        Map<String, Object> properties = properties();
        properties.put("index_url", "/animes");
        catalogue.configure(null, properties);

        List<IndexedTitle> index = catalogue.index();

        assertEquals(7, index.size());
        assertEquals(1, index.stream().filter(t -> t.slug().equals(AOT)).count());
    }

    @Test
    public void searchKeepsOnlySeriesLinks() throws CatalogueException {
        List<IndexedTitle> results = catalogue.search("Attack on Titan");

        assertEquals(List.of(AOT, "attack-on-titan-junior-high"), results.stream().map(IndexedTitle::slug).toList());
        assertEquals("Attack on Titan", results.get(0).title());
        assertEquals(List.of("POST /ajax/search"), fake.requests());
    }

    @Test
    public void aSearchWithoutHitsIsEmpty() throws CatalogueException {
        assertEquals(List.of(), catalogue.search("zzz"));
    }

    @Test
    public void theSeriesHasItsSeasonsAndMovies() throws CatalogueException {
        assertEquals(List.of(0, 1, 2, 3, 4), catalogue.series(AOT).seasons());
        assertEquals(List.of(0), catalogue.series("movies-only-show").seasons());
    }

    @Test
    public void episodesOfASeasonAndTheMovies() throws CatalogueException {
        assertEquals(List.of(1, 2, 3), catalogue.episodes(AOT, 1).stream().map(Episode::number).toList());
        List<Episode> movies = catalogue.episodes(AOT, 0);

        assertEquals(List.of(new Episode(0, 1, "", "Attack on Titan: Crimson Bow and Arrow [Movie][Part 1]"),
                new Episode(0, 2, "", "Attack on Titan: Wings of Freedom [Movie][Part 2]")), movies);
        assertEquals("GET /anime/stream/attack-on-titan/filme", fake.requests().get(1));
    }

    @Test
    public void offersOfAnEpisodeInEveryLanguage() throws CatalogueException {
        EpisodeOffers offers = catalogue.offers(AOT, 1, 1);

        assertEquals(Set.of(Language.GERMAN_DUB, Language.ENGLISH_SUB, Language.GERMAN_SUB), offers.languages());
        assertEquals(6, offers.offers().size());
        assertTrue(offers.offers().contains(new Offer("VOE", Language.ENGLISH_SUB, redirect("1102"))));
    }

    @Test
    public void anEpisodeWithGermanSubtitlesOnly() throws CatalogueException {
        EpisodeOffers offers = catalogue.offers(AOT, 1, 2);

        assertEquals(Set.of(Language.GERMAN_SUB), offers.languages());
        assertTrue(offers.offers().stream().allMatch(offer -> offer.language() == Language.GERMAN_SUB));
    }

    @Test
    public void offersOfAMovie() throws CatalogueException {
        EpisodeOffers offers = catalogue.offers(AOT, 0, 1);

        assertEquals(0, offers.season());
        assertEquals(List.of("GET /anime/stream/attack-on-titan/filme/film-1"), fake.requests());
        assertEquals(2, offers.offers().size());
    }

    @Test
    public void resolvingAnOfferGivesTheHostersEmbedUrl() throws CatalogueException {
        Offer voe = catalogue.offers(AOT, 1, 1).offers().get(0);

        assertEquals(URI.create(VOE_BASE + "/e/aot0101de"), catalogue.resolve(voe.redirect()));
    }

    @Test
    public void aRedirectToADeadHostIsReturnedWithoutContactingIt() throws Exception {
        URI target = catalogue.resolve(redirect("9001"));

        assertEquals(URI.create(fake.redirectTarget("9001").orElseThrow()), target);
    }

    @Test
    public void aRedirectBackToTheHomePageMeansTheLinkIsGone() {
        CatalogueException failure = failure(() -> catalogue.resolve(redirect("9002")));

        assertEquals(Reason.NOT_FOUND, failure.reason());
        assertTrue(failure.getMessage(), failure.getMessage().contains("gone"));
    }

    @Test
    public void anUnknownRedirectIsNotFound() {
        assertEquals(Reason.NOT_FOUND, failure(() -> catalogue.resolve(redirect("424242"))).reason());
    }

    @Test
    public void aChallengeBlocksAndTheSiteIsLeftAloneWhileBackingOff() {
        CatalogueException challenge = failure(() -> catalogue.resolve(redirect(FakeAniWorld.CHALLENGE_REDIRECT_ID)));
        fake.clearRequests();
        long start = System.nanoTime();
        CatalogueException next = failure(catalogue::index);

        assertEquals(Reason.BLOCKED, challenge.reason());
        assertEquals(Reason.BLOCKED, next.reason());
        assertEquals(List.of(), fake.requests());
        assertTrue((System.nanoTime() - start) / 1_000_000 < 500);
    }

    @Test
    public void resolveRefusesLinksOfOtherHosts() {
        assertThrows(IllegalArgumentException.class, () -> catalogue.resolve(URI.create("https://example.org/redirect/1")));
    }

    @Test
    public void anUnknownSlugIsNotFoundThoughTheSiteAnswers200() {
        assertEquals(Reason.NOT_FOUND, failure(() -> catalogue.series("unknown-slug")).reason());
        assertEquals(Reason.NOT_FOUND, failure(() -> catalogue.offers("unknown-slug", 1, 1)).reason());
    }

    @Test
    public void aMissingSeasonIsNotFound() {
        assertEquals(Reason.NOT_FOUND, failure(() -> catalogue.episodes(AOT, 9)).reason());
    }

    @Test
    public void badArgumentsAreRefusedBeforeAnyRequest() {
        assertThrows(IllegalArgumentException.class, () -> catalogue.series("Attack on Titan"));
        assertThrows(IllegalArgumentException.class, () -> catalogue.episodes(AOT, -1));
        assertThrows(IllegalArgumentException.class, () -> catalogue.offers(AOT, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> catalogue.search(" "));
        assertEquals(List.of(), fake.requests());
    }

    @Test
    public void serverErrorsAreRetried() throws CatalogueException {
        fake.scenario(Scenario.ERROR_THEN_OK);

        assertEquals("Attack on Titan", catalogue.series(AOT).title());
        assertEquals(3, fake.requests().size());
    }

    @Test
    public void aRateLimitIsWaitedOut() throws CatalogueException {
        fake.scenario(Scenario.RATE_LIMITED_ONCE);
        long start = System.nanoTime();

        assertEquals(13, catalogue.index().size());
        assertTrue((System.nanoTime() - start) / 1_000_000 >= 900);
        assertEquals(2, fake.requests().size());
    }

    @Test
    public void aSlowSiteTimesOut() {
        Map<String, Object> properties = properties();
        properties.put("search_timeout_seconds", 1);
        catalogue.configure(null, properties);
        fake.slowDelayMillis(2_000);
        fake.scenario(Scenario.SLOW);

        assertEquals(Reason.TIMEOUT, failure(() -> catalogue.series(AOT)).reason());
    }

    @Test
    public void ddosGuardBlocks() {
        fake.scenario(Scenario.DDOS_GUARD);

        assertEquals(Reason.BLOCKED, failure(() -> catalogue.series(AOT)).reason());
    }

    @Test
    public void renamedMarkupIsALayoutChangeNamingTheSelector() {
        fake.scenario(Scenario.LAYOUT_CHANGED);

        assertEquals(IndexPageParser.CONTAINER, failure(catalogue::index).selector());
        assertEquals(SearchResultsParser.LINK, failure(() -> catalogue.search("attack")).selector());
        assertEquals(SeriesPageParser.HEADING, failure(() -> catalogue.series(AOT)).selector());
        assertEquals(SeasonPageParser.TABLE, failure(() -> catalogue.episodes(AOT, 1)).selector());
        CatalogueException offers = failure(() -> catalogue.offers(AOT, 1, 1));
        assertEquals(Reason.LAYOUT_CHANGED, offers.reason());
        assertEquals(EpisodePageParser.HOSTER_BLOCK, offers.selector());
    }

    @Test
    public void newReleasesAreTheHomePagesListingAndTheirPagesOfferWhatTheyFlag() throws CatalogueException {
        List<NewRelease> releases = catalogue.newReleases();

        assertEquals(FakeAniWorld.NEW_EPISODES.size(), releases.size());
        NewRelease newest = releases.get(0);
        assertEquals("kaguya-sama-love-is-war", newest.slug());
        assertEquals(Set.of(Language.GERMAN_SUB), newest.languages());
        assertEquals(Set.of(Language.GERMAN_SUB), catalogue.offers(newest.slug(), 1, 6).languages());
        assertEquals(Set.of(Language.GERMAN_SUB), catalogue.offers("one-piece", 21, 5).languages());
        assertEquals(List.of("GET /"), fake.requests().subList(0, 1));
    }

    @Test
    public void aFailingListingSaysWhy() {
        fake.listingFailure(ListingFailure.LAYOUT_CHANGED);
        assertEquals("div.newEpisodeList", failure(catalogue::newReleases).selector());

        fake.listingFailure(ListingFailure.SERVER_ERROR);
        assertEquals(Reason.SITE_ERROR, failure(catalogue::newReleases).reason());
    }
}
