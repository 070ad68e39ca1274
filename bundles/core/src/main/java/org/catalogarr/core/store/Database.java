package org.catalogarr.core.store;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

import javax.sql.DataSource;

import org.apache.derby.jdbc.EmbeddedDataSource;
import org.catalogarr.core.settings.Settings;
import org.catalogarr.core.settings.SettingsRules;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded Derby database in the data folder, migrated to the newest schema before anyone may use
 * it. Reached through a {@link DataSource} because Derby's DriverManager route cannot see the driver
 * from another bundle.
 */
@Component(service = Database.class, configurationPid = Database.PID)
@Designate(ocd = Database.Config.class)
public class Database {

    static final String PID = "org.catalogarr.store";

    /** Framework property naming the data folder; the start script sets it from CATALOGARR_DATA. */
    public static final String DATA_FOLDER_PROPERTY = "catalogarr.data";

    @ObjectClassDefinition(name = "Catalogarr database", description = "Where the embedded Derby database lives.")
    public @interface Config {
        @AttributeDefinition(name = "Database folder",
                description = "Folder of the Derby database. Empty: 'db' inside the data folder (CATALOGARR_DATA).")
        String directory() default "";
    }

    static final SettingsRules RULES = SettingsRules.none().check("directory",
            directory -> directory.toString().isBlank() || isPath(directory.toString()), "must be a folder path or empty");

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    @Reference
    private Settings settings;

    private EmbeddedDataSource dataSource;
    private String location;
    private int schemaVersion;

    @Activate
    void activate(BundleContext context, Map<String, Object> properties) throws Exception {
        Config config = settings.apply(PID, Config.class, RULES, properties);
        Path folder = location(config, context.getProperty(DATA_FOLDER_PROPERTY));
        Files.createDirectories(folder.getParent());
        open(folder.toString());
        LOG.info("Database ready at {} (schema version {})", folder, schemaVersion);
    }

    /** Opens (creating if needed) and migrates the database; {@code memory:name} gives an in-memory one. */
    void open(String databaseName) throws SQLException {
        EmbeddedDataSource source = new EmbeddedDataSource();
        source.setDatabaseName(databaseName);
        source.setCreateDatabase("create");
        schemaVersion = new Migrations(MigrationSql.ALL).migrate(source);
        location = databaseName;
        dataSource = source;
    }

    private static boolean isPath(String text) {
        try {
            Path.of(text);
            return true;
        } catch (InvalidPathException e) {
            return false;
        }
    }

    static Path location(Config config, String dataFolder) {
        if (!config.directory().isBlank()) {
            return Path.of(config.directory()).toAbsolutePath();
        }
        return Path.of(dataFolder == null || dataFolder.isBlank() ? "data" : dataFolder).resolve("db").toAbsolutePath();
    }

    @Deactivate
    void close() {
        EmbeddedDataSource shutdown = new EmbeddedDataSource();
        shutdown.setDatabaseName(location);
        shutdown.setShutdownDatabase("shutdown");
        try (Connection ignored = shutdown.getConnection()) {
            LOG.warn("Derby did not confirm the shutdown of {}", location);
        } catch (SQLException e) {
            // Derby always reports a clean database shutdown as SQLState 08006.
            if ("08006".equals(e.getSQLState())) {
                LOG.info("Database at {} closed", location);
            } else {
                LOG.warn("Shutting down the database at {} failed: {}", location, e.getMessage());
            }
        }
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Checks the database with a real query, so a broken disk shows up in /health. */
    public DatabaseStatus status() {
        try (Connection connection = dataSource.getConnection()) {
            return new DatabaseStatus(true, Migrations.currentVersion(connection), location, "ok");
        } catch (SQLException e) {
            return new DatabaseStatus(false, schemaVersion, location, e.getMessage());
        }
    }
}
