package org.catalogarr.launcher;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.catalogarr.testkit.FakeMp4Host;
import org.catalogarr.testkit.FakeMp4Host.Hostility;
import org.catalogarr.testkit.FeedRules;
import org.catalogarr.testkit.FeedRules.Item;
import org.junit.After;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Black-box: the parts of the qBittorrent WebAPI that clients call besides Sonarr's (issue 11 point 4), as
 * Debian's qbittorrent-nox 4.5.2 answers them, and why a job waits (point 5), against the started
 * distribution with the fake AniWorld and its Vidoza-like hoster.
 *
 * <p>One download runs at a time here, so that a job whose download holds the slot keeps the next one
 * queued for as long as a test needs.
 */
public class QbitTagsIT {

    private static final String USER = "sonarr";
    private static final String PASSWORD = "s3cret";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** The retry part of a waiting job's message; the time is UTC. */
    private static final Pattern RETRY = Pattern.compile(".*Vidoza: connection cut at [0-9.]+ KiB of 200\\.0 KiB"
            + " \\(.*\\): .*; retry 1 of 5 in 3 s, at (\\d\\d:\\d\\d:\\d\\d) UTC");

    @ClassRule
    public static TemporaryFolder temp = new TemporaryFolder();

    private static Installation installation;
    private static QbitClient qbit;
    private static List<Item> feed;

    @BeforeClass
    public static void start() throws Exception {
        installation = new Installation(temp.getRoot().toPath());
        FakeCatalogues.startAndConfigure(installation.home.resolve("config"), installation.config, false);
        // One attempt per request, so that the cut connection makes the job wait for its retry.
        FakeCatalogues.downloadSettings(installation.home.resolve("config"), installation.config,
                Map.of("media_attempts", "1"));
        Files.writeString(installation.config.resolve("org.catalogarr.qbit.cfg"),
                "username = " + USER + "\npassword = " + PASSWORD + "\n");
        Files.writeString(installation.config.resolve("org.catalogarr.jobs.cfg"), "max_concurrent_downloads = 1\n");
        installation.start();
        installation.http.awaitHealth(h -> "ok".equals(h.path("status").asText())
                && Http.catalogue(h, "aniworld").path("index").path("titles").asInt() > 0, Duration.ofSeconds(60));
        Http http = installation.http;
        HttpResponse<String> answer = http.get("/torznab/api?t=tvsearch&cat=5070&q="
                + URLEncoder.encode("Attack on Titan", StandardCharsets.UTF_8) + "&season=1");
        byte[] caps = http.get("/torznab/api?t=caps").body().getBytes(StandardCharsets.UTF_8);
        feed = FeedRules.assertValidFeed(answer.body().getBytes(StandardCharsets.UTF_8), caps);
        qbit = new QbitClient(http);
        assertEquals("Ok.", qbit.login(USER, PASSWORD).body());
    }

    @AfterClass
    public static void stop() throws InterruptedException {
        installation.close();
    }

    @After
    public void deleteEverything() throws Exception {
        for (String id : List.of(media("S01E01.German"), media("S01E02.GerSub"))) {
            FakeCatalogues.mp4host().hostile(id, null, null);
        }
        assertEquals(200, qbit.post("torrents/delete", Map.of("hashes", "all", "deleteFiles", "true")).statusCode());
        JsonNode tags = qbit.json("torrents/tags");
        if (!tags.isEmpty()) {
            List<String> names = list(tags);
            assertEquals(200, qbit.post("torrents/deleteTags", Map.of("tags", String.join(",", names))).statusCode());
        }
    }

    /** qBittorrent answers every method but auth/login with 403 before a login, the version probe too. */
    @Test
    public void withoutALoginOnlyLoginAnswers() throws Exception {
        QbitClient stranger = new QbitClient(installation.http);
        for (String method : List.of("app/webapiVersion", "app/version", "app/buildInfo", "app/preferences",
                "app/defaultSavePath", "torrents/tags")) {
            HttpResponse<String> answer = stranger.get(method);
            assertEquals(method, 403, answer.statusCode());
            assertEquals(method, "Forbidden", answer.body());
        }
        assertEquals(403, stranger.post("auth/logout", Map.of()).statusCode());
        assertEquals(403, stranger.post("torrents/createTags", Map.of("tags", "x")).statusCode());
        assertEquals("Fails.", stranger.login(USER, "wrong").body());
        assertEquals("Ok.", stranger.login(USER, PASSWORD).body());
        assertEquals("2.9.3", stranger.get("app/webapiVersion").body());
    }

    /** Tags exist on their own; as in qBittorrent 4.5.2, names are trimmed and empty ones ignored. */
    @Test
    public void tagsAreCreatedListedAndDeletedAsInQbittorrent() throws Exception {
        assertEquals(List.of(), list(qbit.json("torrents/tags")));

        assertEquals(200, qbit.post("torrents/createTags", Map.of("tags", "b, a ,,Ünï cødé, ")).statusCode());
        assertEquals(200, qbit.post("torrents/createTags", Map.of("tags", "a")).statusCode());
        assertEquals(200, qbit.post("torrents/createTags", Map.of("tags", "")).statusCode());
        assertEquals(400, qbit.post("torrents/createTags", Map.of()).statusCode());
        assertEquals(405, qbit.get("torrents/createTags?tags=c").statusCode());
        assertEquals(List.of("a", "b", "Ünï cødé"), list(qbit.json("torrents/tags")));

        assertEquals(200, qbit.post("torrents/deleteTags", Map.of("tags", "b,never-created")).statusCode());
        assertEquals(400, qbit.post("torrents/deleteTags", Map.of()).statusCode());
        assertEquals(List.of("a", "Ünï cødé"), list(qbit.json("torrents/tags")));
        assertEquals(400, qbit.post("torrents/createTags", Map.of("tags", "t".repeat(201))).statusCode());
        assertEquals(List.of("a", "Ünï cødé"), list(qbit.json("torrents/tags")));
    }

    /** A tag given on add or by addTags is created; a deleted tag is gone from its torrents too. */
    @Test
    public void aDeletedTagIsGoneFromItsTorrents() throws Exception {
        Item item = item("S01E03.German");
        assertEquals("Ok.", qbit.post("torrents/add", Map.of("urls", item.attr("magneturl"), "stopped", "true",
                "tags", "sonarr,keep")).body());
        String hash = hash(item);
        assertEquals(200, qbit.post("torrents/addTags", Map.of("hashes", hash, "tags", "extra")).statusCode());
        assertEquals(200, qbit.post("torrents/addTags", Map.of("hashes", "0".repeat(40), "tags", "on-nothing"))
                .statusCode());
        assertEquals(List.of("extra", "keep", "sonarr"), list(qbit.json("torrents/tags")));
        assertEquals("sonarr, keep, extra", qbit.torrent(hash).orElseThrow().path("tags").asText());

        assertEquals(200, qbit.post("torrents/deleteTags", Map.of("tags", "sonarr, extra")).statusCode());

        assertEquals("keep", qbit.torrent(hash).orElseThrow().path("tags").asText());
        assertEquals(List.of("keep"), list(qbit.json("torrents/tags")));
        assertEquals(List.of("keep"), list(qbit.json("sync/maindata?rid=0").path("tags")));
        assertEquals(0, qbit.json("torrents/info?tag=sonarr").size());
        assertEquals(1, qbit.json("torrents/info?tag=keep").size());
    }

    /**
     * qBittorrent lists no files of a torrent without metadata: a job that waits for its turn lists none, and
     * once it runs, its file with the extension it is written with.
     */
    @Test
    public void aQueuedJobListsNoFilesUntilItStarts() throws Exception {
        // The first job's media drips, so it holds the only download slot while the second waits.
        Item holding = item("S01E02.GerSub");
        FakeCatalogues.mp4host().hostile(media("S01E02.GerSub"), Hostility.DRIPPING_MEDIA, null);
        add(holding);
        qbit.awaitTorrent(hash(holding), t -> "downloading".equals(t.path("state").asText()), TIMEOUT);
        Item waiting = item("S01E03.German");
        add(waiting);
        JsonNode queued = qbit.awaitTorrent(hash(waiting), t -> "queuedDL".equals(t.path("state").asText()), TIMEOUT);

        assertEquals("[]", qbit.json("torrents/files?hash=" + hash(waiting)).toString());
        // The running job names its file once its hoster's media answered (the hosters before Vidoza are down).
        JsonNode runningFiles = awaitFiles(hash(holding));
        assertEquals(holding.title() + ".mp4", runningFiles.get(0).path("name").asText());
        assertEquals("queuedDL", qbit.torrent(hash(waiting)).orElseThrow().path("state").asText());
        assertEquals("[]", qbit.json("torrents/files?hash=" + hash(waiting)).toString());
        assertEquals(queued.path("save_path").asText(), qbit.torrent(hash(holding)).orElseThrow().path("save_path")
                .asText());

        assertEquals(200, qbit.post("torrents/delete", Map.of("hashes", hash(holding), "deleteFiles", "true"))
                .statusCode());
        JsonNode done = qbit.awaitTorrent(hash(waiting), t -> t.path("progress").asDouble() == 1.0, TIMEOUT);
        JsonNode files = qbit.json("torrents/files?hash=" + hash(waiting));
        assertEquals(1, files.size());
        assertEquals(waiting.title() + ".mp4", files.get(0).path("name").asText());
        assertEquals(done.path("content_path").asText(), done.path("save_path").asText() + "/"
                + files.get(0).path("name").asText());
    }

    /**
     * A passing failure queues the job again; its message says why and when it tries again, and the retry
     * resumes and completes it.
     */
    @Test
    public void aJobQueuedForARetrySaysWhyAndWhen() throws Exception {
        Item item = item("S01E01.German");
        FakeCatalogues.mp4host().hostile(media("S01E01.German"), Hostility.CUT_MEDIA, null);
        add(item);

        JsonNode waiting = qbit.awaitTorrent(hash(item), t -> "queuedDL".equals(t.path("state").asText())
                && !t.path("catalogarr_message").asText().isEmpty(), TIMEOUT);
        LocalTime seen = LocalTime.now(ZoneOffset.UTC);

        String message = waiting.path("catalogarr_message").asText();
        Matcher retry = RETRY.matcher(message);
        assertTrue(message, retry.matches());
        // The retry is due 3 s after the failure, which was at most a poll before it was seen.
        long due = Duration.between(seen, LocalTime.parse(retry.group(1))).toSeconds();
        assertTrue(message + " seen at " + seen, due >= -30 && due <= 4);

        JsonNode done = qbit.awaitTorrent(hash(item), t -> t.path("progress").asDouble() == 1.0, TIMEOUT);
        assertEquals("", done.path("catalogarr_message").asText());
        assertEquals(FakeMp4Host.SIZE, done.path("size").asLong());
        String log = Files.readString(installation.output, StandardCharsets.UTF_8);
        assertTrue("the log says why the job waits", log.contains("waits: ") && log.contains("retry 1 of 5 in 3 s"));
    }

    // ---------------------------------------------------------------- helpers

    /** The torrent's files, once it lists one. */
    private static JsonNode awaitFiles(String hash) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        JsonNode files = qbit.json("torrents/files?hash=" + hash);
        while (files.isEmpty()) {
            assertTrue("no file listed for " + hash + " within " + TIMEOUT, System.nanoTime() < deadline);
            Thread.sleep(100);
            files = qbit.json("torrents/files?hash=" + hash);
        }
        assertEquals(files.toString(), 1, files.size());
        return files;
    }

    private static void add(Item item) throws Exception {
        assertEquals("Ok.", qbit.post("torrents/add", Map.of("urls", item.attr("magneturl"))).body());
    }

    /** The season-1 feed item whose title has this episode and language, e.g. {@code S01E02.GerSub}. */
    private static Item item(String episodeAndLanguage) {
        return feed.stream().filter(i -> i.title().contains("." + episodeAndLanguage + "."))
                .findFirst().orElseThrow(() -> new AssertionError("no " + episodeAndLanguage + " in the feed"));
    }

    private static String hash(Item item) {
        return item.attr("infohash").toLowerCase();
    }

    /** The fake hoster's id of the item's Vidoza video, as the fake AniWorld's redirects.txt names it. */
    private static String media(String episodeAndLanguage) {
        return switch (episodeAndLanguage) {
            case "S01E01.German" -> "aot0101de";
            case "S01E02.GerSub" -> "aot0102desub";
            default -> throw new IllegalArgumentException(episodeAndLanguage);
        };
    }

    private static List<String> list(JsonNode array) {
        assertTrue(array.toString(), array.isArray());
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
