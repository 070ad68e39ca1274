package org.catalogarr.core.catalogue;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.catalogarr.catalogue.api.CatalogueException;
import org.catalogarr.catalogue.api.CatalogueException.Reason;
import org.catalogarr.catalogue.api.CatalogueSite;
import org.catalogarr.catalogue.api.IndexedTitle;
import org.catalogarr.catalogue.api.Language;
import org.catalogarr.catalogue.api.Series;
import org.catalogarr.core.catalogue.TitleIndex.TitleMatch;
import org.catalogarr.core.store.Database;
import org.catalogarr.core.store.TestDatabases;
import org.catalogarr.core.store.TitleMappingStore;
import org.catalogarr.core.store.TitleMappingStore.Mapping;
import org.catalogarr.core.store.TitleMappingStore.Origin;
import org.catalogarr.core.threads.BoundedPool;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

public class TitleIndexTest {

    private Database database;
    private final CatalogueRegistry registry = new CatalogueRegistry(new RecordingEventAdmin());
    private final FakeProvider aniworld = new FakeProvider(site("aniworld", 1, true));
    private final FakeProvider sto = new FakeProvider(site("sto", 2, true));
    private TitleMappingStore store;
    private TitleIndex index;
    private final BoundedPool pages = new BoundedPool("test-probe", "probe_threads", 8, 128);

    private static CatalogueSite site(String id, int priority, boolean enabled) {
        return new CatalogueSite(id, id, URI.create("https://" + id + ".example"), priority,
                List.of(Language.GERMAN_DUB), enabled, 5, Set.of(), 24, 6, false);
    }

    @Before
    public void setUp() throws Exception {
        database = TestDatabases.inMemory();
        store = new TitleMappingStore(database);
        aniworld.index(List.of(
                new IndexedTitle("attack-on-titan", "Attack on Titan", List.of("Shingeki no Kyojin", "進撃の巨人")),
                new IndexedTitle("attack-on-titan-junior-high", "Attack on Titan Junior High", List.of()),
                new IndexedTitle("rick-and-morty-the-anime", "Rick and Morty: The Anime", List.of())));
        sto.index(List.of(
                new IndexedTitle("9-1-1", "9-1-1", List.of()),
                new IndexedTitle("rick-and-morty", "Rick and Morty", List.of()),
                new IndexedTitle("attack-on-titan", "Attack on Titan", List.of())));
        registry.addProvider(aniworld);
        registry.addProvider(sto);
        index = new TitleIndex(registry, store, () -> pages);
    }

    @After
    public void tearDown() throws InterruptedException {
        index.stop();
        pages.close();
        TestDatabases.close(database);
    }

    @Test
    public void resolvesPerSiteFromTheStoredIndex() throws Exception {
        assertEquals(Optional.of("attack-on-titan"), slug("aniworld", "Shingeki no Kyojin (2013)"));
        assertEquals(Optional.of("attack-on-titan"), slug("sto", "Attack on Titan"));
        assertEquals(Optional.empty(), slug("aniworld", "Rick and Morty"));
        assertEquals(Optional.of("rick-and-morty"), slug("sto", "Rick and Morty"));
        assertEquals("index", index.resolve("sto", "9-1-1").orElseThrow().via());
        assertTrue(store.mappings("aniworld").contains(new Mapping("shingeki no kyojin", "attack-on-titan")));
    }

    @Test
    public void oneSiteRefreshNeverTouchesAnothersRows() throws Exception {
        index.refresh("aniworld");
        index.refresh("sto");
        List<Mapping> stoRows = store.mappings("sto");

        aniworld.index(List.of(new IndexedTitle("one-piece", "One Piece", List.of())));
        index.refresh("aniworld");

        assertEquals(stoRows, store.mappings("sto"));
        assertEquals(List.of(new Mapping("one piece", "one-piece")), store.mappings("aniworld"));
    }

    @Test
    public void aFailedRefreshKeepsTheLastGoodIndex() throws Exception {
        index.refresh("sto");
        sto.failIndex(new CatalogueException(Reason.BLOCKED, "sto answered with a challenge page (DDoS-Guard)"));

        try {
            index.refresh("sto");
            fail("the failure was swallowed");
        } catch (CatalogueException expected) {
            assertEquals(Reason.BLOCKED, expected.reason());
        }

        assertEquals(3, store.mappings("sto").size());
        assertEquals(Optional.of("9-1-1"), slug("sto", "9-1-1"));
        TitleIndex.Status status = index.status("sto");
        assertEquals(3, status.titles());
        assertTrue(status.refreshedAt().isPresent());
        assertEquals(Optional.of("sto answered with a challenge page (DDoS-Guard)"), status.lastError());
    }

    @Test
    public void mainTitlesWinOverAnotherSeriesAlternative() throws Exception {
        aniworld.index(List.of(
                new IndexedTitle("naruto-shippuden", "Naruto Shippuden", List.of("Naruto")),
                new IndexedTitle("naruto", "Naruto", List.of())));

        assertEquals(Optional.of("naruto"), slug("aniworld", "Naruto"));
    }

    @Test
    public void theSitesOwnSearchAnswersWhatTheIndexDoesNot() throws Exception {
        sto.searchResult("The Rookie", List.of(new IndexedTitle("the-rookie", "The Rookie", List.of()),
                new IndexedTitle("the-rookie-feds", "The Rookie: Feds", List.of())));
        sto.searchResult("Breaking Bad", List.of(new IndexedTitle("breaking-news", "Breaking News", List.of())));

        TitleMatch rookie = index.resolve("sto", "The Rookie").orElseThrow();
        assertEquals("the-rookie", rookie.slug());
        assertEquals("search", rookie.via());
        assertEquals(Optional.empty(), slug("sto", "Breaking Bad"));
    }

    @Test
    public void anEmptyIndexStillFallsBackToTheSitesSearch() throws Exception {
        sto.index(List.of());
        sto.searchResult("Dark", List.of(new IndexedTitle("dark", "Dark", List.of())));

        TitleMatch dark = index.resolve("sto", "Dark").orElseThrow();

        assertEquals("dark", dark.slug());
        assertEquals("search", dark.via());
        assertEquals(List.of("index", "search Dark"), sto.calls());
    }

    @Test
    public void aSiteWithoutIndexThatCannotBeReachedIsAnErrorNotNoMatch() {
        sto.failIndex(new CatalogueException(Reason.TIMEOUT, "sto did not answer within its budget of 5 s"));

        try {
            index.resolve("sto", "9-1-1");
            fail("an unreachable site was reported as 'no match'");
        } catch (CatalogueException expected) {
            assertEquals(Reason.TIMEOUT, expected.reason());
        }
    }

    @Test
    public void aDisabledSiteIsNeverContacted() throws Exception {
        sto.set(site("sto", 2, false));
        registry.updatedProvider(sto);
        sto.clearCalls();

        try {
            index.resolve("sto", "9-1-1");
            fail("a disabled site was asked");
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage().contains("'sto' is not enabled"));
        }
        index.handleEvent(new org.osgi.service.event.Event(TitleIndex.TOPIC_REFRESH, java.util.Map.of()));
        index.refresh("aniworld");
        assertFalse(sto.calls().contains("index"));
    }

    @Test
    public void aSearchHitConfirmedByItsSeriesPageIsFoundAndBecomesAnAlias() throws Exception {
        aniworld.searchResult("Frieren: Beyond Journey's End", List.of(
                new IndexedTitle("frieren-nach-dem-ende-der-reise", "Frieren - Nach dem Ende der Reise", List.of()),
                new IndexedTitle("sousou-no-kaze", "Der Wind", List.of())));
        aniworld.series(new Series("frieren-nach-dem-ende-der-reise", "Frieren - Nach dem Ende der Reise",
                List.of("Frieren: Beyond Journey's End", "Sousou no Frieren"), 2023, List.of(1)));
        aniworld.series(new Series("sousou-no-kaze", "Der Wind", List.of(), 2001, List.of(1)));
        index.refresh("aniworld");
        aniworld.clearCalls();

        TitleMatch first = index.resolve("aniworld", "Frieren: Beyond Journey's End").orElseThrow();
        assertEquals("frieren-nach-dem-ende-der-reise", first.slug());
        assertEquals("search + series page", first.via());
        assertTrue(aniworld.calls().toString(), aniworld.calls().containsAll(List.of("search Frieren: Beyond Journey's End",
                "series frieren-nach-dem-ende-der-reise", "series sousou-no-kaze")));

        aniworld.clearCalls();
        assertEquals("alias", index.resolve("aniworld", "Frieren: Beyond Journey's End").orElseThrow().via());
        assertEquals("alias", index.resolve("aniworld", "Frieren: Beyond Journey's End (2023)").orElseThrow().via());
        assertEquals("the alias needs no request", List.of(), aniworld.calls());
        awaitStored(store, "aniworld", new Mapping("frieren beyond journey s end", "frieren-nach-dem-ende-der-reise",
                Origin.ALIAS));
    }

    @Test
    public void aLearntAliasServesAtOnceWhileItsStoreWriteWaits() throws Exception {
        CountDownLatch writeMayGo = new CountDownLatch(1);
        TitleMappingStore slowStore = new TitleMappingStore(database) {
            @Override
            public boolean remember(String siteId, String titleKey, String slug, java.time.Instant learntAt) {
                try {
                    writeMayGo.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.remember(siteId, titleKey, slug, learntAt);
            }
        };
        index.stop();
        index = new TitleIndex(registry, slowStore, () -> pages);
        aniworld.searchResult("Levi Chronicles", List.of(new IndexedTitle("attack-on-titan", "Attack on Titan", List.of())));
        aniworld.series(new Series("attack-on-titan", "Attack on Titan", List.of("Levi Chronicles"), 2013, List.of(1)));
        index.refresh("aniworld");

        long started = System.nanoTime();
        assertEquals("search + series page", index.resolve("aniworld", "Levi Chronicles").orElseThrow().via());
        assertTrue("the answer waited for the store write",
                System.nanoTime() - started < TimeUnit.SECONDS.toNanos(5));
        Mapping alias = new Mapping("levi chronicles", "attack-on-titan", Origin.ALIAS);
        assertFalse("not stored yet", store.mappings("aniworld").contains(alias));
        aniworld.clearCalls();
        assertEquals("alias", index.resolve("aniworld", "Levi Chronicles").orElseThrow().via());
        assertEquals("the alias needs no request while it is being stored", List.of(), aniworld.calls());

        writeMayGo.countDown();
        awaitStored(store, "aniworld", alias);
    }

    /** Learnt aliases are stored behind the answer: waits (boundedly) until this one is. */
    private static void awaitStored(TitleMappingStore store, String siteId, Mapping mapping) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!store.mappings(siteId).contains(mapping)) {
            assertTrue(mapping + " was not stored", System.nanoTime() < deadline);
            Thread.sleep(10);
        }
    }

    @Test
    public void withoutAnIndexASearchHitIsConfirmedAtOnce() throws Exception {
        sto.index(List.of());
        index.refresh("sto");
        sto.searchResult("The Bridge", List.of(new IndexedTitle("bridgerton", "Bridgerton", List.of()),
                new IndexedTitle("die-bruecke", "Die Brücke – Transit in den Tod", List.of())));
        sto.series(new Series("die-bruecke", "Die Brücke – Transit in den Tod", List.of("The Bridge"), 2011,
                List.of(1)));

        TitleMatch bridge = index.resolve("sto", "The Bridge").orElseThrow();

        assertEquals("die-bruecke", bridge.slug());
        assertEquals("search + series page", bridge.via());
    }

    @Test
    public void anAliasOutlivesAnIndexRefreshWhileItsSeriesIsListed() throws Exception {
        aniworld.searchResult("Levi Chronicles", List.of(new IndexedTitle("attack-on-titan", "Attack on Titan", List.of())));
        aniworld.series(new Series("attack-on-titan", "Attack on Titan", List.of("Levi Chronicles"), 2013, List.of(1)));
        index.refresh("aniworld");
        assertEquals("search + series page", index.resolve("aniworld", "Levi Chronicles").orElseThrow().via());
        assertEquals("alias", index.resolve("aniworld", "Levi Chronicles").orElseThrow().via());
        awaitStored(store, "aniworld", new Mapping("levi chronicles", "attack-on-titan", Origin.ALIAS));

        index.refresh("aniworld");
        assertEquals("alias", index.resolve("aniworld", "Levi Chronicles").orElseThrow().via());

        aniworld.index(List.of(new IndexedTitle("one-piece", "One Piece", List.of())));
        index.refresh("aniworld");
        aniworld.searchResult("Levi Chronicles", List.of());
        assertEquals("a series no longer listed loses its alias", Optional.empty(), slug("aniworld", "Levi Chronicles"));
    }

    @Test
    public void unconfirmedSearchHitsAndLookAlikesAreNoMatch() throws Exception {
        sto.searchResult("Breaking Bad", List.of(new IndexedTitle("breaking-news", "Breaking News", List.of())));
        sto.series(new Series("breaking-news", "Breaking News", List.of("Eilmeldung"), 2010, List.of(1)));
        aniworld.searchResult("Rick and Morty", List.of(
                new IndexedTitle("rick-and-morty-the-anime", "Rick and Morty: The Anime", List.of())));
        aniworld.clearCalls();

        assertEquals(Optional.empty(), slug("sto", "Breaking Bad"));
        assertEquals(Optional.empty(), slug("aniworld", "Rick and Morty"));
        assertTrue("the series page was read: " + sto.calls(), sto.calls().contains("series breaking-news"));
        sto.clearCalls();
        assertEquals("and did not confirm the hit", Optional.empty(), slug("sto", "Breaking Bad"));
        assertFalse("nor is it read again for the same query: " + sto.calls(),
                sto.calls().contains("series breaking-news"));
        assertFalse("a look-alike's page is not even asked: " + aniworld.calls(),
                aniworld.calls().stream().anyMatch(call -> call.startsWith("series")));
    }

    @Test
    public void aShortFormNamesTheOneSeriesWithItUnlessItIsAWholeTitle() throws Exception {
        aniworld.index(List.of(
                new IndexedTitle("kaguya-sama", "Kaguya-sama: Love is War", List.of()),
                new IndexedTitle("dr-stone", "Dr. Stone – New World", List.of()),
                new IndexedTitle("dark-gathering", "Dark: Gathering", List.of()),
                new IndexedTitle("rick-and-morty-the-anime", "Rick and Morty: The Anime", List.of()),
                new IndexedTitle("bleach", "Bleach: Thousand-Year Blood War", List.of()),
                new IndexedTitle("bleach-2", "Bleach: Memories of Nobody", List.of())));
        index.refresh("aniworld");
        sto.index(List.of(new IndexedTitle("dark", "Dark", List.of())));
        index.refresh("sto");

        TitleMatch kaguya = index.resolve("aniworld", "Kaguya-sama").orElseThrow();
        assertEquals("kaguya-sama", kaguya.slug());
        assertEquals("short form", kaguya.via());
        assertEquals(Optional.of("dr-stone"), slug("aniworld", "Dr. Stone (2019)"));
        assertEquals("Dark is a series of s.to", Optional.empty(), slug("aniworld", "Dark"));
        assertEquals(Optional.of("dark"), slug("sto", "Dark"));
        assertEquals("a spin-off is no short form", Optional.empty(), slug("aniworld", "Rick and Morty"));
        assertEquals("two series share it", Optional.empty(), slug("aniworld", "Bleach"));
    }

    private Optional<String> slug(String siteId, String query) throws CatalogueException {
        return index.resolve(siteId, query).map(TitleMatch::slug);
    }
}
