package org.catalogarr.core.store;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The database opens beside the start (issue 12): what needs it waits, /health does not. */
public class DatabaseOpeningTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private final Database database = new Database();

    @After
    public void close() {
        database.close();
    }

    @Test
    public void readsWaitForTheOpenWhileTheStatusSaysOpeningAtOnce() throws Exception {
        assertEquals(DatabaseStatus.State.OPENING, database.status().state());
        assertFalse(database.status().down());

        CompletableFuture<Integer> read = CompletableFuture.supplyAsync(
                () -> database.withConnection("count", c -> Migrations.currentVersion(c)));
        Thread.sleep(200);
        assertFalse("a read waits for the open", read.isDone());

        database.open("memory:opening-" + UUID.randomUUID());

        assertEquals(MigrationSql.ALL.size(), (int) read.get(10, TimeUnit.SECONDS));
        assertTrue(database.status().up());
    }

    @Test
    public void aDatabaseThatCannotOpenIsDownAndItsReadsFailAtOnce() throws Exception {
        Path file = temp.newFile("not-a-folder").toPath();
        Files.writeString(file, "a file where the database folder's parent should be");

        database.openInBackground(file.resolve("db"));

        DatabaseStatus status = database.status();
        assertEquals(status.toString(), DatabaseStatus.State.DOWN, status.state());
        long started = System.nanoTime();
        try {
            database.withConnection("count", c -> Migrations.currentVersion(c));
            fail("read from a database that did not open");
        } catch (StoreException e) {
            assertTrue(e.getMessage(), e.getMessage().startsWith("count: "));
        }
        assertTrue("failed at once, not after the open wait",
                System.nanoTime() - started < TimeUnit.SECONDS.toNanos(5));
    }
}
