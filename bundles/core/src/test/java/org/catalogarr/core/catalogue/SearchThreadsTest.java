package org.catalogarr.core.catalogue;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.catalogarr.catalogue.api.CatalogueException.Reason;
import org.catalogarr.catalogue.api.CatalogueSite;
import org.catalogarr.catalogue.api.Episode;
import org.catalogarr.catalogue.api.EpisodeOffers;
import org.catalogarr.catalogue.api.IndexedTitle;
import org.catalogarr.catalogue.api.Language;
import org.catalogarr.catalogue.api.Offer;
import org.catalogarr.catalogue.api.Series;
import org.catalogarr.core.store.AvailabilityStore;
import org.catalogarr.core.store.Database;
import org.catalogarr.core.store.TestDatabases;
import org.catalogarr.core.store.TitleMappingStore;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** How searches use threads: identical ones share a site request, one out of time is stopped. */
public class SearchThreadsTest {

    private Database database;
    private final TestPools pools = new TestPools();
    private TitleIndex titleIndex;
    private SearchService search;
    private NewReleaseFeed feed;
    private final CatalogueRegistry registry = new CatalogueRegistry(new RecordingEventAdmin());
    private final FakeProvider aniworld = new FakeProvider(site("aniworld", 1));
    private final FakeProvider sto = new FakeProvider(site("sto", 2));

    /** Seconds a site may take: long enough that a loaded machine cannot make a test's site run out of it. */
    private static final int BUDGET = 10;

    private static CatalogueSite site(String id, int priority) {
        return new CatalogueSite(id, id, URI.create("https://" + id + ".example"), priority,
                List.of(Language.GERMAN_DUB), true, BUDGET, Set.of(), 24, 6, false);
    }

    /** The calls of one kind, leaving out e.g. the title index's own refresh, which may come at any time. */
    private static List<String> calls(FakeProvider site, String kind) {
        return site.calls().stream().filter(call -> call.startsWith(kind)).toList();
    }

    private static SearchQuery episode(int season, int episode) {
        return new SearchQuery(Optional.of("Attack on Titan"), OptionalInt.of(season), OptionalInt.of(episode),
                OptionalInt.empty());
    }

    @Before
    public void setUp() throws Exception {
        database = TestDatabases.inMemory();
        for (FakeProvider site : List.of(aniworld, sto)) {
            site.index(List.of(new IndexedTitle("attack-on-titan", "Attack on Titan", List.of())));
            site.series(new Series("attack-on-titan", "Attack on Titan", List.of(), 2013, List.of(1)));
            site.episodes("attack-on-titan", 1, IntStream.rangeClosed(1, 12)
                    .mapToObj(n -> new Episode(1, n, "", "")).toList());
            for (int n = 1; n <= 12; n++) {
                site.offers("attack-on-titan", new EpisodeOffers(1, n, Set.of(Language.GERMAN_DUB),
                        List.of(new Offer("VOE", Language.GERMAN_DUB, URI.create("https://x.example/r/" + n)))));
            }
            registry.addProvider(site);
        }
        titleIndex = new TitleIndex(registry, new TitleMappingStore(database), pools::probes);
        titleIndex.refresh("aniworld");
        titleIndex.refresh("sto");
        AvailabilityCache availability = new AvailabilityCache(registry, new AvailabilityStore(database),
                pools.probes::runSoon);
        feed = new NewReleaseFeed(registry, titleIndex, availability, pools::search, pools::probes,
                SearchServiceTest.config(0));
        // No result cache: only the single flight can spare the sites a request.
        search = new SearchService(registry, titleIndex, availability, feed, pools::search, pools::probes,
                SearchServiceTest.config(0));
        aniworld.clearCalls();
        sto.clearCalls();
    }

    @After
    public void tearDown() throws InterruptedException {
        pools.close();
        titleIndex.stop();
        TestDatabases.close(database);
    }

    @Test
    public void identicalConcurrentSearchesShareOneRequestPerSite() throws Exception {
        // Long enough that every client has asked before the first answer, even on a loaded machine.
        aniworld.delayMillis(1_500);
        sto.delayMillis(1_500);
        int clients = 20;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService clientThreads = Executors.newFixedThreadPool(clients);
        try {
            List<Future<SearchResult>> answers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                answers.add(clientThreads.submit(() -> {
                    start.await();
                    return search.search(episode(1, 5));
                }));
            }
            start.countDown();
            for (Future<SearchResult> answer : answers) {
                SearchResult result = answer.get();
                assertEquals(result.failures().toString(), 2, result.entries().size());
            }
        } finally {
            clientThreads.shutdownNow();
        }
        assertEquals(List.of("offers attack-on-titan 1 5"), calls(aniworld, "offers"));
        assertEquals(List.of("offers attack-on-titan 1 5"), calls(sto, "offers"));
    }

    @Test
    public void feedsAskedTogetherReadEachSitesListingOnce() throws Exception {
        aniworld.newReleases(List.of());
        sto.newReleases(List.of());
        aniworld.delayMillis(1_500);
        sto.delayMillis(1_500);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService clientThreads = Executors.newFixedThreadPool(10);
        try {
            List<Future<SearchResult>> answers = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                answers.add(clientThreads.submit(() -> {
                    start.await();
                    return feed.feed();
                }));
            }
            start.countDown();
            for (Future<SearchResult> answer : answers) {
                assertEquals(List.of(), answer.get().failures());
            }
        } finally {
            clientThreads.shutdownNow();
        }
        // No listing cache (new_releases_cache_seconds 0): only reading together spares the sites.
        assertEquals(List.of("newReleases"), calls(aniworld, "newReleases"));
        assertEquals(List.of("newReleases"), calls(sto, "newReleases"));
    }

    @Test
    public void aSiteSearchOutOfTimeIsStoppedAndFreesItsThreads() throws Exception {
        sto.delayMillis(60_000);
        long started = System.nanoTime();

        SearchResult result = search.search(new SearchQuery(Optional.of("Attack on Titan"), OptionalInt.of(1),
                OptionalInt.empty(), OptionalInt.empty()));

        long millis = (System.nanoTime() - started) / 1_000_000;
        assertTrue("answered after " + millis + " ms", millis < (BUDGET + 5) * 1_000);
        assertEquals(1, result.failures().size());
        assertEquals(Reason.TIMEOUT, result.failures().get(0).reason());
        assertEquals("sto", result.failures().get(0).siteId());
        assertEquals(12, result.entries().size());
        // s.to was still being asked when its budget ran out: that call is interrupted, no thread stays busy.
        long deadline = System.nanoTime() + 3_000_000_000L;
        while ((sto.callsRunning() > 0 || pools.search.active() > 0 || pools.probes.active() > 0)
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals("s.to calls still running", 0, sto.callsRunning());
        assertEquals("search threads still busy", 0, pools.search.active());
        assertEquals("episode-page threads still busy", 0, pools.probes.active());
        assertTrue(sto.calls().toString(), calls(sto, "offers").size() < 12);
    }
}
