package org.catalogarr.core.catalogue;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.catalogarr.catalogue.api.CatalogueSite;
import org.catalogarr.catalogue.api.Language;
import org.catalogarr.core.store.AvailabilityStore;
import org.catalogarr.core.store.Database;
import org.catalogarr.core.store.TestDatabases;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * What the registry announces when a provider goes away: a site leaving the running service, or the whole
 * service stopping, which must leave what is kept of each site (here its availability records) alone.
 */
public class CatalogueRegistryTest {

    private final RecordingEventAdmin events = new RecordingEventAdmin();
    private final AtomicBoolean serviceStopping = new AtomicBoolean();
    private final CatalogueRegistry registry = new CatalogueRegistry(events, serviceStopping::get);
    private final FakeProvider aniworld = new FakeProvider(site("aniworld", 1));
    private final FakeProvider sto = new FakeProvider(site("sto", 2));
    private Database database;
    private AvailabilityStore store;
    private AvailabilityCache cache;

    private static CatalogueSite site(String id, int priority) {
        return new CatalogueSite(id, id, URI.create("https://" + id + ".example"), priority,
                List.of(Language.GERMAN_DUB), true, 5, Set.of(), 24, 6, false);
    }

    @Before
    public void setUp() throws Exception {
        database = TestDatabases.inMemory();
        store = new AvailabilityStore(database);
        cache = new AvailabilityCache(registry, store, Runnable::run);
        registry.addProvider(aniworld);
        registry.addProvider(sto);
        for (String siteId : List.of("aniworld", "sto")) {
            store.record(siteId, "attack-on-titan", 1, 1, Set.of(Language.GERMAN_DUB), Set.of(Language.GERMAN_DUB),
                    Instant.now());
        }
        events.events().clear();
    }

    @After
    public void tearDown() {
        TestDatabases.close(database);
    }

    /** Event Admin's delivery of what the registry posted, to the handler that drops a site's records. */
    private void deliverEvents() {
        events.events().forEach(cache::handleEvent);
    }

    private List<String> changes() {
        return events.events().stream().map(e -> e.getProperty(CatalogueRegistry.EVENT_SITE_ID) + " "
                + e.getProperty(CatalogueRegistry.EVENT_CHANGE)).toList();
    }

    @Test
    public void aSiteBundleLeavingTheRunningServiceIsRemoved() throws Exception {
        registry.removeProvider(sto);
        deliverEvents();

        assertEquals(List.of("sto removed"), changes());
        assertTrue(registry.snapshot().entry("sto").isEmpty());
        assertTrue("its records are dropped", store.records("sto", "attack-on-titan", 1, 1).isEmpty());
        assertEquals(1, store.records("aniworld", "attack-on-titan", 1, 1).size());
    }

    @Test
    public void theServiceStoppingRemovesNoSite() throws Exception {
        serviceStopping.set(true);
        registry.removeProvider(sto);
        registry.removeProvider(aniworld);
        deliverEvents();

        assertEquals("nothing announced", List.of(), changes());
        assertTrue("no search starts with a provider that is gone", registry.snapshot().entries().isEmpty());
        assertEquals("the records are kept for the next start", 1, store.records("sto", "attack-on-titan", 1, 1).size());
        assertEquals(1, store.records("aniworld", "attack-on-titan", 1, 1).size());
    }

    @Test
    public void theRegistryStoppingRemovesNoSite() throws Exception {
        registry.stop();
        registry.removeProvider(sto);
        deliverEvents();

        assertEquals(List.of(), changes());
        assertEquals(1, store.records("sto", "attack-on-titan", 1, 1).size());
    }
}
