package org.catalogarr.core.catalogue;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;

import org.catalogarr.catalogue.api.CatalogueException;
import org.catalogarr.catalogue.api.CatalogueException.Reason;
import org.catalogarr.catalogue.api.CatalogueSite;
import org.catalogarr.catalogue.api.EpisodeOffers;
import org.catalogarr.catalogue.api.Language;
import org.catalogarr.catalogue.api.Offer;
import org.catalogarr.core.catalogue.AvailabilityCache.EpisodeAvailability;
import org.catalogarr.core.store.AvailabilityStore;
import org.catalogarr.core.store.AvailabilityStore.Availability;
import org.catalogarr.core.store.Database;
import org.catalogarr.core.store.TestDatabases;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.osgi.service.event.Event;

public class AvailabilityCacheTest {

    private Database database;
    private AvailabilityStore store;
    private AvailabilityCache cache;
    private final HeldWrites writes = new HeldWrites();
    private final CatalogueRegistry registry = new CatalogueRegistry(new RecordingEventAdmin());
    private final FakeProvider aniworld = new FakeProvider(site("aniworld", 1));
    private final FakeProvider sto = new FakeProvider(site("sto", 2));

    private static CatalogueSite site(String id, int priority) {
        return new CatalogueSite(id, id, URI.create("https://" + id + ".example"), priority,
                List.of(Language.GERMAN_DUB), true, 5, Set.of(), 24, 6, false);
    }

    private static EpisodeOffers offers(int episode, Language... languages) {
        return new EpisodeOffers(1, episode, Set.of(languages), List.of(
                new Offer("VOE", languages[0], URI.create("https://site.example/redirect/" + episode))));
    }

    @Before
    public void setUp() throws Exception {
        database = TestDatabases.inMemory();
        store = new AvailabilityStore(database);
        registry.addProvider(aniworld);
        registry.addProvider(sto);
        cache = new AvailabilityCache(registry, store, writes);
        aniworld.offers("attack-on-titan", offers(1, Language.GERMAN_DUB, Language.GERMAN_SUB));
        aniworld.offers("attack-on-titan", offers(2, Language.GERMAN_SUB));
        sto.offers("attack-on-titan", offers(1, Language.GERMAN_DUB));
    }

    /** The store writes the cache hands off, done only when the test says. */
    private static final class HeldWrites implements Executor {
        private final List<Runnable> held = new ArrayList<>();

        @Override
        public synchronized void execute(Runnable work) {
            held.add(work);
        }

        synchronized int release() {
            held.forEach(Runnable::run);
            int done = held.size();
            held.clear();
            return done;
        }
    }

    @After
    public void tearDown() {
        TestDatabases.close(database);
    }

    @Test
    public void asksTheEpisodePageOnceWithinTheTtl() throws Exception {
        assertEquals(Set.of(Language.GERMAN_DUB, Language.GERMAN_SUB), cache.languages("aniworld", "attack-on-titan", 1, 1).languages());
        assertEquals(Set.of(Language.GERMAN_DUB, Language.GERMAN_SUB), cache.languages("aniworld", "attack-on-titan", 1, 1).languages());

        assertEquals(1, aniworld.calls().stream().filter(c -> c.startsWith("offers")).count());
        assertEquals(Set.of(Language.GERMAN_DUB), cache.languages("sto", "attack-on-titan", 1, 1).languages());
    }

    @Test
    public void staleRecordsAreCheckedAgainAndLanguagesThatWentAwayAreMarked() throws Exception {
        store.record("aniworld", "attack-on-titan", 1, 2, Set.of(Language.GERMAN_DUB, Language.GERMAN_SUB), Set.of(),
                Instant.now().minus(Duration.ofHours(7)));

        assertEquals(Set.of(Language.GERMAN_SUB), cache.languages("aniworld", "attack-on-titan", 1, 2).languages());
        writes.release();

        assertEquals(1, aniworld.calls().size());
        List<Availability> records = store.records("aniworld", "attack-on-titan", 1, 2);
        assertTrue(records.stream().anyMatch(a -> a.language() == Language.GERMAN_DUB && !a.available()));
        assertTrue(records.stream().anyMatch(a -> a.language() == Language.GERMAN_SUB && a.available()));
    }

    @Test
    public void anEpisodeWithoutPageIsNotAskedForAgainWithinTheTtl() throws Exception {
        assertEquals(Set.of(), cache.languages("aniworld", "attack-on-titan", 1, 9).languages());
        assertEquals(Set.of(), cache.languages("aniworld", "attack-on-titan", 1, 9).languages());

        assertEquals(List.of("offers attack-on-titan 1 9"), aniworld.calls());
        writes.release();
        assertTrue(store.records("aniworld", "attack-on-titan", 1, 9).stream().noneMatch(Availability::available));
    }

    @Test
    public void theAnswerDoesNotWaitForTheStoreAndIsSharedUntilStored() throws Exception {
        EpisodeAvailability answer = cache.languages("aniworld", "attack-on-titan", 1, 1);

        assertEquals(Set.of(Language.GERMAN_DUB, Language.GERMAN_SUB), answer.languages());
        assertEquals("answered before the store write ran", List.of(), store.records("aniworld", "attack-on-titan", 1, 1));
        assertEquals("asked while the write waits: the same answer, no second request", answer.languages(),
                cache.languages("aniworld", "attack-on-titan", 1, 1).languages());
        assertEquals(List.of("offers attack-on-titan 1 1"), aniworld.calls());

        assertEquals(1, writes.release());
        List<Availability> stored = store.records("aniworld", "attack-on-titan", 1, 1);
        assertEquals(Set.of(Language.GERMAN_DUB, Language.GERMAN_SUB), stored.stream().filter(Availability::available)
                .map(Availability::language).collect(Collectors.toSet()));
        assertEquals(answer.checkedAt().toEpochMilli(), stored.get(0).checkedAt().toEpochMilli());
        aniworld.offers("attack-on-titan", offers(1, Language.ENGLISH_SUB));
        assertEquals("from the store now", answer.languages(),
                cache.languages("aniworld", "attack-on-titan", 1, 1).languages());
        assertEquals(List.of("offers attack-on-titan 1 1"), aniworld.calls());
        assertEquals("nothing more to store", 0, writes.release());
    }

    @Test
    public void anAnswerBeingStoredWinsOverThePartOfItTheStoreShowsSoFar() throws Exception {
        EpisodeAvailability answer = cache.languages("aniworld", "attack-on-titan", 1, 1);
        // What a reader could see of the write in the middle of its transaction: one row, German dub missing.
        store.record("aniworld", "attack-on-titan", 1, 1, Set.of(), Set.of(Language.GERMAN_DUB), Instant.now());

        assertEquals(answer.languages(), cache.languages("aniworld", "attack-on-titan", 1, 1).languages());
        assertEquals(1, aniworld.calls().size());
    }

    @Test
    public void anAnswerNotYetStoredWhenTheSiteChangesIsNeitherStoredNorShared() throws Exception {
        cache.languages("sto", "attack-on-titan", 1, 1);

        cache.handleEvent(new Event(CatalogueRegistry.TOPIC_CHANGED,
                Map.of(CatalogueRegistry.EVENT_SITE_ID, "sto", CatalogueRegistry.EVENT_CHANGE, "modified")));
        sto.offers("attack-on-titan", offers(1, Language.ENGLISH_SUB));
        assertEquals(1, writes.release());
        assertEquals("the old settings' answer was not stored", List.of(), store.records("sto", "attack-on-titan", 1, 1));

        assertEquals(Set.of(Language.ENGLISH_SUB), cache.languages("sto", "attack-on-titan", 1, 1).languages());
        assertEquals(2, sto.calls().size());
    }

    @Test
    public void aFailedAnswerIsNotKeptInFlight() throws Exception {
        aniworld.failAll(new CatalogueException(Reason.SITE_ERROR, "down"));
        try {
            cache.languages("aniworld", "attack-on-titan", 1, 1);
            fail("the site's failure is the answer");
        } catch (CatalogueException expected) {
            assertEquals("down", expected.getMessage());
        }
        aniworld.failAll(null);

        assertEquals(Set.of(Language.GERMAN_DUB, Language.GERMAN_SUB),
                cache.languages("aniworld", "attack-on-titan", 1, 1).languages());
        assertEquals("nothing stored for the failure", 1, writes.release());
    }

    @Test
    public void checkedAtNeverGoesBackwards() throws Exception {
        Instant later = Instant.now();
        store.record("sto", "9-1-1", 1, 1, Set.of(Language.GERMAN_DUB), Set.of(), later);

        store.record("sto", "9-1-1", 1, 1, Set.of(Language.ENGLISH_DUB), Set.of(), later.minusSeconds(60));

        List<Availability> records = store.records("sto", "9-1-1", 1, 1);
        Availability german = records.stream().filter(a -> a.language() == Language.GERMAN_DUB).findFirst().orElseThrow();
        assertTrue(german.available());
        assertEquals(later.toEpochMilli(), german.checkedAt().toEpochMilli());
        assertTrue(records.stream().filter(a -> a.language() == Language.ENGLISH_DUB).allMatch(a ->
                a.checkedAt().isBefore(later)));
    }

    @Test
    public void aChangedSiteLosesOnlyItsOwnRecords() throws Exception {
        cache.languages("aniworld", "attack-on-titan", 1, 1);
        cache.languages("sto", "attack-on-titan", 1, 1);
        writes.release();

        cache.handleEvent(new Event(CatalogueRegistry.TOPIC_CHANGED,
                Map.of(CatalogueRegistry.EVENT_SITE_ID, "sto", CatalogueRegistry.EVENT_CHANGE, "modified")));

        assertTrue(store.records("sto", "attack-on-titan", 1, 1).isEmpty());
        assertEquals(2, store.records("aniworld", "attack-on-titan", 1, 1).stream().filter(Availability::available).count());
    }
}
