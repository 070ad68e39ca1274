package org.catalogarr.core.catalogue;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.lang.annotation.Annotation;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.catalogarr.catalogue.api.CatalogueException;
import org.catalogarr.catalogue.api.CatalogueException.Reason;
import org.catalogarr.catalogue.api.CatalogueSite;
import org.catalogarr.catalogue.api.Episode;
import org.catalogarr.catalogue.api.EpisodeOffers;
import org.catalogarr.catalogue.api.IndexedTitle;
import org.catalogarr.catalogue.api.Language;
import org.catalogarr.catalogue.api.NewRelease;
import org.catalogarr.catalogue.api.Offer;
import org.catalogarr.catalogue.api.Series;
import org.catalogarr.core.store.AvailabilityStore;
import org.catalogarr.core.store.Database;
import org.catalogarr.core.store.TestDatabases;
import org.catalogarr.core.store.TitleMappingStore;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.osgi.service.event.Event;

public class SearchServiceTest {

    private Database database;
    private final TestPools pools = new TestPools();
    private TitleIndex titleIndex;
    private SearchService search;
    private NewReleaseFeed newReleases;
    private AvailabilityCache availability;
    private final CatalogueRegistry registry = new CatalogueRegistry(new RecordingEventAdmin());
    private final FakeProvider aniworld = new FakeProvider(site("aniworld", "AniWorld", 1, true,
            List.of(Language.GERMAN_DUB, Language.GERMAN_SUB)));
    private final FakeProvider sto = new FakeProvider(site("sto", "s.to", 2, true, List.of(Language.GERMAN_DUB)));

    private static CatalogueSite site(String id, String name, int priority, boolean enabled, List<Language> languages) {
        return new CatalogueSite(id, name, URI.create("https://" + id + ".example"), priority, languages, enabled, 1,
                Set.of(), 24, 6, "aniworld".equals(id));
    }

    static SearchService.Config config(int cacheSeconds) {
        return new SearchService.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return SearchService.Config.class;
            }

            @Override
            public int result__cache__seconds() {
                return cacheSeconds;
            }

            @Override
            public int probe__concurrency() {
                return 4;
            }

            @Override
            public int new__releases__cache__seconds() {
                return cacheSeconds;
            }
        };
    }

    private static EpisodeOffers offers(int season, int episode, Language... languages) {
        return new EpisodeOffers(season, episode, Set.of(languages),
                List.of(new Offer("VOE", languages[0], URI.create("https://site.example/redirect/" + episode))));
    }

    private static SearchQuery query(String series, Integer season, Integer episode) {
        return new SearchQuery(Optional.ofNullable(series),
                season == null ? OptionalInt.empty() : OptionalInt.of(season),
                episode == null ? OptionalInt.empty() : OptionalInt.of(episode), OptionalInt.empty());
    }

    @Before
    public void setUp() throws Exception {
        database = TestDatabases.inMemory();
        for (FakeProvider site : List.of(aniworld, sto)) {
            site.index(List.of(new IndexedTitle("attack-on-titan", "Attack on Titan", List.of("Shingeki no Kyojin"))));
            site.series(new Series("attack-on-titan", "Attack on Titan", List.of(), 2013, List.of(0, 1, 2)));
            site.episodes("attack-on-titan", 1, IntStream.rangeClosed(1, 3)
                    .mapToObj(n -> new Episode(1, n, "Folge " + n, "Episode " + n)).toList());
            site.episodes("attack-on-titan", 2, IntStream.rangeClosed(1, 2)
                    .mapToObj(n -> new Episode(2, n, "", "")).toList());
        }
        aniworld.offers("attack-on-titan", offers(1, 1, Language.GERMAN_SUB, Language.GERMAN_DUB));
        aniworld.offers("attack-on-titan", offers(1, 2, Language.GERMAN_SUB));
        aniworld.offers("attack-on-titan", offers(1, 3, Language.GERMAN_DUB));
        aniworld.offers("attack-on-titan", offers(2, 1, Language.GERMAN_DUB));
        sto.offers("attack-on-titan", offers(1, 1, Language.GERMAN_DUB, Language.ENGLISH_DUB));
        registry.addProvider(aniworld);
        registry.addProvider(sto);
        titleIndex = new TitleIndex(registry, new TitleMappingStore(database), pools::probes);
        availability = new AvailabilityCache(registry, new AvailabilityStore(database), pools.probes::runSoon);
        newReleases = new NewReleaseFeed(registry, titleIndex, availability, pools::search, pools::probes, config(60));
        search = new SearchService(registry, titleIndex, availability, newReleases, pools::search, pools::probes,
                config(60));
    }

    @After
    public void tearDown() throws InterruptedException {
        pools.close();
        titleIndex.stop();
        TestDatabases.close(database);
    }

    private static List<String> describe(SearchResult result) {
        return result.entries().stream().map(e -> e.siteId() + " S" + e.season() + "E" + e.episode() + " "
                + e.language().code()).toList();
    }

    @Test
    public void mergesBothSitesByPriorityAndKeepsTheSameEpisodeTwice() {
        SearchResult result = search.search(query("Attack on Titan", 1, 1));

        assertEquals(List.of("aniworld S1E1 german-dub", "aniworld S1E1 german-sub", "sto S1E1 german-dub",
                "sto S1E1 english-dub"), describe(result));
        assertTrue(result.failures().isEmpty());
        ResultEntry first = result.entries().get(0);
        assertEquals("Attack on Titan", first.seriesTitle());
        assertEquals("AniWorld", first.siteName());
        assertTrue(first.anime());
        assertEquals(SizeEstimate.EPISODE_BYTES, first.sizeBytes());
    }

    @Test
    public void aSeriesKnownToOneSiteCostsTheOtherSiteOneRoundTripOnly() throws Exception {
        IndexedTitle frieren = new IndexedTitle("frieren", "Frieren: Beyond Journey's End", List.of("Sousou no Frieren"));
        aniworld.index(List.of(frieren));
        aniworld.offers("frieren", offers(1, 5, Language.GERMAN_SUB));
        titleIndex.refresh("aniworld");
        titleIndex.refresh("sto");
        aniworld.clearCalls();
        sto.clearCalls();

        SearchResult result = search.search(query("Frieren: Beyond Journey's End", 1, 5));

        assertEquals(List.of("aniworld S1E5 german-sub"), describe(result));
        assertTrue(result.failures().isEmpty());
        assertEquals(List.of("offers frieren 1 5"), aniworld.calls());
        // s.to's fresh index has no match: its own search is asked once, and nothing follows an empty answer.
        assertEquals(List.of("search Frieren: Beyond Journey's End"), sto.calls());
    }

    @Test
    public void aSeasonSearchListsEveryAvailableEpisodeAndLeavesOutMissingOnes() {
        SearchResult result = search.search(query("Shingeki no Kyojin", 1, null));

        assertEquals(List.of("aniworld S1E1 german-dub", "aniworld S1E1 german-sub", "aniworld S1E2 german-sub",
                "aniworld S1E3 german-dub", "sto S1E1 german-dub", "sto S1E1 english-dub"), describe(result));
    }

    @Test
    public void anAbsoluteNumberCountsThroughTheSeasons() {
        SearchResult result = search.search(new SearchQuery(Optional.of("Attack on Titan"), OptionalInt.empty(),
                OptionalInt.empty(), OptionalInt.of(4)));

        assertEquals(List.of("aniworld S2E1 german-dub"), describe(result));
    }

    @Test
    public void aSlowSiteBecomesAWarningAndDoesNotHoldTheOthersBack() {
        sto.delayMillis(2_500);
        long started = System.nanoTime();

        SearchResult result = search.search(query("Attack on Titan", 1, 1));

        long millis = (System.nanoTime() - started) / 1_000_000;
        assertTrue("answered after " + millis + " ms", millis < 2_000);
        assertEquals(List.of("aniworld S1E1 german-dub", "aniworld S1E1 german-sub"), describe(result));
        assertEquals(1, result.failures().size());
        assertEquals("sto", result.failures().get(0).siteId());
        assertEquals(Reason.TIMEOUT, result.failures().get(0).reason());
        assertFalse(result.allFailed());
    }

    @Test
    public void aFailingSiteIsNamedWithItsReason() {
        sto.failAll(new CatalogueException(Reason.BLOCKED, "sto answered with a challenge page (DDoS-Guard)"));

        SearchResult result = search.search(query("Attack on Titan", 1, 1));

        assertEquals(2, result.entries().size());
        assertEquals(List.of(new SiteFailure("sto", "s.to", Reason.BLOCKED,
                "sto answered with a challenge page (DDoS-Guard)")), result.failures());
    }

    @Test
    public void allSitesFailing() {
        aniworld.failAll(new CatalogueException(Reason.SITE_ERROR, "aniworld answered with HTTP 503"));
        sto.failAll(new CatalogueException(Reason.TIMEOUT, "sto did not answer"));

        SearchResult result = search.search(query("Attack on Titan", 1, 1));

        assertTrue(result.allFailed());
        assertTrue(result.entries().isEmpty());
    }

    @Test
    public void aDisabledSiteIsNeverContacted() {
        sto.set(site("sto", "s.to", 2, false, List.of(Language.GERMAN_DUB)));
        registry.updatedProvider(sto);
        sto.clearCalls();

        SearchResult result = search.search(query("Attack on Titan", 1, null));

        assertEquals(1, result.sitesAsked());
        assertTrue(result.entries().stream().allMatch(e -> e.siteId().equals("aniworld")));
        assertEquals(List.of(), sto.calls());
    }

    @Test
    public void theAnswerDoesNotWaitForTheAvailabilityStoreWhichStillGetsIt() throws Exception {
        CountDownLatch writesMayGo = new CountDownLatch(1);
        AvailabilityStore slowStore = new AvailabilityStore(database) {
            @Override
            public void record(String siteId, String slug, int season, int episode, Set<Language> offered,
                    Set<Language> alsoChecked, Instant checkedAt) {
                try {
                    writesMayGo.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                super.record(siteId, slug, season, episode, offered, alsoChecked, checkedAt);
            }
        };
        AvailabilityCache slowCache = new AvailabilityCache(registry, slowStore, pools.probes::runSoon);
        SearchService slowSearch = new SearchService(registry, titleIndex, slowCache, newReleases, pools::search,
                pools::probes, config(0));

        long started = System.nanoTime();
        SearchResult result = slowSearch.search(query("Attack on Titan", 1, 1));
        assertTrue("the answer waited for the database", System.nanoTime() - started < TimeUnit.SECONDS.toNanos(5));
        assertEquals(4, result.entries().size());
        AvailabilityStore store = new AvailabilityStore(database);
        assertEquals("not stored yet", List.of(), store.records("sto", "attack-on-titan", 1, 1));

        writesMayGo.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (store.records("sto", "attack-on-titan", 1, 1).isEmpty()
                || store.records("aniworld", "attack-on-titan", 1, 1).isEmpty()) {
            assertTrue("the availability never reached the store", System.nanoTime() < deadline);
            Thread.sleep(10);
        }
        sto.clearCalls();
        aniworld.clearCalls();
        assertEquals(describe(result), describe(slowSearch.search(query("Attack on Titan", 1, 1))));
        assertEquals("answered from the store", List.of(), sto.calls());
        assertEquals("answered from the store", List.of(), aniworld.calls());
    }

    @Test
    public void repeatedQueriesAreAnsweredFromTheCacheUntilTheSiteChanges() {
        search.search(query("Attack on Titan", 1, 1));
        int calls = sto.calls().size();

        search.search(query("attack on titan", 1, 1));
        assertEquals(calls, sto.calls().size());

        Event changed = new Event(CatalogueRegistry.TOPIC_CHANGED,
                Map.of(CatalogueRegistry.EVENT_SITE_ID, "sto", CatalogueRegistry.EVENT_CHANGE, "modified"));
        search.handleEvent(changed);
        availability.handleEvent(changed);
        sto.offers("attack-on-titan", offers(1, 1, Language.GERMAN_DUB));
        search.search(query("Attack on Titan", 1, 1));
        assertTrue(sto.calls().size() > calls);
    }

    @Test
    public void theEmptyQueryIsTheFeedOfNewEpisodes() {
        aniworld.newReleases(List.of(new NewRelease("attack-on-titan", "Attack on Titan", 1, 3,
                Set.of(Language.GERMAN_DUB), Instant.parse("2026-12-01T20:00:00Z"))));

        SearchResult feed = search.search(query(null, null, null));

        assertEquals(List.of("aniworld S1E3 german-dub"), describe(feed));
        assertEquals(Instant.parse("2026-12-01T20:00:00Z"), feed.entries().get(0).publishedAt());
        assertFalse(sto.calls().stream().anyMatch(c -> c.startsWith("offers")));
    }

    @Test
    public void anUnknownSeriesFindsNothingAnywhere() {
        SearchResult result = search.search(query("Breaking Bad", 1, 1));

        assertTrue(result.entries().isEmpty());
        assertTrue(result.failures().isEmpty());
    }

    private void indexAlsoJuniorHighAndMobPsycho() {
        for (FakeProvider site : List.of(aniworld, sto)) {
            site.index(List.of(new IndexedTitle("attack-on-titan", "Attack on Titan", List.of("Shingeki no Kyojin")),
                    new IndexedTitle("attack-on-titan-junior-high", "Attack on Titan: Junior High", List.of()),
                    new IndexedTitle("mob-psycho-100", "Mob Psycho 100", List.of())));
        }
        aniworld.series(new Series("attack-on-titan-junior-high", "Attack on Titan: Junior High", List.of(), 2015,
                List.of(1)));
        aniworld.episodes("attack-on-titan-junior-high", 1, List.of(new Episode(1, 1, "", "")));
        aniworld.offers("attack-on-titan-junior-high", offers(1, 1, Language.GERMAN_SUB));
        aniworld.series(new Series("mob-psycho-100", "Mob Psycho 100", List.of(), 2016, List.of(1)));
        aniworld.episodes("mob-psycho-100", 1, List.of(new Episode(1, 1, "", ""), new Episode(1, 2, "", "")));
        aniworld.offers("mob-psycho-100", offers(1, 1, Language.GERMAN_SUB));
        aniworld.offers("mob-psycho-100", offers(1, 2, Language.GERMAN_SUB));
        // The index may have been fetched already, by the refresh the index starts with: fetch the new one.
        try {
            titleIndex.refresh("aniworld");
            titleIndex.refresh("sto");
        } catch (CatalogueException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> titled(SearchResult result) {
        return result.entries().stream().map(e -> e.siteId() + " " + e.seriesTitle() + " S" + e.season() + "E"
                + e.episode()).distinct().toList();
    }

    @Test
    public void freeTextFindsEverySeriesWithTheWordsNamedAsTheIndexNamesThem() {
        indexAlsoJuniorHighAndMobPsycho();

        SearchResult result = search.search(new SearchQuery(Optional.of("titan"), OptionalInt.of(1), OptionalInt.of(1),
                OptionalInt.empty(), true));

        assertEquals(List.of("aniworld Attack on Titan S1E1", "aniworld Attack on Titan: Junior High S1E1",
                "sto Attack on Titan S1E1"), titled(result));
        assertTrue(result.failures().isEmpty());

        SearchResult asked = search.search(new SearchQuery(Optional.of("Shingeki no Kyojin"), OptionalInt.of(1),
                OptionalInt.of(1), OptionalInt.empty(), true));
        assertEquals("a near-identical title keeps the name asked for (Sonarr's anime search is a t=search)",
                List.of("aniworld Shingeki no Kyojin S1E1", "sto Shingeki no Kyojin S1E1"), titled(asked));
    }

    @Test
    public void aSeriesQueryKeepsItsStrictnessAndItsName() {
        indexAlsoJuniorHighAndMobPsycho();

        assertEquals(List.of(), search.search(query("titan", 1, 1)).entries());
        assertEquals(List.of("aniworld Attack on Titan S1E1", "sto Attack on Titan S1E1"),
                titled(search.search(query("Attack on Titan", 1, 1))));
    }

    @Test
    public void aTitleEndingInANumberIsNotReadAsAnAbsoluteEpisode() {
        indexAlsoJuniorHighAndMobPsycho();

        SearchResult whole = search.search(new SearchQuery(Optional.of("Mob Psycho"), OptionalInt.empty(),
                OptionalInt.empty(), OptionalInt.of(100)));
        assertEquals(List.of("aniworld Mob Psycho 100 S1E1", "aniworld Mob Psycho 100 S1E2"), titled(whole));

        SearchResult absolute = search.search(new SearchQuery(Optional.of("Mob Psycho 100"), OptionalInt.empty(),
                OptionalInt.empty(), OptionalInt.of(2)));
        assertEquals(List.of("aniworld Mob Psycho 100 S1E2"), titled(absolute));
    }
}
