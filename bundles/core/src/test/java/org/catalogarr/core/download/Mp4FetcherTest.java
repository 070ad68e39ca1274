package org.catalogarr.core.download;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import org.catalogarr.hoster.api.MediaSource;
import org.catalogarr.testkit.FakeMp4Host;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class Mp4FetcherTest {

    private static final Retries ONCE = new Retries(1, Duration.ofMillis(10));

    @Rule
    public final TemporaryFolder temp = new TemporaryFolder();

    private final FakeMp4Host host = new FakeMp4Host();
    /** One attempt per call, so that the tests see each cut as the job would without the fetcher's own retries. */
    private final Mp4Fetcher fetcher = new Mp4Fetcher(LoopbackRequests.within(Duration.ofSeconds(5)), ONCE);
    private final List<long[]> updates = new CopyOnWriteArrayList<>();

    {
        host.start();
    }

    @After
    public void stop() {
        host.close();
    }

    private MediaSource media(String id) {
        return new MediaSource(host.mediaUrl(id), Map.of("Referer", host.baseUrl() + "/"), MediaSource.Kind.MP4);
    }

    /** The temporary folder as its own download root. */
    private TargetFolder target() throws IOException {
        Path folder = temp.getRoot().toPath().toRealPath();
        return new TargetFolder(folder, folder);
    }

    private Path fetch(String id, String origin) throws IOException, InterruptedException {
        return fetcher.fetch(media(id), target(), "Show S01E01", origin,
                (done, total, speed) -> updates.add(new long[] {done, total}));
    }

    /** Fetches until the first progress report, then interrupts, leaving a part file behind. */
    private Path interruptedFetch(String id, String origin) throws IOException {
        assertThrows(InterruptedException.class, () -> fetcher.fetch(media(id), target(), "Show S01E01",
                origin, (done, total, speed) -> Thread.currentThread().interrupt()));
        Path part = temp.getRoot().toPath().resolve("Show S01E01.mp4.part");
        assertTrue(Files.exists(part));
        return part;
    }

    @Test
    public void downloadsTheWholeFileAndReportsProgress() throws Exception {
        Path file = fetch("abc", "VOE 1");

        assertEquals(temp.getRoot().toPath().resolve("Show S01E01.mp4"), file);
        assertArrayEquals(FakeMp4Host.content("abc"), Files.readAllBytes(file));
        assertFalse(Files.exists(temp.getRoot().toPath().resolve("Show S01E01.mp4.part")));
        long[] last = updates.get(updates.size() - 1);
        assertEquals(FakeMp4Host.SIZE, last[0]);
        assertEquals(FakeMp4Host.SIZE, last[1]);
    }

    @Test
    public void resumesAfterADroppedConnection() throws Exception {
        assertThrows(IOException.class, () -> fetch("dropping", "Vidoza 1"));
        Path part = temp.getRoot().toPath().resolve("Show S01E01.mp4.part");
        long kept = Files.size(part);
        assertTrue("kept " + kept, kept > 0 && kept < FakeMp4Host.SIZE);
        updates.clear();

        Path file = fetch("dropping", "Vidoza 1");

        assertArrayEquals(FakeMp4Host.content("dropping"), Files.readAllBytes(file));
        assertTrue("the resumed download starts at the kept bytes", updates.stream().allMatch(u -> u[0] > kept));
    }

    @Test
    public void aCutConnectionIsResumedWithARangeWithinTheSameCall() throws Exception {
        Mp4Fetcher retrying = new Mp4Fetcher(LoopbackRequests.within(Duration.ofSeconds(5)),
                new Retries(3, Duration.ofMillis(10)));

        Path file = retrying.fetch(media("dropping"), target(), "Show S01E01", "Vidoza 1", (d, t, s) -> { });

        assertArrayEquals(FakeMp4Host.content("dropping"), Files.readAllBytes(file));
        assertTrue(host.requests().toString(), host.requests().stream().filter(r -> r.contains("/mp4/dropping.mp4"))
                .count() == 2);
    }

    @Test
    public void theFileIsNamedBeforeTheFirstByteAndACutSaysHowFarItGot() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        DownloadEngine.Progress progress = new DownloadEngine.Progress() {
            @Override
            public void update(long done, long total, double speed) {
                events.add("update " + done);
            }

            @Override
            public void file(Path file) {
                events.add("file " + file.getFileName());
            }
        };

        IOException cut = assertThrows(IOException.class,
                () -> fetcher.fetch(media("dropping"), target(), "Show S01E01", "Vidoza 1", progress));

        assertEquals("file Show S01E01.mp4", events.get(0));
        assertTrue(cut.getMessage(), cut.getMessage().matches("connection cut at [0-9.]+ KiB of 200\\.0 KiB \\("
                + Pattern.quote(host.mediaUrl("dropping").toString()) + "\\): .+"));
    }

    @Test
    public void anInterruptionKeepsThePartFile() throws Exception {
        Path part = interruptedFetch("abc", "VOE 1");

        assertTrue(Files.size(part) < FakeMp4Host.SIZE);
        assertFalse(Files.exists(temp.getRoot().toPath().resolve("Show S01E01.mp4")));
        assertFalse("the interrupt is consumed by the exception", Thread.currentThread().isInterrupted());
    }

    @Test
    public void startsOverWhenTheServerIgnoresTheRange() throws Exception {
        interruptedFetch("norange", "VOE 1");

        assertArrayEquals(FakeMp4Host.content("norange"), Files.readAllBytes(fetch("norange", "VOE 1")));
    }

    @Test
    public void startsOverWhenThePartFileCameFromAnotherOffer() throws Exception {
        long kept = Files.size(interruptedFetch("abc", "VOE 1"));

        Path file = fetch("abc", "Vidoza 2");

        assertArrayEquals(FakeMp4Host.content("abc"), Files.readAllBytes(file));
        assertTrue(updates.get(0)[0] <= kept);
    }

    @Test
    public void failsWhenTheLengthDoesNotMatchTheAnnouncedTotal() throws Exception {
        interruptedFetch("mislabelled", "VOE 1");

        IOException failure = assertThrows(IOException.class, () -> fetch("mislabelled", "VOE 1"));

        assertTrue(failure.getMessage(), failure.getMessage().contains("length mismatch"));
        assertFalse(Files.exists(temp.getRoot().toPath().resolve("Show S01E01.mp4")));
    }

    @Test
    public void aMissingFileIsGone() {
        assertThrows(MediaGoneException.class, () -> fetch("deleted", "VOE 1"));
    }

    @Test
    public void aServerFallingSilentIsGivenUpAndResumedLater() throws Exception {
        Mp4Fetcher impatient = new Mp4Fetcher(LoopbackRequests.within(Duration.ofSeconds(1)), ONCE);
        Path folder = temp.getRoot().toPath();

        IOException stalled = assertThrows(IOException.class, () -> impatient.fetch(media("stalling"), target(),
                "Show S01E01", "VOE 1", (done, total, speed) -> { }));

        assertTrue(stalled.getMessage(), stalled.getMessage().contains("no data for 1 s"));
        assertEquals(FakeMp4Host.DROP_AFTER, Files.size(folder.resolve("Show S01E01.mp4.part")));
        Path file = impatient.fetch(media("stalling"), target(), "Show S01E01", "VOE 1", (done, total, speed) -> { });
        assertArrayEquals(FakeMp4Host.content("stalling"), Files.readAllBytes(file));
    }

    @Test
    public void aPartFileHoldingEveryByteIsFinishedWithoutDownloadingAgain() throws Exception {
        List<Path> files = Mp4Fetcher.files(temp.getRoot().toPath(), "Show S01E01");
        Files.write(files.get(1), FakeMp4Host.content("abc"));
        Files.writeString(files.get(2), "VOE 1");

        Path file = fetch("abc", "VOE 1");

        assertArrayEquals(FakeMp4Host.content("abc"), Files.readAllBytes(file));
        assertFalse(Files.exists(files.get(1)));
        assertFalse(Files.exists(files.get(2)));
    }
}
