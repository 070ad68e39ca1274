package org.catalogarr.core.store;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.After;
import org.junit.Test;

public class MigrationsTest {

    private final EmbeddedDataSource dataSource = new EmbeddedDataSource();

    public MigrationsTest() {
        dataSource.setDatabaseName("memory:migrations-" + UUID.randomUUID());
        dataSource.setCreateDatabase("create");
    }

    @After
    public void dropDatabase() {
        EmbeddedDataSource drop = new EmbeddedDataSource();
        drop.setDatabaseName(dataSource.getDatabaseName());
        drop.setConnectionAttributes("drop=true");
        try (Connection ignored = drop.getConnection()) {
            fail("Derby confirms a drop with an exception");
        } catch (SQLException expected) {
            assertEquals("08006", expected.getSQLState());
        }
    }

    @Test
    public void freshDatabaseGetsEveryTableOfTheSeed() throws Exception {
        int version = new Migrations(MigrationSql.ALL).migrate(dataSource);

        assertEquals(MigrationSql.ALL.size(), version);
        List<String> tables = tables();
        for (String table : List.of("CATALOGUE_SITE", "TITLE_MAPPING", "AVAILABILITY_RECORD", "DOWNLOAD_JOB",
                "SCHEMA_VERSION")) {
            assertTrue(table + " in " + tables, tables.contains(table));
        }
        assertEquals(List.of("1", "2", "3", "4", "5", "6"), query("SELECT version FROM schema_version ORDER BY version"));
    }

    @Test
    public void migratingTwiceChangesNothing() throws Exception {
        new Migrations(MigrationSql.ALL).migrate(dataSource);
        execute("INSERT INTO title_mapping (title_key, site_id, slug, last_refreshed_at) VALUES ('attack on titan', 'aniworld', 'attack-on-titan', CURRENT_TIMESTAMP)");

        new Migrations(MigrationSql.ALL).migrate(dataSource);

        assertEquals(List.of("attack-on-titan"), query("SELECT slug FROM title_mapping"));
        assertEquals(List.of(Integer.toString(MigrationSql.ALL.size())), query("SELECT COUNT(*) FROM schema_version"));
    }

    @Test
    public void legacyDatabaseUpgradesKeepsItsJobsAndMarksThemAniWorld() throws Exception {
        new Migrations(List.of(MigrationSql.V1_DOWNLOAD_JOBS)).migrate(dataSource);
        execute("INSERT INTO download_job (id, status, progress, downloaded_bytes, total_bytes, message, result_path,"
                + " created_at, updated_at) VALUES ('job-1', 'completed', 100, 5000, 5000, 'done',"
                + " '/downloads/Show.S01E01.mkv', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
        execute("INSERT INTO download_job (id, status, created_at, updated_at)"
                + " VALUES ('job-2', 'queued', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");

        int version = new Migrations(MigrationSql.ALL).migrate(dataSource);

        assertEquals(MigrationSql.ALL.size(), version);
        assertEquals(List.of("job-1|completed|aniworld|/downloads/Show.S01E01.mkv", "job-2|queued|aniworld|null"),
                query("SELECT id || '|' || status || '|' || source_site || '|' || COALESCE(result_path, 'null')"
                        + " FROM download_job ORDER BY id"));
    }

    @Test
    public void newJobsMustNameTheirSourceSite() throws Exception {
        new Migrations(MigrationSql.ALL).migrate(dataSource);

        try {
            execute("INSERT INTO download_job (id, status, created_at, updated_at)"
                    + " VALUES ('job-3', 'queued', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
            fail("a job without source_site was accepted");
        } catch (SQLException expected) {
            assertEquals("23502", expected.getSQLState());
        }
        execute("INSERT INTO download_job (id, status, created_at, updated_at, source_site, magnet_metadata)"
                + " VALUES ('job-4', 'queued', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'sto',"
                + " '{\"site\":\"sto\",\"slug\":\"9-1-1\",\"s\":1,\"e\":2,\"lang\":\"german-dub\"}')");
        assertEquals(List.of("sto"), query("SELECT source_site FROM download_job WHERE id = 'job-4'"));
    }

    @Test
    public void jobsGetTorrentFieldsAndHashesStayUnique() throws Exception {
        new Migrations(List.of(MigrationSql.V1_DOWNLOAD_JOBS, MigrationSql.V2_CATALOGUES)).migrate(dataSource);
        execute("INSERT INTO download_job (id, status, created_at, updated_at, source_site)"
                + " VALUES ('old', 'completed', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'aniworld')");

        new Migrations(MigrationSql.ALL).migrate(dataSource);

        assertEquals(List.of("old|completed||"), query("SELECT id || '|' || status || '|' || category || '|' || tags"
                + " FROM download_job"));
        String insert = "INSERT INTO download_job (id, status, created_at, updated_at, source_site, info_hash)"
                + " VALUES ('%s', 'paused', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'sto', '%s')";
        execute(String.format(insert, "new", "a".repeat(40)));
        try {
            execute(String.format(insert, "twin", "a".repeat(40)));
            fail("two jobs with one info-hash");
        } catch (SQLException expected) {
            assertEquals("23505", expected.getSQLState());
        }
    }

    @Test
    public void titleMappingsAreUniquePerTitleAndSite() throws Exception {
        new Migrations(MigrationSql.ALL).migrate(dataSource);
        execute("INSERT INTO title_mapping (title_key, site_id, slug, last_refreshed_at) VALUES ('9 1 1', 'sto', '9-1-1', CURRENT_TIMESTAMP)");
        execute("INSERT INTO title_mapping (title_key, site_id, slug, last_refreshed_at) VALUES ('9 1 1', 'aniworld', 'nine-one-one', CURRENT_TIMESTAMP)");

        try {
            execute("INSERT INTO title_mapping (title_key, site_id, slug, last_refreshed_at) VALUES ('9 1 1', 'sto', 'other', CURRENT_TIMESTAMP)");
            fail("a second mapping for the same title and site was accepted");
        } catch (SQLException expected) {
            assertEquals("23505", expected.getSQLState());
        }
    }

    @Test
    public void failedStepIsRolledBackAndNotRecorded() throws Exception {
        Migration broken = new Migration(2, "broken", List.of("CREATE TABLE half_done (id INTEGER)",
                "CREATE TABLE download_job (id INTEGER)"));
        try {
            new Migrations(List.of(MigrationSql.V1_DOWNLOAD_JOBS, broken)).migrate(dataSource);
            fail("the broken step was accepted");
        } catch (SQLException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().startsWith("Schema migration 2 (broken) failed"));
        }
        assertFalse(tables().contains("HALF_DONE"));
        assertEquals(List.of("1"), query("SELECT version FROM schema_version"));
    }

    @Test
    public void databaseFromANewerCatalogarrIsRefused() throws Exception {
        new Migrations(MigrationSql.ALL).migrate(dataSource);

        try {
            new Migrations(List.of(MigrationSql.V1_DOWNLOAD_JOBS)).migrate(dataSource);
            fail("a newer schema was accepted by an older build");
        } catch (SQLException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("schema version " + MigrationSql.ALL.size() + ", newer than"));
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private List<String> query(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    private List<String> tables() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                ResultSet tables = connection.getMetaData().getTables(null, "APP", null, new String[] {"TABLE"})) {
            while (tables.next()) {
                names.add(tables.getString("TABLE_NAME"));
            }
        }
        return names;
    }
}
