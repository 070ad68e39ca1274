package org.catalogarr.core.download;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.catalogarr.hoster.api.MediaSource;
import org.catalogarr.hoster.api.RefusedDestinationException;
import org.catalogarr.testkit.FakeMp4Host;
import org.catalogarr.testkit.FakeMp4Host.Hostility;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Media servers that drip, never end or send the download elsewhere: each request fails in bounded time. */
public class HostileMediaTest {

    @Rule
    public final TemporaryFolder temp = new TemporaryFolder();

    private final FakeMp4Host host = new FakeMp4Host();

    {
        host.start();
    }

    @After
    public void stop() {
        host.close();
    }

    private TargetFolder target() throws IOException {
        Path folder = temp.getRoot().toPath().toRealPath();
        return new TargetFolder(folder, folder);
    }

    private MediaSource media(String id, MediaSource.Kind kind) {
        return new MediaSource(host.mediaUrl(id), Map.of("Referer", host.baseUrl() + "/"), kind);
    }

    private Path fetchMp4(ReadLimits limits, String id) throws IOException, InterruptedException {
        return new Mp4Fetcher(new MediaRequests(LoopbackRequests.POLICY, limits), new Retries(1, Duration.ofMillis(10)))
                .fetch(media(id, MediaSource.Kind.MP4), target(), "Show S01E01", "Vidoza 1", (d, t, s) -> { });
    }

    @Test
    public void aDrippingServerIsStalledAfterTheRateWindowThoughItNeverFallsSilent() {
        host.hostile("drip", Hostility.DRIPPING_MEDIA, null);
        long start = System.nanoTime();

        IOException stalled = assertThrows(IOException.class, () -> fetchMp4(
                new ReadLimits(Duration.ofSeconds(10), 1024, Duration.ofSeconds(4), Duration.ofHours(1)), "drip"));

        long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
        assertTrue(stalled.getMessage(), stalled.getMessage().contains("stalled:"));
        assertTrue("given up after " + seconds + " s", seconds >= 3 && seconds < 20);
    }

    @Test
    public void aDrippingServerMeetsTheRequestDeadlineWhenNoRateIsAsked() {
        host.hostile("drip", Hostility.DRIPPING_MEDIA, null);
        long start = System.nanoTime();

        IOException late = assertThrows(IOException.class, () -> fetchMp4(
                new ReadLimits(Duration.ofSeconds(10), 0, Duration.ofSeconds(1), Duration.ofSeconds(5)), "drip"));

        long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
        assertTrue(late.getMessage(), late.getMessage().contains("deadline"));
        assertTrue("given up after " + seconds + " s", seconds >= 4 && seconds < 20);
    }

    @Test
    public void redirectsToPrivateAddressesAreRefusedOnEveryHop() {
        String port = String.valueOf(host.baseUrl().getPort());
        for (String target : List.of("http://127.0.0.2:" + port + "/mp4/abc.mp4", "http://10.0.0.1/video.mp4",
                "http://169.254.169.254/latest/meta-data/", "http://[::1]:" + port + "/mp4/abc.mp4",
                "http://localhost:" + port + "/mp4/abc.mp4")) {
            host.hostile("moved", Hostility.REDIRECTING_MEDIA, target);
            RefusedDestinationException refused = assertThrows(target, RefusedDestinationException.class,
                    () -> fetchMp4(ReadLimits.withTimeout(Duration.ofSeconds(5)), "moved"));
            assertTrue(refused.getMessage(), refused.getMessage().contains("allowed_private_hosts"));
        }
        assertEquals("the loopback name was never asked for the video", 0,
                host.requests().stream().filter(r -> r.startsWith("GET /mp4/abc.mp4")).count());
    }

    @Test
    public void aRedirectToAnAllowedHostIsFollowed() throws Exception {
        host.hostile("moved", Hostility.REDIRECTING_MEDIA, host.mediaUrl("abc").toString());

        Path file = fetchMp4(ReadLimits.withTimeout(Duration.ofSeconds(5)), "moved");

        assertArrayEquals(FakeMp4Host.content("abc"), Files.readAllBytes(file));
    }

    @Test
    public void endlessRedirectsAreUnusable() {
        host.hostile("loop", Hostility.REDIRECTING_MEDIA, host.mediaUrl("loop").toString());

        UnusableMediaException loop = assertThrows(UnusableMediaException.class,
                () -> fetchMp4(ReadLimits.withTimeout(Duration.ofSeconds(5)), "loop"));

        assertTrue(loop.getMessage(), loop.getMessage().contains("redirected after " + MediaRequests.MAX_REDIRECTS));
    }

    @Test
    public void anHlsPlaylistRedirectedToAPrivateAddressIsRefusedWithoutRetries() {
        host.hostile("moved", Hostility.REDIRECTING_MEDIA, "http://192.168.1.1/master.m3u8");
        HlsFetcher fetcher = new HlsFetcher(LoopbackRequests.within(Duration.ofSeconds(5)), 3, Duration.ofMillis(10));

        assertThrows(RefusedDestinationException.class, () -> fetcher.fetch(media("moved", MediaSource.Kind.HLS),
                target(), "Show S01E01", "VOE 1", (d, t, s) -> { }));
        assertEquals(1, host.requests().stream().filter(r -> r.startsWith("GET /mp4/moved.mp4")).count());
    }

    @Test
    public void aDrippingPlaylistIsAPageAndMeetsTheTimeoutAsItsDeadline() {
        host.hostile("drip", Hostility.DRIPPING_MEDIA, null);
        HlsFetcher fetcher = new HlsFetcher(new MediaRequests(LoopbackRequests.POLICY,
                new ReadLimits(Duration.ofSeconds(3), 0, Duration.ofSeconds(1), Duration.ofHours(1))), 1, Duration.ofMillis(10));
        long start = System.nanoTime();

        IOException late = assertThrows(IOException.class, () -> fetcher.fetch(media("drip", MediaSource.Kind.HLS),
                target(), "Show S01E01", "VOE 1", (d, t, s) -> { }));

        long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
        assertTrue(late.getMessage(), late.getMessage().contains("not complete after 3 s"));
        assertTrue("given up after " + seconds + " s", seconds >= 2 && seconds < 15);
    }

    @Test
    public void otherSchemesAreRefusedBeforeAnyRequest() {
        for (String url : List.of("file:///etc/passwd", "ftp://127.0.0.1/a.mp4", "jar:file:/x.jar!/a.mp4")) {
            MediaSource media = new MediaSource(URI.create(url), Map.of(), MediaSource.Kind.MP4);
            assertThrows(url, RefusedDestinationException.class,
                    () -> new Mp4Fetcher(LoopbackRequests.within(Duration.ofSeconds(5)))
                            .fetch(media, target(), "Show S01E01", "x", (d, t, s) -> { }));
        }
    }
}
