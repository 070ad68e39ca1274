package org.catalogarr.core.catalogue;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.catalogarr.catalogue.api.CatalogueException;
import org.catalogarr.catalogue.api.CatalogueException.Reason;
import org.catalogarr.catalogue.api.CatalogueSite;
import org.catalogarr.catalogue.api.EpisodeOffers;
import org.catalogarr.catalogue.api.IndexedTitle;
import org.catalogarr.catalogue.api.Language;
import org.catalogarr.catalogue.api.NewRelease;
import org.catalogarr.catalogue.api.Offer;
import org.catalogarr.core.store.AvailabilityStore;
import org.catalogarr.core.store.Database;
import org.catalogarr.core.store.TestDatabases;
import org.catalogarr.core.store.TitleMappingStore;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.osgi.service.event.Event;

public class NewReleaseFeedTest {

    private static final Instant T = Instant.parse("2026-12-04T20:00:00Z");

    private Database database;
    private final TestPools pools = new TestPools();
    private TitleIndex titleIndex;
    private NewReleaseFeed feed;
    private final CatalogueRegistry registry = new CatalogueRegistry(new RecordingEventAdmin());
    private final FakeProvider aniworld = new FakeProvider(site("aniworld", "AniWorld", 1));
    private final FakeProvider sto = new FakeProvider(site("sto", "s.to", 2));

    private static CatalogueSite site(String id, String name, int priority) {
        return new CatalogueSite(id, name, URI.create("https://" + id + ".example"), priority,
                List.of(Language.GERMAN_DUB), true, 1, Set.of(), 24, 6, "aniworld".equals(id));
    }

    private static EpisodeOffers offers(int season, int episode, Language... languages) {
        return new EpisodeOffers(season, episode, Set.of(languages),
                List.of(new Offer("VOE", languages[0], URI.create("https://site.example/redirect/" + episode))));
    }

    private static NewRelease release(String slug, String title, int season, int episode, Instant at,
            Language... flags) {
        return new NewRelease(slug, title, season, episode, Set.of(flags), at);
    }

    private static Instant minutesBefore(int minutes) {
        return T.minusSeconds(60L * minutes);
    }

    @Before
    public void setUp() throws Exception {
        database = TestDatabases.inMemory();
        aniworld.index(List.of(new IndexedTitle("attack-on-titan", "Attack on Titan", List.of("Shingeki no Kyojin"))));
        sto.index(List.of(new IndexedTitle("dark", "Dark", List.of())));
        aniworld.offers("attack-on-titan", offers(1, 1, Language.GERMAN_DUB, Language.GERMAN_SUB));
        aniworld.offers("attack-on-titan", offers(1, 2, Language.GERMAN_SUB));
        aniworld.offers("brand-new-show", offers(1, 1, Language.GERMAN_SUB));
        sto.offers("dark", offers(1, 1, Language.GERMAN_DUB, Language.ENGLISH_DUB));
        aniworld.newReleases(List.of(
                release("attack-on-titan", "Shingeki no Kyojin", 1, 2, minutesBefore(0), Language.GERMAN_SUB),
                release("attack-on-titan", "Shingeki no Kyojin", 1, 2, minutesBefore(10), Language.GERMAN_DUB),
                release("brand-new-show", "Brand New Show", 1, 1, minutesBefore(30), Language.GERMAN_SUB),
                release("attack-on-titan", "Shingeki no Kyojin", 1, 1, minutesBefore(60))));
        sto.newReleases(List.of(release("dark", "Dark", 1, 1, minutesBefore(20), Language.GERMAN_DUB)));
        registry.addProvider(aniworld);
        registry.addProvider(sto);
        titleIndex = new TitleIndex(registry, new TitleMappingStore(database), pools::probes);
        titleIndex.refresh("aniworld");
        titleIndex.refresh("sto");
        feed = new NewReleaseFeed(registry, titleIndex,
                new AvailabilityCache(registry, new AvailabilityStore(database), pools.probes::runSoon),
                pools::search, pools::probes, SearchServiceTest.config(60));
    }

    @After
    public void tearDown() throws InterruptedException {
        pools.close();
        titleIndex.stop();
        TestDatabases.close(database);
    }

    private static List<String> describe(SearchResult result) {
        return result.entries().stream().map(e -> e.siteId() + " " + e.slug() + " S" + e.season() + "E" + e.episode()
                + " " + e.language().code() + " -" + (T.getEpochSecond() - e.publishedAt().getEpochSecond()) / 60)
                .toList();
    }

    @Test
    public void mergesTheSitesNewestFirstDatedWithTheirReleaseTimes() {
        SearchResult result = feed.feed();

        assertEquals(List.of("aniworld attack-on-titan S1E2 german-sub -0", "sto dark S1E1 german-dub -20",
                "aniworld brand-new-show S1E1 german-sub -30", "aniworld attack-on-titan S1E1 german-dub -60",
                "aniworld attack-on-titan S1E1 german-sub -60"), describe(result));
        assertTrue(result.failures().isEmpty());
        assertEquals(2, result.sitesAsked());
    }

    @Test
    public void aFlaggedLanguageThatTheEpisodePageDoesNotOfferIsLeftOut() {
        SearchResult result = feed.feed();

        assertFalse(describe(result).stream().anyMatch(d -> d.contains("S1E2 german-dub")));
        assertFalse("the flag narrows what the page offers", describe(result).contains("sto dark S1E1 english-dub -20"));
        assertEquals(1, aniworld.calls().stream().filter(c -> c.equals("offers attack-on-titan 1 2")).count());
    }

    @Test
    public void titlesComeFromTheIndexElseFromTheListing() {
        List<ResultEntry> entries = feed.feed().entries();

        assertEquals("Attack on Titan", entries.get(0).seriesTitle());
        assertEquals("Brand New Show", entries.get(2).seriesTitle());
    }

    @Test
    public void aListingIsReusedWhileFreshAndReadAgainAfterTheSiteChanged() {
        feed.feed();
        feed.feed();
        assertEquals(1, aniworld.calls().stream().filter("newReleases"::equals).count());

        feed.handleEvent(new Event(CatalogueRegistry.TOPIC_CHANGED, Map.of(CatalogueRegistry.EVENT_SITE_ID, "aniworld",
                CatalogueRegistry.EVENT_CHANGE, "modified")));
        feed.feed();

        assertEquals(2, aniworld.calls().stream().filter("newReleases"::equals).count());
        assertEquals(1, sto.calls().stream().filter("newReleases"::equals).count());
    }

    @Test
    public void aFailingListingIsAWarningAndItsLastGoodListingStandsIn() {
        feed.use(SearchServiceTest.config(0));
        List<String> good = describe(feed.feed());
        aniworld.failNewReleases(new CatalogueException(Reason.SITE_ERROR, "aniworld answered with HTTP 500"));

        SearchResult result = feed.feed();

        assertEquals(good, describe(result));
        assertEquals(1, result.failures().size());
        SiteFailure warning = result.failures().get(0);
        assertEquals("aniworld", warning.siteId());
        assertEquals(Reason.SITE_ERROR, warning.reason());
        assertTrue(warning.message(), warning.message().startsWith("aniworld answered with HTTP 500; listing the new"
                + " episodes as of "));
        assertFalse(result.allFailed());
    }

    @Test
    public void aFailingListingWithoutAnEarlierOneLeavesTheOtherSitesItems() {
        aniworld.failNewReleases(CatalogueException.layoutChanged("div.newEpisodeList", "https://aniworld.example/"));

        SearchResult result = feed.feed();

        assertEquals(List.of("sto dark S1E1 german-dub -20"), describe(result));
        assertEquals(Reason.LAYOUT_CHANGED, result.failures().get(0).reason());
        assertFalse(result.allFailed());
    }

    @Test
    public void everyListingFailingWithNothingToStandInIsAllFailed() {
        aniworld.failNewReleases(new CatalogueException(Reason.BLOCKED, "aniworld: DDoS-Guard"));
        sto.failNewReleases(new CatalogueException(Reason.SITE_ERROR, "sto: HTTP 503"));

        SearchResult result = feed.feed();

        assertTrue(result.allFailed());
        assertEquals(2, result.failures().size());
    }

    @Test
    public void aListingSlowerThanTheBudgetIsATimeoutWarning() {
        sto.delayMillis(2_500);
        long started = System.nanoTime();

        SearchResult result = feed.feed();

        long millis = (System.nanoTime() - started) / 1_000_000;
        assertTrue("answered after " + millis + " ms", millis < 2_400);
        assertEquals(List.of("sto"), result.failures().stream().map(SiteFailure::siteId).toList());
        assertEquals(Reason.TIMEOUT, result.failures().get(0).reason());
        assertEquals(4, result.entries().size());
    }

    @Test
    public void aSlowSiteDoesNotEatIntoTheChecksOfTheOthers() {
        aniworld.delayMillis(2_500);
        sto.delayMillis(300);

        SearchResult result = feed.feed();

        assertEquals(List.of("sto dark S1E1 german-dub -20"), describe(result));
        assertEquals(List.of("aniworld"), result.failures().stream().map(SiteFailure::siteId).toList());
    }

    @Test
    public void theEpisodePagesAreAskedAFewAtATime() {
        List<NewRelease> releases = new ArrayList<>();
        for (int episode = 1; episode <= 12; episode++) {
            aniworld.offers("brand-new-show", offers(2, episode, Language.GERMAN_SUB));
            releases.add(release("brand-new-show", "Brand New Show", 2, episode, minutesBefore(episode)));
        }
        aniworld.newReleases(releases);
        aniworld.delayMillis(100);

        SearchResult result = feed.feed();

        assertEquals(12, result.entries().stream().filter(e -> e.siteId().equals("aniworld")).count());
        assertTrue("at most probe_concurrency (4): " + aniworld.mostCallsAtOnce(), aniworld.mostCallsAtOnce() <= 4);
        assertTrue("in parallel: " + aniworld.mostCallsAtOnce(), aniworld.mostCallsAtOnce() >= 2);
    }

    @Test
    public void aProviderWithoutAListingAddsNothingAndIsNoFailure() {
        FakeProvider old = new FakeProvider(site("old", "Old", 3));
        registry.addProvider(old);

        SearchResult result = feed.feed();

        assertEquals(5, result.entries().size());
        assertTrue(result.failures().isEmpty());
        assertEquals(3, result.sitesAsked());
    }

    @Test
    public void aSiteClockAheadOfOursDoesNotDateItemsInTheFuture() {
        sto.newReleases(List.of(release("dark", "Dark", 1, 1, Instant.now().plusSeconds(7_200))));

        Instant before = Instant.now();
        ResultEntry newest = feed.feed().entries().get(0);

        assertEquals("sto", newest.siteId());
        assertFalse(newest.publishedAt().isBefore(before));
        assertFalse(newest.publishedAt().isAfter(Instant.now()));
    }
}
