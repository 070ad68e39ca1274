package org.catalogarr.launcher;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.catalogarr.testkit.FakeMp4Host;
import org.catalogarr.testkit.FakeSite;
import org.catalogarr.testkit.FeedRules;
import org.catalogarr.testkit.FeedRules.Item;
import org.catalogarr.testkit.Torrents;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Black-box, as Sonarr uses Catalogarr: search the Torznab feed, log in to the qBittorrent API, add
 * the item's magnet, poll until it is complete, check the file, delete it; the same with the item's
 * .torrent file; and a kill -9 in the middle of a download that the restarted service finishes by itself.
 */
public class QbitFlowIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> COMPLETED = Set.of("uploading", "stalledUP", "pausedUP", "stoppedUP", "queuedUP",
            "forcedUP", "checkingUP");
    private static final String MEDIA_ID = "aot0101de";

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private Installation installation;
    private QbitClient qbit;

    @Before
    public void start() throws Exception {
        installation = new Installation(temp.getRoot().toPath());
        FakeCatalogues.startAndConfigure(installation.home.resolve("config"), installation.config, false);
        Files.writeString(installation.config.resolve("org.catalogarr.qbit.cfg"), "username = sonarr\npassword = s3cret\n");
        qbit = new QbitClient(installation.http);
        launch();
    }

    private void launch() throws Exception {
        installation.start();
        installation.http.awaitHealth(h -> "ok".equals(h.path("status").asText())
                && Http.catalogue(h, "aniworld").path("index").path("titles").asInt() > 0, Duration.ofSeconds(60));
    }

    @After
    public void stop() throws InterruptedException {
        FakeCatalogues.mp4host().scenario(FakeSite.Scenario.NORMAL);
        installation.close();
    }

    private void login() throws Exception {
        assertEquals("Fails.", qbit.login("sonarr", "nope").body());
        HttpResponse<String> login = qbit.login("sonarr", "s3cret");
        assertEquals(200, login.statusCode());
        assertEquals("Ok.", login.body());
    }

    private String germanMagnetFromTheFeed() throws Exception {
        return germanMagnetFromTheFeed(installation.http);
    }

    /** The magnet of the German Attack on Titan S01E01 that the fake AniWorld serves as {@link #MEDIA_ID}. */
    static String germanMagnetFromTheFeed(Http http) throws Exception {
        return germanItemFromTheFeed(http).attr("magneturl");
    }

    private static Item germanItemFromTheFeed(Http http) throws Exception {
        HttpResponse<String> feed = http.get("/torznab/api?t=tvsearch&cat=5070&q="
                + URLEncoder.encode("Attack on Titan", StandardCharsets.UTF_8) + "&season=1&ep=1");
        byte[] caps = http.get("/torznab/api?t=caps").body().getBytes(StandardCharsets.UTF_8);
        List<Item> items = FeedRules.assertValidFeed(feed.body().getBytes(StandardCharsets.UTF_8), caps);
        return items.stream().filter(i -> i.title().contains(".German.")).findFirst().orElseThrow();
    }

    /**
     * The item's enclosure as a .torrent file, once the configuration {@code enclosure = torrent} has been
     * picked up; fetched as Sonarr does, without following redirects.
     */
    static byte[] awaitTorrentFile(Http http, Item item) throws Exception {
        String path = item.enclosureUrl().replaceFirst("^https?://[^/]+", "");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        HttpResponse<byte[]> answer;
        do {
            answer = http.getBytes(path, Map.of("Accept", "application/x-bittorrent"));
            if (answer.statusCode() == 200) {
                assertEquals("application/x-bittorrent", answer.headers().firstValue("Content-Type").orElse(""));
                return answer.body();
            }
            assertEquals(302, answer.statusCode());
            Thread.sleep(250);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("the enclosure still redirects to " + answer.headers().firstValue("Location"));
    }

    /** A {@code torrents/add} as Sonarr sends a .torrent: a file part named {@code torrents}. */
    private HttpResponse<String> addTorrentFile(String fileName, byte[] torrent) throws Exception {
        return qbit.postMultipart("torrents/add", Map.of(),
                List.of(new Http.FilePart("torrents", fileName, "application/octet-stream", torrent)));
    }

    private JsonNode awaitTorrent(String hash, Predicate<JsonNode> condition) throws Exception {
        return qbit.awaitTorrent(hash, condition, Duration.ofSeconds(60));
    }

    /** Sonarr's {@code CanBeRemoved} for a torrent without its own time limits: stopped, and its ratio limit met. */
    private static boolean removableBySonarr(JsonNode torrent, JsonNode preferences) {
        boolean stopped = Set.of("pausedUP", "stoppedUP").contains(torrent.path("state").asText());
        double ratio = torrent.path("ratio").asDouble();
        double limit = torrent.path("ratio_limit").asDouble();
        boolean ratioMet = limit >= 0 ? ratio >= limit - 0.001
                : limit == -2 && preferences.path("max_ratio_enabled").asBoolean()
                        && ratio >= preferences.path("max_ratio").asDouble() - 0.001;
        return stopped && ratioMet;
    }

    @Test
    public void sonarrsFlowFromFeedToImportedFile() throws Exception {
        assertEquals(403, qbit.get("app/webapiVersion").statusCode());
        assertEquals(403, qbit.get("torrents/info").statusCode());
        login();
        assertEquals(200, qbit.get("app/webapiVersion").statusCode());
        String magnet = germanMagnetFromTheFeed();
        String hash = magnet.replaceAll(".*btih:([0-9a-fA-F]{40}).*", "$1").toLowerCase();

        assertEquals(200, qbit.post("torrents/createCategory", Map.of("category", "tv-sonarr")).statusCode());
        assertEquals("Ok.", qbit.post("torrents/add", Map.of("urls", magnet, "category", "tv-sonarr")).body());
        // Sonarr's follow-up calls for priority "First", initial state "Force Started" and series tags.
        assertEquals(200, qbit.get("torrents/properties?hash=" + hash).statusCode());
        assertEquals(200, qbit.post("torrents/topPrio", Map.of("hashes", hash)).statusCode());
        assertEquals(200, qbit.post("torrents/setForceStart", Map.of("hashes", hash, "value", "true")).statusCode());
        assertEquals(200, qbit.post("torrents/addTags", Map.of("hashes", hash, "tags", "anime,aot")).statusCode());

        JsonNode done = awaitTorrent(hash, t -> t.path("progress").asDouble() == 1.0
                && COMPLETED.contains(t.path("state").asText()));
        assertTrue(done.path("force_start").asBoolean());
        assertEquals("anime, aot", done.path("tags").asText());
        assertTrue("Sonarr's Remove Completed may remove it", removableBySonarr(done,
                JSON.readTree(qbit.get("app/preferences").body())));
        assertEquals("tv-sonarr", done.path("category").asText());
        assertEquals("aniworld", done.path("catalogarr_source_site").asText());
        assertTrue(done.path("name").asText().startsWith("Attack.on.Titan.S01E01.German"));
        Path file = Path.of(done.path("content_path").asText());
        assertNotEquals(done.path("save_path").asText(), done.path("content_path").asText());
        assertArrayEquals(FakeMp4Host.content(MEDIA_ID), Files.readAllBytes(file));
        assertFalse(Files.exists(Path.of(file + ".part")));

        assertEquals(200, qbit.post("torrents/delete", Map.of("hashes", hash, "deleteFiles", "true")).statusCode());
        assertEquals("[]", qbit.get("torrents/info?hashes=" + hash).body().strip());
        assertFalse(Files.exists(file));
    }

    @Test
    public void sonarrsTorrentFilePathGivesTheItemsInfohash() throws Exception {
        Files.writeString(installation.config.resolve("org.catalogarr.torznab.cfg"), "enclosure = torrent\n");
        login();
        Item item = germanItemFromTheFeed(installation.http);

        byte[] torrent = awaitTorrentFile(installation.http, item);
        assertEquals(item.attr("infohash"), Torrents.infohash(torrent));
        assertEquals("Ok.", addTorrentFile(item.title() + ".torrent", torrent).body());

        JsonNode done = awaitTorrent(item.attr("infohash"), t -> t.path("progress").asDouble() == 1.0
                && COMPLETED.contains(t.path("state").asText()));
        assertEquals(item.title(), done.path("name").asText());
        assertArrayEquals(FakeMp4Host.content(MEDIA_ID), Files.readAllBytes(Path.of(done.path("content_path").asText())));
        assertEquals(415, addTorrentFile("x.torrent", "<html/>".getBytes(StandardCharsets.UTF_8)).statusCode());
    }

    @Test
    public void aDownloadKilledMidwayFinishesAfterTheRestart() throws Exception {
        login();
        String magnet = germanMagnetFromTheFeed();
        String hash = magnet.replaceAll(".*btih:([0-9a-fA-F]{40}).*", "$1").toLowerCase();
        FakeCatalogues.mp4host().slowDelayMillis(20_000);
        FakeCatalogues.mp4host().scenario(FakeSite.Scenario.SLOW);
        assertEquals("Ok.", qbit.post("torrents/add", Map.of("urls", magnet)).body());
        awaitTorrent(hash, t -> "downloading".equals(t.path("state").asText()));

        installation.process().destroyForcibly().waitFor();
        FakeCatalogues.mp4host().scenario(FakeSite.Scenario.NORMAL);
        launch();
        login();

        JsonNode done = awaitTorrent(hash, t -> t.path("progress").asDouble() == 1.0
                && COMPLETED.contains(t.path("state").asText()));
        assertArrayEquals(FakeMp4Host.content(MEDIA_ID), Files.readAllBytes(Path.of(done.path("content_path").asText())));
    }
}
