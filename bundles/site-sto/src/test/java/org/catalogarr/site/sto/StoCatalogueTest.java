package org.catalogarr.site.sto;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.catalogarr.catalogue.api.CatalogueException;
import org.catalogarr.catalogue.api.CatalogueException.Reason;
import org.catalogarr.catalogue.api.Episode;
import org.catalogarr.catalogue.api.EpisodeOffers;
import org.catalogarr.catalogue.api.IndexedTitle;
import org.catalogarr.catalogue.api.Language;
import org.catalogarr.catalogue.api.NewRelease;
import org.catalogarr.catalogue.api.Offer;
import org.catalogarr.catalogue.api.Series;
import org.catalogarr.testkit.FakeSite.Scenario;
import org.catalogarr.testkit.FakeSto;
import org.catalogarr.testkit.ListingFailure;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** The component against a fake s.to on loopback, configured the way Config Admin would. */
public class StoCatalogueTest {

    private static final String VOE_BASE = "http://127.0.0.1:7/voe";

    private FakeSto fake;
    private StoCatalogue catalogue;

    @Before
    public void start() {
        fake = new FakeSto();
        fake.placeholder("VOE_BASE", VOE_BASE);
        fake.start();
        catalogue = new StoCatalogue();
        catalogue.configure(null, properties());
    }

    @After
    public void stop() {
        fake.close();
    }

    private Map<String, Object> properties() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("enabled", true);
        properties.put("display_name", "s.to");
        properties.put("base_url", fake.baseUrl().toString());
        properties.put("search_priority", 2);
        properties.put("default_languages", "german-dub, english-dub");
        properties.put("search_timeout_seconds", 2);
        properties.put("plain_http_hosts", "127.0.0.1");
        properties.put("index_url", "/serien?by=alpha");
        properties.put("index_refresh_hours", 24);
        properties.put("availability_ttl_hours", 6);
        properties.put("user_agent", "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0");
        properties.put("challenge_backoff_seconds", 1);
        properties.put("anime", false);
        return properties;
    }

    private URI play(String token) {
        return URI.create(fake.baseUrl() + "/r?t=" + token);
    }

    private static List<String> slugs(List<IndexedTitle> titles) {
        return titles.stream().map(IndexedTitle::slug).toList();
    }

    @Test
    public void readsTheIndexFromTheConfiguredPage() throws CatalogueException {
        List<IndexedTitle> index = catalogue.index();

        assertEquals(15, index.size());
        assertTrue(index.contains(new IndexedTitle("rick-and-morty", "Rick and Morty", List.of())));
        assertEquals(List.of("GET /serien?by=alpha"), fake.requests());
    }

    @Test
    public void aNumberFindsBothSpellings() throws CatalogueException {
        List<String> expected = List.of("reno-911", "road-to-9-11", "9-1-1", "9-1-1-lone-star");

        assertEquals(expected, slugs(catalogue.search("911")));
        assertEquals(List.of("9-1-1", "9-1-1-lone-star", "reno-911", "road-to-9-11"), slugs(catalogue.search("9-1-1")));
    }

    @Test
    public void theTermsOfOneQueryAreAskedAtOnceNotOneAfterTheOther() throws CatalogueException {
        fake.scenario(Scenario.SLOW);
        fake.slowDelayMillis(700);

        long started = System.nanoTime();
        List<IndexedTitle> found = catalogue.search("Frieren: Beyond Journey's End");
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertEquals(List.of(), found);
        assertEquals(2, fake.requests().size());
        // One round trip is 700 ms; two in a row would be 1,400 ms. The rest of the margin is for a loaded machine.
        assertTrue("took " + tookMillis + " ms", tookMillis < 1_300);
    }

    @Test
    public void aMalformedSuggestAnswerFallsBackToTheSearchPageWithoutEpisodeLinks() throws CatalogueException {
        List<IndexedTitle> found = catalogue.search("rookie");

        assertEquals(List.of("the-rookie", "the-rookie-feds"), slugs(found));
        assertTrue(fake.requests().contains("GET /suche?term=rookie&tab=shows"));
    }

    @Test
    public void readsTheSeriesWithItsMoviesSeason() throws CatalogueException {
        Series series = catalogue.series("attack-on-titan");

        assertEquals("Attack on Titan", series.title());
        assertEquals(2013, series.startYear());
        assertEquals(List.of(0, 1, 2, 3), series.seasons());
    }

    @Test
    public void anUnknownSeriesIsNotFound() {
        Fixtures.failure(Reason.NOT_FOUND, () -> catalogue.series("no-such-show"));
    }

    @Test
    public void readsTheEpisodesOfASeasonAndOfTheMovies() throws CatalogueException {
        assertEquals(List.of(new Episode(2, 1, "Das Biest", "Beast Titan"), new Episode(2, 2, "Ich bin zu Hause", "I'm Home")),
                catalogue.episodes("attack-on-titan", 2));
        assertEquals(2, catalogue.episodes("attack-on-titan", 0).size());
        assertTrue(fake.requests().contains("GET /serie/attack-on-titan/staffel-0"));
    }

    @Test
    public void offersFollowTheLanguageIdsAndDropThePlaceholder() throws CatalogueException {
        EpisodeOffers offers = catalogue.offers("attack-on-titan", 1, 1);

        assertEquals(5, offers.offers().size());
        assertTrue(offers.offers().stream().noneMatch(offer -> offer.hoster().equals("Provider")));
        assertTrue(offers.offers().contains(new Offer("VOE", Language.GERMAN_SUB, play("eyJpdiI6ImFvdDEwMXZvZXN1YiJ9"))));
        assertTrue(offers.offers().contains(new Offer("Vidoza", Language.ENGLISH_DUB,
                play("eyJpdiI6ImFvdDEwMXZpZG96YWVuIn0"))));
    }

    @Test
    public void anUnreleasedEpisodeIsNotFound() {
        Fixtures.failure(Reason.NOT_FOUND, () -> catalogue.offers("attack-on-titan", 1, 99));
    }

    @Test
    public void resolvesAPlayLinkToTheHosterWithoutFollowingIt() throws CatalogueException {
        Offer voe = catalogue.offers("attack-on-titan", 1, 1).offers().get(0);

        assertEquals(URI.create(VOE_BASE + "/e/aot101de"), catalogue.resolve(voe.redirect()));
    }

    @Test
    public void aUsedPlayTokenIsNotFound() throws CatalogueException {
        URI link = play("eyJpdiI6ImFvdDEwMXZvZWVuIn0");
        catalogue.resolve(link);

        Fixtures.failure(Reason.NOT_FOUND, () -> catalogue.resolve(link));
    }

    @Test
    public void aLinkBackToTheSiteIsGone() {
        CatalogueException failure = Fixtures.failure(Reason.NOT_FOUND, () -> catalogue.resolve(play(FakeSto.GONE_TOKEN)));

        assertTrue(failure.getMessage(), failure.getMessage().contains("gone"));
    }

    @Test
    public void aTurnstileChallengeBlocksAndPausesTheSite() throws Exception {
        assertBlockedThenPaused(FakeSto.CHALLENGE_TOKEN);
    }

    @Test
    public void anAltchaChallengeBlocksAndPausesTheSite() throws Exception {
        assertBlockedThenPaused(FakeSto.ALTCHA_TOKEN);
    }

    private void assertBlockedThenPaused(String token) throws Exception {
        Fixtures.failure(Reason.BLOCKED, () -> catalogue.resolve(play(token)));
        int asked = fake.requests().size();

        long started = System.nanoTime();
        Fixtures.failure(Reason.BLOCKED, () -> catalogue.index());
        assertTrue("a paused site must fail at once", System.nanoTime() - started < 200_000_000L);
        assertEquals("a paused site must not be asked", asked, fake.requests().size());

        Thread.sleep(1_100);
        assertEquals(15, catalogue.index().size());
    }

    @Test
    public void playLinksOfOtherHostsAreRefused() {
        try {
            catalogue.resolve(URI.create("http://127.0.0.1:7/r?t=x"));
            fail("a foreign link must be refused");
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("127.0.0.1:7"));
        } catch (CatalogueException e) {
            fail("a foreign link must not be requested: " + e);
        }
        assertTrue(fake.requests().isEmpty());
    }

    @Test
    public void retriesServerErrorsUntilTheSiteAnswers() throws CatalogueException {
        fake.scenario(Scenario.ERROR_THEN_OK);

        assertEquals(15, catalogue.index().size());
        assertEquals(3, fake.requests().size());
    }

    @Test
    public void waitsAsToldWhenRateLimited() throws CatalogueException {
        fake.scenario(Scenario.RATE_LIMITED_ONCE);

        long started = System.nanoTime();
        assertEquals("Attack on Titan", catalogue.series("attack-on-titan").title());

        assertTrue("Retry-After: 1 must be honoured", System.nanoTime() - started >= 950_000_000L);
        assertEquals(2, fake.requests().size());
    }

    @Test
    public void aSiteSlowerThanItsBudgetTimesOut() {
        fake.scenario(Scenario.SLOW);
        fake.slowDelayMillis(3_000);

        long started = System.nanoTime();
        Fixtures.failure(Reason.TIMEOUT, () -> catalogue.index());

        assertTrue("the 2 s budget must end the wait", System.nanoTime() - started < 2_900_000_000L);
    }

    @Test
    public void ddosGuardBlocks() {
        fake.scenario(Scenario.DDOS_GUARD);

        CatalogueException failure = Fixtures.failure(Reason.BLOCKED, () -> catalogue.episodes("attack-on-titan", 1));

        assertTrue(failure.getMessage(), failure.getMessage().contains("DDoS-Guard"));
    }

    @Test
    public void renamedMarkupNamesTheMissingSelector() {
        fake.scenario(Scenario.LAYOUT_CHANGED);

        assertEquals(SeriesListParser.ITEMS, Fixtures.failure(Reason.LAYOUT_CHANGED, () -> catalogue.index()).selector());
        assertEquals(SeriesPageParser.HEADER,
                Fixtures.failure(Reason.LAYOUT_CHANGED, () -> catalogue.series("attack-on-titan")).selector());
        assertEquals(SeasonPageParser.ROWS,
                Fixtures.failure(Reason.LAYOUT_CHANGED, () -> catalogue.episodes("attack-on-titan", 1)).selector());
        assertEquals(EpisodePageParser.LINKS,
                Fixtures.failure(Reason.LAYOUT_CHANGED, () -> catalogue.offers("attack-on-titan", 1, 1)).selector());
        // The renamed suggest answer sends search to the page, whose result groups are renamed too.
        assertEquals(SearchPageParser.GROUPS,
                Fixtures.failure(Reason.LAYOUT_CHANGED, () -> catalogue.search("9-1-1")).selector());
    }

    @Test
    public void badArgumentsAreRefusedBeforeAnyRequest() {
        assertRefused(() -> catalogue.series("../admin"));
        assertRefused(() -> catalogue.series("Attack-On-Titan"));
        assertRefused(() -> catalogue.episodes("attack-on-titan", -1));
        assertRefused(() -> catalogue.offers("attack-on-titan", 1, 0));
        assertRefused(() -> catalogue.search("  "));
        assertTrue(fake.requests().isEmpty());
    }

    private static void assertRefused(Fixtures.Call call) {
        try {
            call.run();
            fail("expected the argument to be refused");
        } catch (IllegalArgumentException expected) {
            assertFalse(expected.getMessage().isBlank());
        } catch (CatalogueException e) {
            fail("expected the argument to be refused before a request, got " + e);
        }
    }

    @Test
    public void anUnconfiguredSiteSaysSo() {
        StoCatalogue unconfigured = new StoCatalogue();
        Map<String, Object> broken = properties();
        broken.put("base_url", "ftp://example.org");
        unconfigured.configure(null, broken);

        CatalogueException failure = Fixtures.failure(Reason.SITE_ERROR, () -> unconfigured.index());

        assertTrue(failure.getMessage(), failure.getMessage().contains("not configured"));
        assertTrue(failure.getMessage(), failure.getMessage().contains("base_url"));
    }

    @Test
    public void newReleasesAreTheHomePagesListingAndTheirPagesOfferWhatTheyReallyHave() throws CatalogueException {
        List<NewRelease> releases = catalogue.newReleases();

        assertEquals(FakeSto.NEW_EPISODES.size(), releases.size());
        assertEquals("the-rookie", releases.get(0).slug());
        assertEquals(Set.of(Language.ENGLISH_DUB), releases.get(1).languages());
        assertEquals(Set.of(Language.GERMAN_DUB), catalogue.offers("silo", 2, 3).languages());
        assertEquals(Set.of(Language.GERMAN_DUB, Language.ENGLISH_DUB),
                catalogue.offers("rick-and-morty", 8, 5).languages());
    }

    @Test
    public void aFailingListingSaysWhy() {
        fake.listingFailure(ListingFailure.LAYOUT_CHANGED);
        assertEquals("section.latest-episodes",
                Fixtures.failure(Reason.LAYOUT_CHANGED, catalogue::newReleases).selector());

        fake.listingFailure(ListingFailure.SERVER_ERROR);
        Fixtures.failure(Reason.SITE_ERROR, catalogue::newReleases);
    }

    @Test
    public void aMovedSiteIsFollowedAndItsNewAddressReported() throws CatalogueException {
        assertEquals(Optional.empty(), catalogue.movedTo());
        try (FakeSto newHome = new FakeSto()) {
            newHome.start();
            fake.movedTo(newHome.baseUrl().toString());

            assertEquals(List.of(0, 1, 2, 3), catalogue.series("attack-on-titan").seasons());
            assertEquals(Optional.of(newHome.baseUrl()), catalogue.movedTo());
            assertTrue(newHome.requests().contains("GET /serie/attack-on-titan"));

            fake.movedTo(null);
            catalogue.series("attack-on-titan");
            assertEquals("answering again, the site has not moved", Optional.empty(), catalogue.movedTo());
        }
    }

    @Test
    public void aPageRedirectWithinTheSiteIsNoMove() throws CatalogueException {
        fake.redirect("/serie/attack-on-titan-old", "/serie/attack-on-titan");

        catalogue.series("attack-on-titan-old");

        assertEquals(Optional.empty(), catalogue.movedTo());
    }

    @Test
    public void theV1MarkupIsALayoutChangeNotAMissingSeries() {
        fake.v1Markup(true);

        for (Fixtures.Call call : List.<Fixtures.Call>of(() -> catalogue.series("attack-on-titan"), () -> catalogue.index())) {
            CatalogueException failure = Fixtures.failure(Reason.LAYOUT_CHANGED, call);
            assertTrue(failure.getMessage(), failure.getMessage().contains("v1 markup"));
        }
    }
}
