package org.catalogarr.launcher;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.catalogarr.testkit.FakeCdn;
import org.catalogarr.testkit.FakeMp4Host;
import org.catalogarr.testkit.FakeMp4Host.Hostility;
import org.catalogarr.testkit.FakeSite;
import org.catalogarr.testkit.FeedRules;
import org.junit.After;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.w3c.dom.Element;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Black-box: hoster pages that never end, drip, redirect to Catalogarr's own API or another loopback
 * address, or name a file: URL, and a site page that redirects to the API, through the started distribution. Vidoza (the fake MP4 host) is the
 * preferred hoster and plays the hostile one; VOE (fake entry, mirror and CDN) delivers the episode when
 * Vidoza fails. Each hostile page fails only its offer, /health keeps answering fast, and two dripping
 * downloads do not keep a third one waiting. The service runs with a small heap, so a page read whole would
 * end it (it exits on OutOfMemoryError).
 */
public class HostileSitesIT {

    private static final Set<String> COMPLETED = Set.of("pausedUP", "stoppedUP", "uploading", "stalledUP");
    /** The Vidoza embed id of the German S01E01 on the fake AniWorld; the VOE code is the same. */
    private static final String E01 = "aot0101de";
    private static final String E02_SUB = "aot0102desub";
    private static final String E03 = "aot0103de";

    @ClassRule
    public static final TemporaryFolder TEMP = new TemporaryFolder();

    private static Installation installation;
    private static QbitClient qbit;
    private static VoeHlsLine line;
    private static FakeCdn cdn;
    private static FakeMp4Host vidoza;

    private final List<String> added = new CopyOnWriteArrayList<>();

    @BeforeClass
    public static void start() throws Exception {
        vidoza = (FakeMp4Host) new FakeMp4Host().start();
        installation = new Installation(TEMP.getRoot().toPath());
        Path defaults = installation.home.resolve("config");
        FakeCatalogues.startAndConfigure(defaults, installation.config, false);
        FakeCatalogues.downloadSettings(defaults, installation.config, Map.of(
                "hoster_preference", "Vidoza, VOE, Filemoon", "rate_window_seconds", "5"));
        Files.writeString(installation.config.resolve("org.catalogarr.hoster.vidoza.cfg"), "timeout_seconds = 5\n");
        line = VoeHlsLine.open();
        cdn = line.cdn;
        FakeCatalogues.site("aniworld").placeholder("MP4_BASE", vidoza.baseUrl().toString());
        installation.environment.put("CATALOGARR_JAVA_OPTS", "-Xmx256m");
        installation.start();
        installation.http.awaitHealth(h -> "ok".equals(h.path("status").asText())
                && Http.catalogue(h, "aniworld").path("index").path("titles").asInt() > 0, Duration.ofSeconds(60));
        qbit = new QbitClient(installation.http);
    }

    @AfterClass
    public static void stop() throws InterruptedException {
        FakeCatalogues.site("aniworld").placeholder("MP4_BASE", FakeCatalogues.mp4host().baseUrl().toString());
        if (installation != null) {
            installation.close();
        }
        if (line != null) {
            line.close();
        }
        vidoza.close();
    }

    /** Every test starts from an empty list, with a well-behaved Vidoza. */
    @After
    public void deleteJobs() throws Exception {
        for (String id : List.of(E01, E02_SUB, E03)) {
            vidoza.hostile(id, null, null);
        }
        if (!added.isEmpty()) {
            assertEquals(200, qbit.post("torrents/delete", Map.of("hashes", String.join("|", added),
                    "deleteFiles", "true")).statusCode());
        }
        vidoza.clearRequests();
    }

    /** Adds the magnet of an episode of Attack on Titan season 1 from the feed; returns its hash. */
    private String add(int episode, String language) throws Exception {
        HttpResponse<String> feed = installation.http.get("/torznab/api?t=tvsearch&cat=5070&q="
                + URLEncoder.encode("Attack on Titan", StandardCharsets.UTF_8) + "&season=1&ep=" + episode);
        byte[] caps = installation.http.get("/torznab/api?t=caps").body().getBytes(StandardCharsets.UTF_8);
        String magnet = FeedRules.assertValidFeed(feed.body().getBytes(StandardCharsets.UTF_8), caps).stream()
                .filter(i -> i.title().contains("." + language + ".")).findFirst().orElseThrow().attr("magneturl");
        String hash = magnet.replaceAll(".*btih:([0-9a-fA-F]{40}).*", "$1").toLowerCase();
        assertEquals("Ok.", qbit.post("torrents/add", Map.of("urls", magnet)).body());
        added.add(hash);
        return hash;
    }

    private static JsonNode completed(String hash, Duration within) throws Exception {
        return qbit.awaitTorrent(hash, t -> t.path("progress").asDouble() == 1.0
                && COMPLETED.contains(t.path("state").asText()), within);
    }

    /** The German S01E01 arrives from VOE's CDN although Vidoza, tried first, was hostile. */
    private static void assertDeliveredByVoe(JsonNode done) throws Exception {
        Path file = Path.of(done.path("content_path").asText());
        assertTrue(file.toString(), file.getFileName().toString().endsWith(".ts"));
        assertArrayEquals(FakeCdn.content(E01), Files.readAllBytes(file));
    }

    /** The German S01E01 arrives from Vidoza, the preferred hoster, when it behaves. */
    private static void assertDeliveredByVidoza(JsonNode done) throws Exception {
        Path file = Path.of(done.path("content_path").asText());
        assertTrue(file.toString(), file.getFileName().toString().endsWith(".mp4"));
        assertArrayEquals(FakeMp4Host.content(E01), Files.readAllBytes(file));
    }

    /** Why the hostile offer failed, as the service logged it: the failure must be the intended one. */
    private static void assertLogged(String text) throws Exception {
        Path log = installation.data.resolve("logs/catalogarr.log");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!(Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(text))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the log does not say: " + text);
            }
            Thread.sleep(200);
        }
    }

    /**
     * Runs the action while /health is asked every 200 ms; fails unless every answer was 200 "ok" within
     * 2 s (generous for a loaded machine; a service out of memory or out of threads does not answer at all).
     */
    private static <T> T healthyMeanwhile(Callable<T> action) throws Exception {
        AtomicLong slowest = new AtomicLong();
        List<String> bad = new CopyOnWriteArrayList<>();
        AtomicBoolean done = new AtomicBoolean();
        Thread watcher = new Thread(() -> {
            while (!done.get()) {
                long start = System.nanoTime();
                try {
                    HttpResponse<String> health = installation.http.get("/health");
                    if (health.statusCode() != 200 || !health.body().contains("\"status\":\"ok\"")) {
                        bad.add(health.statusCode() + " " + health.body());
                    }
                } catch (Exception e) {
                    bad.add(e.toString());
                }
                slowest.accumulateAndGet(System.nanoTime() - start, Math::max);
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        watcher.start();
        try {
            return action.call();
        } finally {
            done.set(true);
            watcher.join();
            assertEquals("/health answers meanwhile", List.of(), bad);
            long millis = Duration.ofNanos(slowest.get()).toMillis();
            assertTrue("/health took " + millis + " ms", millis < 2_000);
        }
    }

    @Test
    public void aHugeHosterPageFailsOnlyItsOffer() throws Exception {
        vidoza.hostile(E01, Hostility.HUGE_PAGE, null);

        JsonNode done = healthyMeanwhile(() -> completed(add(1, "German"), Duration.ofSeconds(90)));

        assertDeliveredByVoe(done);
        assertTrue(vidoza.requests().toString(), vidoza.requests().contains("GET /embed-" + E01 + ".html"));
        assertLogged("Vidoza: cannot load " + vidoza.embedUrl(E01) + ": the page is larger than 4194304 bytes");
    }

    @Test
    public void aDrippingHosterPageFailsOnlyItsOffer() throws Exception {
        vidoza.hostile(E01, Hostility.DRIPPING_PAGE, null);

        JsonNode done = healthyMeanwhile(() -> completed(add(1, "German"), Duration.ofSeconds(90)));

        assertDeliveredByVoe(done);
        assertTrue(vidoza.requests().toString(), vidoza.requests().contains("GET /embed-" + E01 + ".html"));
        assertLogged("Vidoza: no complete answer within 5 s from " + vidoza.embedUrl(E01));
    }

    /** Catalogarr's own API answers loopback clients without a login: the hostile page wants its answer stored. */
    @Test
    public void mediaRedirectedToTheServicesOwnApiIsRefused() throws Exception {
        vidoza.hostile(E01, Hostility.REDIRECTING_MEDIA, "http://localhost:" + installation.port + "/api/v2/torrents/info");

        JsonNode done = completed(add(1, "German"), Duration.ofSeconds(90));

        assertDeliveredByVoe(done);
        assertTrue(vidoza.requests().toString(), vidoza.requests().contains("GET /mp4/" + E01 + ".mp4"));
        assertLogged("Vidoza: refusing http://localhost:" + installation.port + "/api/v2/torrents/info: localhost is at ");
    }

    /** The redirect's target would serve a video: only the check tells the two outcomes apart. */
    @Test
    public void anEmbedPageRedirectedToALoopbackNameIsRefused() throws Exception {
        vidoza.hostile(E01, Hostility.REDIRECTING_PAGE,
                "http://localhost:" + vidoza.baseUrl().getPort() + "/embed-stolen.html");

        JsonNode done = completed(add(1, "German"), Duration.ofSeconds(90));

        assertDeliveredByVoe(done);
        assertTrue(vidoza.requests().toString(), !vidoza.requests().contains("GET /embed-stolen.html"));
        assertLogged("Vidoza: refusing http://localhost:" + vidoza.baseUrl().getPort() + "/embed-stolen.html");
    }

    @Test
    public void mediaOfAnotherSchemeFailsOnlyItsOffer() throws Exception {
        vidoza.hostile(E01, Hostility.NAMING_MEDIA, "file:///etc/passwd");

        assertDeliveredByVoe(completed(add(1, "German"), Duration.ofSeconds(90)));
        assertLogged("\"file:///etc/passwd\" is no http(s) URL");
    }

    /**
     * A CDN whose HLS segments are 48 MiB each: four fetchers holding one each, as they did, would take more than
     * the service's 256 MiB heap, and it would end on OutOfMemoryError. Within the segment memory they are fetched
     * one after the other, and the file is exact.
     */
    @Test
    public void hugeHlsSegmentsAreFetchedWithinTheHeapAndTheServiceStays() throws Exception {
        List<byte[]> segments = new ArrayList<>();
        for (int index = 0; index < 5; index++) {
            byte[] segment = new byte[48 * 1024 * 1024];
            Arrays.fill(segment, (byte) index);
            segment[0] = 0x47;
            segments.add(segment);
        }
        cdn.serve("huge", segments, List.of());
        cdn.behaveAs(E01, "huge");
        vidoza.hostile(E01, Hostility.NAMING_MEDIA, "file:///etc/passwd");
        try {
            JsonNode done = healthyMeanwhile(() -> completed(add(1, "German"), Duration.ofSeconds(180)));

            Path file = Path.of(done.path("content_path").asText());
            assertEquals(5L * 48 * 1024 * 1024, Files.size(file));
            try (InputStream in = Files.newInputStream(file)) {
                for (byte[] segment : segments) {
                    assertArrayEquals(segment, in.readNBytes(segment.length));
                }
            }
        } finally {
            cdn.behaveAs(E01, E01);
        }
    }

    /**
     * A site's own page redirected to Catalogarr's API on loopback is not followed: the search says which
     * destination was refused (only AniWorld is enabled here, so its failure is the answer's error; next to
     * another site it is a warning), the API is not asked, and the service stays healthy. Naruto is asked
     * for, which no other test searches, so no cached answer stands in for the site's.
     */
    @Test
    public void aSitePageRedirectedToTheServicesOwnApiIsRefused() throws Exception {
        String api = "http://localhost:" + installation.port + "/api/v2/torrents/info";
        FakeSite aniworld = FakeCatalogues.site("aniworld");
        // A search with a season asks for the season's page, one without for the series page.
        List<String> pages = List.of("/anime/stream/naruto", "/anime/stream/naruto/staffel-1");
        pages.forEach(page -> aniworld.redirect(page, api));
        aniworld.clearRequests();
        try {
            HttpResponse<String> answer = healthyMeanwhile(() -> installation.http.get("/torznab/api?t=tvsearch&cat=5070&q="
                    + URLEncoder.encode("Naruto", StandardCharsets.UTF_8) + "&season=1"));

            assertEquals(200, answer.statusCode());
            Element error = FeedRules.parse(answer.body().getBytes(StandardCharsets.UTF_8)).getDocumentElement();
            assertEquals(answer.body(), "error", error.getTagName());
            String description = error.getAttribute("description");
            assertTrue(description, description.contains("AniWorld (SITE_ERROR)"));
            assertTrue(description, description.contains("refusing " + api + ": localhost is at "));
            assertTrue(aniworld.requests().toString(),
                    aniworld.requests().stream().anyMatch(request -> pages.contains(request.replace("GET ", ""))));
        } finally {
            pages.forEach(page -> aniworld.redirect(page, null));
        }
        assertEquals(200, installation.http.get("/health").statusCode());
    }

    /** S01E03's VOE link is deleted: with Vidoza refused too, the job fails and says why. */
    @Test
    public void whenEveryOfferIsRefusedOrGoneTheJobFailsWithTheReason() throws Exception {
        vidoza.hostile(E03, Hostility.REDIRECTING_PAGE, "http://169.254.169.254/latest/meta-data/");

        String hash = add(3, "German");
        JsonNode failed = qbit.awaitTorrent(hash, t -> "error".equals(t.path("state").asText()), Duration.ofSeconds(90));

        String message = failed.path("catalogarr_message").asText();
        assertTrue(message, message.contains("refusing http://169.254.169.254/latest/meta-data/"));
        assertTrue(message, message.contains("allowed_private_hosts"));
    }

    /**
     * Two downloads whose media drips (one byte every 2 s, never silent for the 30 s timeout) hold both
     * download slots; each is given up after the 5 s rate window (and goes on with VOE or waits to retry),
     * so the third one, added last, gets a slot and completes from the well-behaved Vidoza link.
     */
    @Test
    public void twoDrippingHostersDoNotStallTheQueue() throws Exception {
        vidoza.hostile(E02_SUB, Hostility.DRIPPING_MEDIA, null);
        vidoza.hostile(E03, Hostility.DRIPPING_MEDIA, null);

        String dripping = add(2, "GerSub");
        add(3, "German");
        qbit.awaitTorrent(dripping, t -> "downloading".equals(t.path("state").asText()), Duration.ofSeconds(30));
        String last = add(1, "German");

        JsonNode done = healthyMeanwhile(() -> completed(last, Duration.ofSeconds(120)));

        assertDeliveredByVidoza(done);
        assertTrue(vidoza.requests().toString(), vidoza.requests().contains("GET /mp4/" + E02_SUB + ".mp4"));
        assertTrue(vidoza.requests().toString(), vidoza.requests().contains("GET /mp4/" + E03 + ".mp4"));
        assertLogged("Vidoza: download given up at ");
        assertLogged("(" + vidoza.mediaUrl(E02_SUB) + "): stalled: ");
    }
}
