package org.catalogarr.core.download;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

import org.catalogarr.hoster.api.MediaSource;
import org.catalogarr.testkit.FakeCdn;
import org.catalogarr.testkit.FakeMp4Host;
import org.catalogarr.testkit.FakeSite;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class HlsFetcherTest {

    private static final String NAME = "Show S01E01";

    @Rule
    public final TemporaryFolder temp = new TemporaryFolder();

    private final FakeCdn cdn = new FakeCdn();
    private final HlsFetcher fetcher = new HlsFetcher(LoopbackRequests.within(Duration.ofSeconds(5)), 3, Duration.ofMillis(10));
    private final List<long[]> updates = new CopyOnWriteArrayList<>();

    {
        cdn.start();
    }

    @After
    public void stop() {
        cdn.close();
    }

    private Path folder() {
        return temp.getRoot().toPath();
    }

    /** The temporary folder as its own download root. */
    private TargetFolder target() throws IOException {
        Path folder = folder().toRealPath();
        return new TargetFolder(folder, folder);
    }

    private MediaSource media(URI master) {
        return new MediaSource(master, Map.of("Referer", cdn.baseUrl() + "/e/x", "User-Agent", "Mozilla/5.0 test"),
                MediaSource.Kind.HLS);
    }

    private Path fetch(String code, String origin) throws IOException, InterruptedException {
        return fetch(fetcher, media(cdn.masterUrl(code)), origin);
    }

    private Path fetch(HlsFetcher with, MediaSource media, String origin) throws IOException, InterruptedException {
        return with.fetch(media, target(), NAME, origin, (done, total, speed) -> updates.add(new long[] {done, total}));
    }

    private long requestsFor(String path) {
        return cdn.requests().stream().filter(r -> r.equals("GET " + path) || r.startsWith("GET " + path + "?")).count();
    }

    private static long bytesOfFirstSegments(String code, int count) {
        long bytes = 0;
        for (int index = 0; index < count; index++) {
            bytes += FakeCdn.plainSegment(code, FakeCdn.BEST, index).length;
        }
        return bytes;
    }

    /**
     * Starts a download of a {@code stalling} video and interrupts it while it waits for the faulty
     * segment, after the segments before it are complete.
     */
    private void interruptedFetch(String code, URI master, String origin) throws Exception {
        FutureTask<Path> task = new FutureTask<>(() -> fetch(fetcher, media(master), origin));
        Thread thread = new Thread(task, "hls-test-fetch");
        thread.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        // Segments are fetched in parallel: the faulty one may be asked for before those ahead of it are written.
        String extension = code.contains("fmp4") ? ".mp4" : ".ts";
        Path part = folder().resolve(NAME + extension + ".part");
        long before = bytesOfFirstSegments(code, FakeCdn.FAULTY_SEGMENT);
        while (requestsFor(FakeCdn.segmentPath(code, FakeCdn.FAULTY_SEGMENT)) == 0 || !Files.exists(part)
                || Files.size(part) < before) {
            assertTrue("the faulty segment was never asked for", System.nanoTime() < deadline);
            Thread.sleep(10);
        }
        thread.interrupt();
        ExecutionException failure = assertThrows(ExecutionException.class, () -> task.get(10, TimeUnit.SECONDS));
        assertTrue(String.valueOf(failure.getCause()), failure.getCause() instanceof InterruptedException);
        assertTrue(Files.exists(folder().resolve(NAME + extension + ".part")));
        assertFalse(Files.exists(folder().resolve(NAME + extension)));
    }

    @Test
    public void downloadsTheBestVariantWithTheHostersHeadersAndReportsProgress() throws Exception {
        Path file = fetch("abc", "VOE 1");

        assertEquals(folder().resolve(NAME + ".ts"), file);
        assertArrayEquals(FakeCdn.content("abc"), Files.readAllBytes(file));
        assertTrue(cdn.requests().stream().noneMatch(r -> r.contains("/" + FakeCdn.LOW + "/seg")));
        assertEquals(List.of(NAME + ".ts"), Files.list(folder()).map(p -> p.getFileName().toString()).toList());
        long size = Files.size(file);
        long[] last = updates.get(updates.size() - 1);
        assertEquals(size, last[0]);
        assertEquals(size, last[1]);
        for (long[] update : updates.subList(0, updates.size() - 1)) {
            assertTrue("reported " + update[0] + " of " + update[1] + " before the end", update[1] < 0 || update[0] < update[1]);
        }
    }

    @Test
    public void theFileIsNamedWithTheExtensionOfTheStreamsFormatBeforeItsFirstByte() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        Path file = fetcher.fetch(media(cdn.masterUrl("abc")), target(), NAME, "VOE 1", new DownloadEngine.Progress() {
            @Override
            public void update(long done, long total, double speed) {
                events.add("update");
            }

            @Override
            public void file(Path named) {
                events.add("file " + named);
            }
        });

        assertEquals("file " + file, events.get(0));
        assertEquals(folder().resolve(NAME + ".ts"), file);
    }

    @Test
    public void withoutTheHostersRefererTheCdnRefusesAndTheErrorSaysWhy() {
        MediaSource bare = new MediaSource(cdn.masterUrl("abc"), Map.of(), MediaSource.Kind.HLS);

        IOException refused = assertThrows(IOException.class, () -> fetch(fetcher, bare, "VOE 1"));

        assertFalse(refused instanceof MediaGoneException);
        assertTrue(refused.getMessage(), refused.getMessage().contains("HTTP 403"));
        assertTrue(refused.getMessage(), refused.getMessage().contains("Referer"));
        assertEquals("one request, no retries for a refusal", 1, cdn.requests().size());
    }

    @Test
    public void anExpiredLinkIsRefusedWithAClearError() {
        MediaSource expired = media(cdn.masterUrl("abc", Instant.now().minusSeconds(60)));

        IOException refused = assertThrows(IOException.class, () -> fetch(fetcher, expired, "VOE 1"));

        assertTrue(refused.getMessage(), refused.getMessage().contains("HTTP 403"));
        assertTrue(refused.getMessage(), refused.getMessage().contains("expired"));
    }

    @Test
    public void tokensInTheQueryAreKeptOnEveryRequest() throws Exception {
        Path file = fetch(fetcher, media(cdn.masterUrl("abc", Instant.now().plusSeconds(600))), "VOE 1");

        assertArrayEquals(FakeCdn.content("abc"), Files.readAllBytes(file));
        assertTrue(cdn.requests().toString(), cdn.requests().stream().allMatch(r -> r.contains("?e=")));
    }

    @Test
    public void aes128SegmentsAreDecryptedWithTheSequenceNumberAsIv() throws Exception {
        Path file = fetch("aes", "VOE 1");

        assertArrayEquals(FakeCdn.content("aes"), Files.readAllBytes(file));
        assertEquals("the key is fetched once", 1, requestsFor("/hls/aes/key"));
    }

    @Test
    public void aes128SegmentsAreDecryptedWithAnExplicitIv() throws Exception {
        assertArrayEquals(FakeCdn.content("aesiv"), Files.readAllBytes(fetch("aesiv", "VOE 1")));
    }

    @Test
    public void fragmentedMp4BecomesAnMp4WithItsInitialisationSectionFirst() throws Exception {
        Path file = fetch("fmp4", "VOE 1");

        assertEquals(folder().resolve(NAME + ".mp4"), file);
        assertArrayEquals(FakeCdn.content("fmp4"), Files.readAllBytes(file));
        assertEquals(1, requestsFor("/hls/fmp4/" + FakeCdn.BEST + "/init.mp4"));
    }

    @Test
    public void aSegmentWhoseConnectionDropsIsFetchedAgain() throws Exception {
        Path file = fetch("dropping", "VOE 1");

        assertArrayEquals(FakeCdn.content("dropping"), Files.readAllBytes(file));
        assertEquals(2, requestsFor(FakeCdn.segmentPath("dropping", FakeCdn.FAULTY_SEGMENT)));
        assertEquals(1, requestsFor(FakeCdn.segmentPath("dropping", FakeCdn.FAULTY_SEGMENT + 1)));
    }

    @Test
    public void aServerErrorIsRetriedAfterAPause() throws Exception {
        cdn.scenario(FakeSite.Scenario.ERROR_THEN_OK);

        assertArrayEquals(FakeCdn.content("abc"), Files.readAllBytes(fetch("abc", "VOE 1")));
    }

    @Test
    public void anInterruptionKeepsThePartAndTheResumeSkipsTheSegmentsDone() throws Exception {
        interruptedFetch("stalling", cdn.masterUrl("stalling"), "VOE 1");
        assertFalse("the interrupt is consumed by the exception", Thread.currentThread().isInterrupted());
        updates.clear();

        Path file = fetch("stalling", "VOE 1");

        assertArrayEquals(FakeCdn.content("stalling"), Files.readAllBytes(file));
        for (int index = 0; index < FakeCdn.FAULTY_SEGMENT; index++) {
            assertEquals("segment " + index, 1, requestsFor(FakeCdn.segmentPath("stalling", index)));
        }
        assertEquals(2, requestsFor(FakeCdn.segmentPath("stalling", FakeCdn.FAULTY_SEGMENT)));
        long kept = bytesOfFirstSegments("stalling", FakeCdn.FAULTY_SEGMENT);
        assertTrue("the resumed download starts at the kept segments", updates.stream().allMatch(u -> u[0] >= kept));
        assertFalse(Files.exists(folder().resolve(NAME + ".ts.part.segments")));
    }

    @Test
    public void aNewLinkForTheSameOfferStillResumes() throws Exception {
        interruptedFetch("stalling", cdn.masterUrl("stalling", Instant.now().plusSeconds(600)), "VOE 1");

        Path file = fetch(fetcher, media(cdn.masterUrl("stalling", Instant.now().plusSeconds(900))), "VOE 1");

        assertArrayEquals(FakeCdn.content("stalling"), Files.readAllBytes(file));
        assertEquals(1, requestsFor(FakeCdn.segmentPath("stalling", 0)));
    }

    @Test
    public void aPartFromAnotherOfferIsStartedOver() throws Exception {
        interruptedFetch("stalling", cdn.masterUrl("stalling"), "VOE 1");

        Path file = fetch("stalling", "Filemoon 2");

        assertArrayEquals(FakeCdn.content("stalling"), Files.readAllBytes(file));
        assertEquals(2, requestsFor(FakeCdn.segmentPath("stalling", 0)));
    }

    @Test
    public void aPlainMp4OfTheSameOfferDoesNotContinueAnHlsPart() throws Exception {
        interruptedFetch("fmp4-stalling", cdn.masterUrl("fmp4-stalling"), "VOE 1");
        assertTrue(Files.size(folder().resolve(NAME + ".mp4.part")) > 0);

        try (FakeMp4Host mp4host = new FakeMp4Host()) {
            mp4host.start();
            MediaSource mp4 = new MediaSource(mp4host.mediaUrl("abc"), Map.of("Referer", mp4host.baseUrl() + "/"),
                    MediaSource.Kind.MP4);
            Path file = new Mp4Fetcher(LoopbackRequests.within(Duration.ofSeconds(5))).fetch(mp4, target(), NAME, "VOE 1",
                    (d, t, s) -> { });

            assertArrayEquals(FakeMp4Host.content("abc"), Files.readAllBytes(file));
        }
    }

    @Test
    public void aStalledSegmentFailsAfterItsAttemptsAndTheNextCallResumes() throws Exception {
        HlsFetcher impatient = new HlsFetcher(LoopbackRequests.within(Duration.ofSeconds(1)), 1, Duration.ofMillis(10));
        MediaSource media = media(cdn.masterUrl("stalling"));

        IOException stalled = assertThrows(IOException.class, () -> fetch(impatient, media, "VOE 1"));

        assertTrue(stalled.getMessage(), stalled.getMessage().contains("no data for 1 s"));
        assertTrue(stalled.getMessage(), stalled.getMessage().contains("segment 3 of 5"));
        assertEquals(bytesOfFirstSegments("stalling", FakeCdn.FAULTY_SEGMENT),
                Long.parseLong(Files.readAllLines(folder().resolve(NAME + ".ts.part.segments")).get(1).substring(6)));
        Path file = fetch(impatient, media, "VOE 1");
        assertArrayEquals(FakeCdn.content("stalling"), Files.readAllBytes(file));
        assertEquals(1, requestsFor(FakeCdn.segmentPath("stalling", 0)));
    }

    @Test
    public void aMissingSegmentIsGoneAndNamed() {
        MediaGoneException gone = assertThrows(MediaGoneException.class, () -> fetch("gone", "VOE 1"));

        assertTrue(gone.getMessage(), gone.getMessage().contains("seg2.ts") && gone.getMessage().contains("HTTP 404"));
        assertEquals("no retries for a missing segment", 1,
                requestsFor(FakeCdn.segmentPath("gone", FakeCdn.FAULTY_SEGMENT)));
    }

    @Test
    public void aLiveStreamIsRefused() {
        UnusableMediaException live = assertThrows(UnusableMediaException.class, () -> fetch("live", "VOE 1"));

        assertTrue(live.getMessage(), live.getMessage().contains("live stream"));
        assertTrue(cdn.requests().stream().noneMatch(r -> r.contains("/seg")));
    }

    @Test
    public void theFilesOfBothOutputsAreNamedForDeletion() {
        List<String> names = HlsFetcher.files(folder(), "A: B").stream().map(p -> p.getFileName().toString()).toList();

        assertEquals(List.of("A_ B.ts", "A_ B.ts.part", "A_ B.ts.part.origin", "A_ B.ts.part.segments",
                "A_ B.ts.part.segments.next", "A_ B.mp4", "A_ B.mp4.part", "A_ B.mp4.part.origin",
                "A_ B.mp4.part.segments", "A_ B.mp4.part.segments.next", "A_ B.audio.ts", "A_ B.audio.ts.part",
                "A_ B.audio.ts.part.origin", "A_ B.audio.ts.part.segments", "A_ B.audio.ts.part.segments.next",
                "A_ B.ts.remux", "A_ B.mp4.remux", "A_ B.mkv",
                "A_ B.mkv.remux"), names);
    }

    @Test
    public void filesRenamedForTheirRealResolutionAreNamedForDeletionToo() {
        List<String> names = HlsFetcher.files(folder(), "Show.S01E01.German.1080p.WEB").stream()
                .map(p -> p.getFileName().toString()).toList();

        assertTrue(names.toString(), names.containsAll(List.of("Show.S01E01.German.720p.WEB.mp4",
                "Show.S01E01.German.720p.WEB.ts", "Show.S01E01.German.2160p.WEB.mkv")));
    }

    @Test
    public void aReleaseNameTakesTheRealResolutionOnlyWhenSonarrWouldReadItDifferently() {
        assertEquals("Show.S01E01.German.720p.WEB.h264-X", ReleaseQuality.named("Show.S01E01.German.1080p.WEB.h264-X",
                1280, 720));
        assertEquals("Show.S01E01.German.1080p.WEB.h264-X", ReleaseQuality.named("Show.S01E01.German.1080p.WEB.h264-X",
                1920, 800));
        assertEquals("Show.S01E01.German.1080p.WEB.h264-X", ReleaseQuality.named("Show.S01E01.German.1080p.WEB.h264-X",
                0, 0));
        assertEquals("Show 1080 S01E01", ReleaseQuality.named("Show 1080 S01E01", 1280, 720));
    }

    /** Segments of a given size, each filled with its own number so that a misplaced one shows. */
    private static List<byte[]> segmentsOf(int count, int bytes) {
        List<byte[]> segments = new ArrayList<>();
        for (int index = 0; index < count; index++) {
            byte[] segment = new byte[bytes];
            Arrays.fill(segment, (byte) index);
            segment[0] = 0x47;
            segments.add(segment);
        }
        return segments;
    }

    private static byte[] joined(List<byte[]> segments) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        segments.forEach(all::writeBytes);
        return all.toByteArray();
    }

    @Test
    public void segmentsLargerThanTheMemoryAllowsAtOnceAreFetchedInTurnAndWrittenExactly() throws Exception {
        // Four fetchers, but memory for about two of these segments at once: the others give theirs back and are
        // fetched again in their turn; nothing is ever held beyond the budget.
        List<byte[]> segments = segmentsOf(9, 700 * 1024);
        cdn.serve("big", segments, List.of());
        SegmentMemory memory = new SegmentMemory(1536 * 1024);
        HlsFetcher small = new HlsFetcher(LoopbackRequests.within(Duration.ofSeconds(5)), new Retries(3,
                Duration.ofMillis(10)), 4, new Remuxer(Remuxer.Container.TS, "ffmpeg", Duration.ofMinutes(1)),
                HlsFetcher.DEFAULT_CHECKPOINT_EVERY, memory);

        Path file = fetch(small, media(cdn.masterUrl("big")), "VOE 1");

        assertArrayEquals(joined(segments), Files.readAllBytes(file));
        assertEquals("every buffer gave its memory back", 0, memory.used());
    }

    @Test
    public void aSegmentLargerThanAllTheMemoryForSegmentsFailsClearlyAndHoldsNothing() {
        cdn.serve("huge", segmentsOf(3, 600 * 1024), List.of());
        SegmentMemory memory = new SegmentMemory(512 * 1024);
        HlsFetcher small = new HlsFetcher(LoopbackRequests.within(Duration.ofSeconds(1)), new Retries(1,
                Duration.ofMillis(10)), 2, new Remuxer(Remuxer.Container.TS, "ffmpeg", Duration.ofMinutes(1)),
                HlsFetcher.DEFAULT_CHECKPOINT_EVERY, memory);

        IOException failed = assertThrows(IOException.class, () -> fetch(small, media(cdn.masterUrl("huge")), "VOE 1"));

        assertTrue(failed.getMessage(), failed.getMessage().contains("of memory"));
        assertTrue(failed.getMessage(), failed.getMessage().contains("-Xmx"));
        assertEquals(0, memory.used());
    }

    @Test
    public void theTotalIsEstimatedFromTheSegmentsDone() {
        assertEquals(-1, HlsFetcher.estimatedTotal(0, 0, 10));
        assertEquals(10_000, HlsFetcher.estimatedTotal(3_000, 3, 10));
    }
}
