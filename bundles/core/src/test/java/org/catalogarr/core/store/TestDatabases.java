package org.catalogarr.core.store;

import java.sql.SQLException;
import java.util.UUID;

/** Migrated in-memory databases for tests outside this package. */
public final class TestDatabases {

    private TestDatabases() {
    }

    public static Database inMemory() throws SQLException {
        Database database = new Database();
        database.open("memory:test-" + UUID.randomUUID());
        return database;
    }

    public static void close(Database database) {
        database.close();
    }
}
