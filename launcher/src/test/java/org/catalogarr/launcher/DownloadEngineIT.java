package org.catalogarr.launcher;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.catalogarr.testkit.FakeCdn;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Black-box, issue 13: the German S01E01 grabbed through the qBittorrent API goes fake AniWorld → fake VOE →
 * HLS on the fake CDN, whose segments are fetched several at a time and written in order, through a segment
 * that fails twice, AES-128, a link that expires in the middle, and a kill -9 of the service in the middle of
 * the download (progress, speed and time left live until then), after which the resumed file holds exactly
 * the stream's bytes.
 */
public class DownloadEngineIT {

    /** The VOE code the fake AniWorld's German S01E01 link leads to; the CDN serves it as a test asks. */
    private static final String CODE = "aot0101de";
    private static final Set<String> COMPLETED = Set.of("pausedUP", "stoppedUP", "uploading", "stalledUP");
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private Installation installation;
    private VoeHlsLine line;
    private FakeCdn cdn;
    private QbitClient qbit;

    @Before
    public void start() throws Exception {
        installation = new Installation(temp.getRoot().toPath());
        FakeCatalogues.startAndConfigure(installation.home.resolve("config"), installation.config, false);
        // The CDN's segments are made-up bytes, no MPEG-TS that ffmpeg could remux: the file stays as it came.
        // A checkpoint every second, so that the kill -9 test's few seconds of stream have one to resume from.
        FakeCatalogues.downloadSettings(installation.home.resolve("config"), installation.config,
                Map.of("hls_container", "ts", "hls_checkpoint_seconds", "1"));
        line = VoeHlsLine.open();
        cdn = line.cdn;
        qbit = new QbitClient(installation.http);
        startService();
    }

    private void startService() throws Exception {
        installation.start();
        installation.http.awaitHealth(h -> "ok".equals(h.path("status").asText())
                && Http.catalogue(h, "aniworld").path("index").path("titles").asInt() > 0, Duration.ofSeconds(60));
    }

    @After
    public void stop() throws InterruptedException {
        FakeCatalogues.site("aniworld").placeholder("MP4_BASE", FakeCatalogues.mp4host().baseUrl().toString());
        installation.close();
        line.close();
    }

    /** Adds the German S01E01 from the feed; returns its hash. */
    private String grab() throws Exception {
        String magnet = QbitFlowIT.germanMagnetFromTheFeed(installation.http);
        assertEquals("Ok.", qbit.post("torrents/add", Map.of("urls", magnet)).body());
        return magnet.replaceAll(".*btih:([0-9a-fA-F]{40}).*", "$1").toLowerCase();
    }

    private JsonNode completed(String hash) throws Exception {
        return qbit.awaitTorrent(hash, t -> t.path("progress").asDouble() == 1.0
                && COMPLETED.contains(t.path("state").asText()), TIMEOUT);
    }

    private long requestsFor(String path) {
        return cdn.requests().stream().filter(r -> r.equals("GET " + path) || r.startsWith("GET " + path + "?")).count();
    }

    @Test
    public void parallelAesSegmentsArriveInOrderThroughASegmentThatFailsTwice() throws Exception {
        String behaviour = "aes-flaky-long";
        cdn.behaveAs(CODE, behaviour);

        JsonNode done = completed(grab());

        Path file = Path.of(done.path("content_path").asText());
        assertArrayEquals(FakeCdn.content(behaviour), Files.readAllBytes(file));
        assertEquals(3, requestsFor(FakeCdn.segmentPath(CODE, FakeCdn.FAULTY_SEGMENT)));
        assertEquals(1, requestsFor(FakeCdn.segmentPath(CODE, FakeCdn.FAULTY_SEGMENT + 1)));
        assertEquals("the failures were retried within the download, not by the job", "",
                done.path("catalogarr_message").asText());
        // The feed promised 1080p; the best variant is 1280x720, and the file says so.
        assertTrue(file.toString(), file.getFileName().toString().contains(".720p.")
                && file.getFileName().toString().endsWith(".ts"));
        JsonNode files = qbit.json("torrents/files?hash=" + done.path("hash").asText());
        assertEquals(file.getFileName().toString(), files.get(0).path("name").asText());
    }

    @Test
    public void anExpiredLinkIsResolvedAgainAndTheDownloadGoesOnAfterTheSegmentsKept() throws Exception {
        String behaviour = "expiring-long";
        cdn.behaveAs(CODE, behaviour);
        // Vidoza, the next hoster, is down too: the job waits and asks VOE again instead of taking Vidoza's file.
        FakeCatalogues.site("aniworld").placeholder("MP4_BASE", "http://127.0.0.1:9/mp4");

        JsonNode done = completed(grab());

        assertArrayEquals(FakeCdn.content(behaviour), Files.readAllBytes(Path.of(done.path("content_path").asText())));
        assertEquals("the hoster was asked for a fresh link", 2, requestsFor("/hls/" + CODE + "/master.m3u8"));
        for (int index = 0; index < FakeCdn.FAULTY_SEGMENT; index++) {
            assertEquals("segment " + index + " was kept", 1, requestsFor(FakeCdn.segmentPath(CODE, index)));
        }
    }

    @Test
    public void aKill9InTheMiddleResumesToTheExactBytes() throws Exception {
        String behaviour = "slow-long";
        cdn.behaveAs(CODE, behaviour);
        String hash = grab();
        // While the segments come several at a time, progress, speed and time left are live for Sonarr.
        JsonNode running = qbit.awaitTorrent(hash, t -> "downloading".equals(t.path("state").asText())
                && t.path("progress").asDouble() > 0 && t.path("dlspeed").asLong() > 0
                && t.path("eta").asLong() > 0 && t.path("eta").asLong() < 8_640_000, TIMEOUT);
        assertTrue(running.toString(), running.path("progress").asDouble() < 1);
        JsonNode synced = qbit.json("sync/maindata?rid=0").path("torrents").path(hash);
        assertTrue(synced.toString(), synced.path("downloaded").asLong() > 0);
        Path checkpoint = awaitFile(".ts.part.segments", Duration.ofSeconds(60));
        int segmentsKept = Integer.parseInt(Files.readAllLines(checkpoint).get(0).substring("segments=".length()));

        installation.process().destroyForcibly().waitFor();
        long requestsBefore = requestsFor(FakeCdn.segmentPath(CODE, 0));
        startService();
        JsonNode done = completed(hash);

        assertArrayEquals(FakeCdn.content(behaviour), Files.readAllBytes(Path.of(done.path("content_path").asText())));
        assertTrue("a checkpoint was written before the kill: " + segmentsKept, segmentsKept > 0);
        assertEquals("the resume went on after the checkpoint", requestsBefore, requestsFor(FakeCdn.segmentPath(CODE, 0)));
        assertTrue(segmentsKept + " kept", segmentsKept < FakeCdn.LONG_SEGMENTS);
    }

    /** The first file below the data folder whose name ends so, once it exists and is not empty. */
    private Path awaitFile(String ending, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Stream<Path> files = Files.walk(installation.data)) {
                Optional<Path> found = files.filter(p -> p.getFileName().toString().endsWith(ending)).findFirst();
                if (found.isPresent() && Files.size(found.get()) > 0) {
                    return found.get();
                }
            } catch (IOException | java.io.UncheckedIOException racing) {
                // a file went while the folder was walked; look again
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no *" + ending + " below " + installation.data + " within " + timeout);
    }
}
