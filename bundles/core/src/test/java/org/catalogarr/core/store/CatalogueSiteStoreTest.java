package org.catalogarr.core.store;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.catalogarr.catalogue.api.CatalogueSite;
import org.catalogarr.catalogue.api.Language;
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
                List.of(Language.GERMAN_DUB, Language.ENGLISH_DUB), false, 8, Set.of(), 24, 6, false);

        store.save(sto);
        store.save(sto.withEnabled(true));

        try (Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT site_id, display_name, base_url, search_priority,"
                        + " default_languages, enabled, search_timeout_seconds FROM catalogue_site")) {
            assertTrue(rows.next());
            assertEquals("sto|s.to|https://s.to|2|german-dub,english-dub|true|8", String.join("|", rows.getString(1),
                    rows.getString(2), rows.getString(3), rows.getString(4), rows.getString(5), rows.getString(6),
                    rows.getString(7)));
            assertFalse("one row per site", rows.next());
        }
    }

    @Test
    public void statusQueriesTheDatabase() throws Exception {
        database.open("memory:status-" + UUID.randomUUID());

        DatabaseStatus status = database.status();

        assertTrue(status.up());
        assertEquals(MigrationSql.ALL.size(), status.schemaVersion());
    }
}
