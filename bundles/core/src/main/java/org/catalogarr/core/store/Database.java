package org.catalogarr.core.store;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import org.apache.derby.jdbc.EmbeddedDataSource;
import org.catalogarr.core.cache.Recently;
import org.catalogarr.core.threads.DaemonThreads;
import org.catalogarr.settings.Settings;
import org.catalogarr.settings.SettingsRules;
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
 *
 * <p>Derby's boot, recovery and migrations took a third of the start's CPU time on the thread that starts
 * every other bundle (issue 12), so they run on a thread of their own once the framework has started every
 * bundle (beside the start, they took the second core from that thread: ready 40 ms later in paired restarts):
 * the service is there at once, its reads and writes wait for the open (at most {@link #OPEN_WAIT}), and
 * {@link #status()} says {@code opening} meanwhile rather than blocking {@code /health}.
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

    /** How long a read or write waits for the database to open; Derby's recovery after a crash may take a while. */
    static final Duration OPEN_WAIT = Duration.ofSeconds(60);

    @Reference
    private Settings settings;

    private final Recently<Boolean, DatabaseStatus> status = new Recently<>(Duration.ofSeconds(1));
    /** Completed with the migrated database, or with why it could not be opened. */
    private final CompletableFuture<EmbeddedDataSource> opened = new CompletableFuture<>();
    private volatile String location;
    /** Derby boots once the framework has started everything; null when opened directly (tests). */
    private volatile AfterFrameworkStart openAfterStart;
    private volatile int schemaVersion;

    @Activate
    void activate(BundleContext context, Map<String, Object> properties) {
        Config config = settings.apply(PID, Config.class, RULES, properties);
        Path folder = location(config, context.getProperty(DATA_FOLDER_PROPERTY));
        location = folder.toString();
        openAfterStart = AfterFrameworkStart.run(context,
                () -> DaemonThreads.named("catalogarr-database-open").newThread(() -> openInBackground(folder)).start());
    }

    void openInBackground(Path folder) {
        try {
            Files.createDirectories(folder.getParent());
            open(folder.toString());
            LOG.info("Database ready at {} (schema version {})", folder, schemaVersion);
        } catch (Exception | Error e) {
            LOG.error("The database at {} could not be opened: {}", folder, e.toString(), e);
            opened.completeExceptionally(e);
        }
    }

    /** Opens (creating if needed) and migrates the database; {@code memory:name} gives an in-memory one. */
    void open(String databaseName) throws SQLException {
        EmbeddedDataSource source = new EmbeddedDataSource();
        source.setDatabaseName(databaseName);
        source.setCreateDatabase("create");
        schemaVersion = new Migrations(MigrationSql.ALL).migrate(source);
        location = databaseName;
        opened.complete(source);
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

    /** Waits for an open still under way, so that a stop during the start does not cut a migration short. */
    @Deactivate
    void close() {
        boolean begun = openAfterStart == null || openAfterStart.cancel();
        if (!begun) {
            // A stop during the start, before Derby's boot began: whoever waits for the open is let go at once.
            opened.completeExceptionally(new SQLException("The service stopped before the database opened", "08001"));
            return;
        }
        if (location == null) {
            return;
        }
        try {
            opened.get(OPEN_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return;
        } catch (TimeoutException e) {
            LOG.warn("The database at {} is still opening; it is left to Derby's own recovery at the next start",
                    location);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
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

    /**
     * The open database, once it is open.
     *
     * @throws SQLException when it could not be opened, or is not open within {@link #OPEN_WAIT}
     */
    DataSource dataSource() throws SQLException {
        try {
            return opened.get(OPEN_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof SQLException sql ? sql
                    : new SQLException("The database could not be opened: " + e.getCause(), "08001", e.getCause());
        } catch (TimeoutException e) {
            throw new SQLException("The database did not open within " + OPEN_WAIT.toSeconds() + " s", "08001");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("Interrupted while waiting for the database to open", "08001", e);
        }
    }

    /** What a store does with one connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs statements that each stand alone (auto-commit) on a connection of their own.
     *
     * @param what what is done, for the exception: "Job 12 could not be read"
     * @throws StoreException when the database refuses
     */
    <T> T withConnection(String what, Work<T> work) {
        try (Connection connection = dataSource().getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new StoreException(what, e);
        }
    }

    /**
     * Runs the work as one transaction: committed when it returns, rolled back when anything at all is
     * thrown. Derby refuses to close a connection with an open transaction, and such a connection keeps its
     * row locks, so that the next write of the same row times out (40XL1): the rollback must never be
     * skipped, even for an unchecked exception or an error.
     *
     * @param what what is done, for the exception: "Job 12 could not be written"
     * @throws StoreException when the database refuses; nothing of the work is kept
     */
    <T> T inTransaction(String what, Work<T> work) {
        Connection connection;
        try {
            connection = dataSource().getConnection();
        } catch (SQLException e) {
            throw new StoreException(what, e);
        }
        Throwable failure = null;
        try {
            connection.setAutoCommit(false);
            T result = work.run(connection);
            connection.commit();
            return result;
        } catch (SQLException e) {
            failure = new StoreException(what, e);
            throw (StoreException) failure;
        } catch (RuntimeException | Error e) {
            failure = e;
            throw e;
        } finally {
            end(connection, failure);
        }
    }

    /** Rolls back after a failure, restores auto-commit and closes; what goes wrong here is added to the failure. */
    private static void end(Connection connection, Throwable failure) {
        try {
            if (failure != null) {
                connection.rollback();
            }
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            if (failure != null) {
                failure.addSuppressed(e);
            } else {
                LOG.warn("A committed transaction's connection could not be reset: {}", e.getMessage());
            }
        } finally {
            try {
                connection.close();
            } catch (SQLException e) {
                if (failure != null) {
                    failure.addSuppressed(e);
                } else {
                    LOG.warn("A database connection could not be closed: {}", e.getMessage());
                }
            }
        }
    }

    /**
     * Checks the database with a real query, so a broken disk shows up in /health; at most once a second,
     * because monitors and load balancers may poll /health hard and a Derby connection per poll costs more
     * than the rest of the answer. While the database is still opening it says so without waiting.
     */
    public DatabaseStatus status() {
        if (!opened.isDone()) {
            return DatabaseStatus.opening(location);
        }
        return status.get(Boolean.TRUE, any -> checkStatus());
    }

    private DatabaseStatus checkStatus() {
        try (Connection connection = dataSource().getConnection()) {
            return DatabaseStatus.up(Migrations.currentVersion(connection), location);
        } catch (SQLException e) {
            return DatabaseStatus.down(schemaVersion, location, e.getMessage());
        }
    }
}
