package org.catalogarr.core.store;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

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

public class JobStoreTest {

    private Database database;
    private JobStore store;

    @Before
    public void setUp() throws SQLException {
        database = TestDatabases.inMemory();
        store = new JobStore(database);
    }

    @After
    public void tearDown() {
        TestDatabases.close(database);
    }

    private static DownloadJob job(String name, String category, JobStatus status) {
        Instant now = Instant.now();
        return new DownloadJob("job-1", "0123456789abcdef0123456789abcdef01234567", name, "aniworld", "show", 1, 1,
                Language.GERMAN_DUB, "{}", status, 0, Optional.empty(), 0, Optional.empty(), category, List.of(),
                "/downloads", Optional.empty(), now, now, Optional.empty(), ShareLimits.DEFAULT, 1, false);
    }

    private DownloadJob stored() {
        return store.byHash("0123456789abcdef0123456789abcdef01234567").orElseThrow();
    }

    @Test
    public void aMessageLongerThanItsColumnIsStoredCutWithAMark() {
        store.insert(job("Show.S01E01", "", JobStatus.DOWNLOADING));
        String reason = "No hoster delivered Show S01E01: " + "VOE: HTTP 500 from https://voe.example/e/x; ".repeat(100);
        assertTrue(reason.length() > 4000);

        store.updateState(stored().withStatus(JobStatus.FAILED, Optional.of(reason), Instant.now()));

        String message = stored().message().orElseThrow();
        assertEquals(Columns.JOB_MESSAGE, message.length());
        assertTrue(message, message.startsWith("No hoster delivered Show S01E01: VOE: HTTP 500"));
        assertTrue(message, message.endsWith(Columns.CUT_MARK));
        assertEquals(JobStatus.FAILED, stored().status());
    }

    @Test
    public void overLongNamesAndCategoriesAreRefusedBeforeSqlAndNothingIsStored() {
        IllegalArgumentException name = assertThrows(IllegalArgumentException.class,
                () -> store.insert(job("x".repeat(Columns.JOB_NAME + 1), "", JobStatus.QUEUED)));
        assertEquals("The name is 1001 characters long; at most 1000 are stored", name.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> store.insert(job("Show", "c".repeat(Columns.JOB_CATEGORY + 1), JobStatus.QUEUED)));
        assertThrows(IllegalArgumentException.class,
                () -> store.saveCategory("c".repeat(Columns.CATEGORY_NAME + 1), "c"));

        assertTrue(store.all().isEmpty());
        assertTrue(store.categories().isEmpty());
        store.insert(job("x".repeat(Columns.JOB_NAME), "", JobStatus.QUEUED));
        assertEquals(Columns.JOB_NAME, stored().name().length());
    }

    @Test
    public void tagsAreKeptOnTheirOwnOnceAndInOrder() {
        store.saveTags(List.of("b", "a", "b"));
        store.saveTags(List.of("a", "Ünï cødé"));

        assertEquals(List.of("a", "b", "Ünï cødé"), store.tags());
    }

    @Test
    public void deletingTagsTakesThemOffEveryJobInOneGo() {
        DownloadJob tagged = job("Show.S01E01", "", JobStatus.QUEUED).withTags(List.of("keep", "gone", "also"),
                Instant.now());
        store.insert(tagged);
        store.saveTags(List.of("keep", "gone", "also", "unused"));

        List<String> changed = store.deleteTags(List.of("gone", "also", "unused", "never"), Instant.now());

        assertEquals(List.of("job-1"), changed);
        assertEquals(List.of("keep"), stored().tags());
        assertEquals(List.of("keep"), store.tags());
        assertEquals(List.of(), store.deleteTags(List.of("gone"), Instant.now()));
    }

    @Test
    public void anOverLongTagIsRefusedBeforeSqlAndNoneOfItsBatchIsStored() {
        assertThrows(IllegalArgumentException.class,
                () -> store.saveTags(List.of("fine", "t".repeat(Columns.TAG_NAME + 1))));

        assertTrue(store.tags().isEmpty());
        store.saveTags(List.of("t".repeat(Columns.TAG_NAME)));
        assertEquals(Columns.TAG_NAME, store.tags().get(0).length());
    }

    @Test
    public void lookingUpOrRemovingByAnOverLongKeyFindsNothingInsteadOfFailing() {
        store.insert(job("Show.S01E01", "", JobStatus.QUEUED));
        store.saveCategory("tv", "tv");

        assertTrue(store.byHash("0123456789abcdef0123456789abcdef01234567" + "0".repeat(100)).isEmpty());
        store.deleteCategory("tv" + "x".repeat(Columns.CATEGORY_NAME));

        assertEquals(1, store.all().size());
        assertEquals(1, store.categories().size());
    }

    @Test
    public void progressIsWrittenOnlyWhileTheRowIsDownloading() {
        store.insert(job("Show.S01E01", "", JobStatus.DOWNLOADING));
        DownloadJob running = stored();
        assertTrue(store.updateProgress(running.withProgress(10, Optional.of(100L), 5, Instant.now())));
        assertEquals(10, stored().downloadedBytes());

        store.updateState(stored().withStatus(JobStatus.PAUSED, Optional.empty(), Instant.now()));
        // A report that left the worker before the pause arrives after it.
        assertFalse(store.updateProgress(running.withProgress(50, Optional.of(100L), 5, Instant.now())));

        assertEquals(JobStatus.PAUSED, stored().status());
        assertEquals(10, stored().downloadedBytes());
    }
}
