package org.catalogarr.core.store;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.catalogarr.catalogue.api.CatalogueSite;
import org.catalogarr.catalogue.api.Language;
import org.catalogarr.core.store.CatalogueSiteStore.StoredSite;
import org.junit.After;
import org.junit.Test;

public class CatalogueSiteStoreTest {

    private final Database database = new Database();

    @After
    public void close() {
        database.close();
    }

    @Test
    public void savesAndUpdatesOneRowPerSite() throws Exception {
        database.open("memory:sites-" + UUID.randomUUID());
        CatalogueSiteStore store = new CatalogueSiteStore(database);
        CatalogueSite sto = new CatalogueSite("sto", "s.to", URI.create("https://s.to"), 2,
                List.of(Language.GERMAN_DUB, Language.ENGLISH_DUB), false, 8, Set.of());

        store.save(sto);
        store.save(sto.withEnabled(true));

        assertEquals(List.of(new StoredSite("sto", "s.to", "https://s.to", 2, List.of("german-dub", "english-dub"),
                true, 8)), store.all());
    }

    @Test
    public void statusQueriesTheDatabase() throws Exception {
        database.open("memory:status-" + UUID.randomUUID());

        DatabaseStatus status = database.status();

        assertTrue(status.up());
        assertEquals(2, status.schemaVersion());
    }
}
