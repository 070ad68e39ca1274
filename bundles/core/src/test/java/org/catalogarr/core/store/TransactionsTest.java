package org.catalogarr.core.store;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.catalogarr.catalogue.api.Language;
import org.catalogarr.core.dto.DownloadJob;
import org.catalogarr.core.dto.JobStatus;
import org.catalogarr.core.dto.ShareLimits;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * A unit of work that fails in any way leaves nothing behind: no half-written rows and, above all, no
 * open transaction holding row locks, which made the next write of the same row wait for Derby's lock
 * timeout and fail (40XL1).
 */
public class TransactionsTest {

    private Database database;
    private JobStore store;
    private DownloadJob job;

    @Before
    public void setUp() throws SQLException {
        database = TestDatabases.inMemory();
        store = new JobStore(database);
        Instant now = Instant.now();
        job = new DownloadJob("job-1", "0123456789abcdef0123456789abcdef01234567", "Show.S01E01", "aniworld", "show",
                1, 1, Language.GERMAN_DUB, "{}", JobStatus.QUEUED, 0, Optional.empty(), 0, Optional.empty(), "",
                List.of(), "/downloads", Optional.empty(), now, now, Optional.empty(), ShareLimits.DEFAULT, 1, false);
        store.insert(job);
    }

    @After
    public void tearDown() {
        TestDatabases.close(database);
    }

    /** Moves the job to position 99 on the connection, then lets {@code failure} end the work. */
    private void failAfterAnUpdate(RuntimeException failure) {
        database.inTransaction("test work", connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE download_job SET queue_position = 99 WHERE id = ?")) {
                update.setString(1, job.id());
                update.executeUpdate();
            }
            throw failure;
        });
    }

    private long storedPosition() {
        return store.byHash(job.infoHash()).orElseThrow().queuePosition();
    }

    @Test(timeout = 30_000)
    public void anUncheckedFailureRollsBackAndTheRowCanBeWrittenAgain() {
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> failAfterAnUpdate(new IllegalStateException("boom")));

        assertEquals("boom", failure.getMessage());
        assertEquals("the update of the failed work is gone", 1, storedPosition());
        // Before, the connection kept the row locked and this waited for the lock timeout, then failed.
        store.updateQueue(List.of(job.withQueue(5, true, Instant.now())), Instant.now());
        assertEquals(5, storedPosition());
    }

    @Test(timeout = 30_000)
    public void anSqlFailureIsAStoreExceptionAndRollsBack() {
        StoreException failure = assertThrows(StoreException.class, () -> database.inTransaction("Writing twice",
                connection -> {
                    try (PreparedStatement update = connection.prepareStatement(
                            "UPDATE download_job SET queue_position = 99 WHERE id = ?")) {
                        update.setString(1, job.id());
                        update.executeUpdate();
                    }
                    try (PreparedStatement broken = connection.prepareStatement(
                            "UPDATE download_job SET status = 'nonsense' WHERE id = ?")) {
                        broken.setString(1, job.id());
                        return broken.executeUpdate();
                    }
                }));

        assertEquals("23513", failure.sqlState());
        assertEquals(true, failure.getMessage().startsWith("Writing twice: "));
        assertEquals(1, storedPosition());
        store.updateState(job.withStatus(JobStatus.PAUSED, Optional.empty(), Instant.now()));
        assertEquals(JobStatus.PAUSED, store.byHash(job.infoHash()).orElseThrow().status());
    }

    @Test(timeout = 30_000)
    public void anErrorRollsBackToo() {
        assertThrows(AssertionError.class, () -> database.inTransaction("test work", connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE download_job SET queue_position = 99 WHERE id = ?")) {
                update.setString(1, job.id());
                update.executeUpdate();
            }
            throw new AssertionError("an error, not an exception");
        }));

        assertEquals(1, storedPosition());
        store.updateQueue(List.of(job.withQueue(7, false, Instant.now())), Instant.now());
        assertEquals(7, storedPosition());
    }

    @Test
    public void committedWorkIsKeptAndItsConnectionIsBackInAutoCommit() {
        boolean autoCommitAfterwards = database.inTransaction("test work", connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE download_job SET queue_position = 3 WHERE id = ?")) {
                update.setString(1, job.id());
                update.executeUpdate();
            }
            return connection.getAutoCommit();
        });

        assertEquals(false, autoCommitAfterwards);
        assertEquals(3, storedPosition());
        int rows = database.withConnection("count", connection -> {
            try (PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM download_job");
                    ResultSet result = count.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        });
        assertEquals(1, rows);
    }
}
