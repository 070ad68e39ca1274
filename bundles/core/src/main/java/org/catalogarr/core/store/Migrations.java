package org.catalogarr.core.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Brings a database from whatever version it has to the newest one this build knows. */
final class Migrations {

    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    private final List<Migration> migrations;

    Migrations(List<Migration> migrations) {
        this.migrations = List.copyOf(migrations);
        for (int i = 0; i < this.migrations.size(); i++) {
            if (this.migrations.get(i).version() != i + 1) {
                throw new IllegalArgumentException("migrations must be numbered 1, 2, 3, ... without gaps");
            }
        }
    }

    /** Applies the missing steps and returns the schema version the database now has. */
    int migrate(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            int current = currentVersion(connection);
            int newest = migrations.size();
            if (current > newest) {
                throw new SQLException("The database has schema version " + current
                        + ", newer than this Catalogarr knows (" + newest + "); refusing to use it. "
                        + "Run the newer Catalogarr or restore a backup of the data folder.");
            }
            for (Migration migration : migrations.subList(current, newest)) {
                apply(connection, migration);
            }
            return newest;
        }
    }

    static int currentVersion(Connection connection) throws SQLException {
        if (!schemaVersionTableExists(connection)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(MigrationSql.SCHEMA_VERSION_TABLE);
            }
            return 0;
        }
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(MigrationSql.CURRENT_VERSION)) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static boolean schemaVersionTableExists(Connection connection) throws SQLException {
        try (ResultSet tables = connection.getMetaData().getTables(null, null, "SCHEMA_VERSION", null)) {
            return tables.next();
        }
    }

    private static void apply(Connection connection, Migration migration) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement();
                PreparedStatement record = connection.prepareStatement(MigrationSql.RECORD_VERSION)) {
            for (String sql : migration.statements()) {
                statement.execute(sql);
            }
            record.setInt(1, migration.version());
            record.setString(2, migration.description());
            record.executeUpdate();
            connection.commit();
            LOG.info("Database schema migrated to version {} ({})", migration.version(), migration.description());
        } catch (SQLException e) {
            connection.rollback();
            throw new SQLException("Schema migration " + migration.version() + " (" + migration.description()
                    + ") failed and was rolled back: " + e.getMessage(), e.getSQLState(), e);
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }
}
