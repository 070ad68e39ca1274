package org.catalogarr.launcher;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
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
import org.catalogarr.testkit.FeedRules;
import org.catalogarr.testkit.FeedRules.Item;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Black-box, through the started distribution: values too long for the database are refused with
 * qBittorrent's 400/409 and a short reason, a save folder swapped for a symbolic link after the add is
 * neither written into nor emptied, and a download failing with a message of several kilobytes ends
 * {@code error} with a bounded message; each time the service and the other jobs carry on.
 */
public class JobSafetyIT {

    private static final Set<String> COMPLETED = Set.of("uploading", "stalledUP", "pausedUP", "stoppedUP", "queuedUP",
            "forcedUP", "checkingUP");

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
        installation.start();
        installation.http.awaitHealth(h -> "ok".equals(h.path("status").asText())
                && Http.catalogue(h, "aniworld").path("index").path("titles").asInt() > 0, Duration.ofSeconds(60));
        assertEquals("Ok.", qbit.login("sonarr", "s3cret").body());
    }

    @After
    public void stop() throws InterruptedException {
        installation.close();
    }

    /** The German Attack on Titan S01E0{episode} of the feed. */
    private Item germanItem(int episode) throws Exception {
        Http http = installation.http;
        HttpResponse<String> feed = http.get("/torznab/api?t=tvsearch&cat=5070&q="
                + URLEncoder.encode("Attack on Titan", StandardCharsets.UTF_8) + "&season=1&ep=" + episode);
        byte[] caps = http.get("/torznab/api?t=caps").body().getBytes(StandardCharsets.UTF_8);
        List<Item> items = FeedRules.assertValidFeed(feed.body().getBytes(StandardCharsets.UTF_8), caps);
        return items.stream().filter(i -> i.title().contains(".German.")).findFirst()
                .orElseThrow(() -> new AssertionError("no German S01E0" + episode + " in " + feed.body()));
    }

    private JsonNode awaitTorrent(String hash, Predicate<JsonNode> condition) throws Exception {
        return qbit.awaitTorrent(hash, condition, Duration.ofSeconds(90));
    }

    private static boolean completed(JsonNode torrent) {
        return torrent.path("progress").asDouble() == 1.0 && COMPLETED.contains(torrent.path("state").asText());
    }

    /** A short reason for people, nothing of the database behind it. */
    private static void assertShortReason(HttpResponse<String> answer) {
        String body = answer.body();
        assertTrue(body, body.length() < 300);
        for (String leak : List.of("SQL", "Derby", "VARCHAR", "Exception", "truncat")) {
            assertFalse(body, body.contains(leak));
        }
    }

    @Test
    public void oversizedNamesCategoriesAndTagsAreRefusedAndTheServiceKeepsWorking() throws Exception {
        Item item = germanItem(1);
        String magnet = item.attr("magneturl");
        String hash = item.attr("infohash");

        HttpResponse<String> category = qbit.post("torrents/createCategory", Map.of("category", "c".repeat(201)));
        assertEquals(category.body(), 409, category.statusCode());
        assertShortReason(category);
        HttpResponse<String> invalid = qbit.post("torrents/createCategory", Map.of("category", "tv//anime"));
        assertEquals(invalid.body(), 409, invalid.statusCode());

        // The release name is not part of the info-hash, so a client can make it as long as it likes.
        String longName = magnet.replaceFirst("dn=[^&]*", "dn=" + "N".repeat(1001));
        assertTrue(longName.contains("NNNN"));
        HttpResponse<String> name = qbit.post("torrents/add", Map.of("urls", longName));
        assertEquals(name.body(), 400, name.statusCode());
        assertShortReason(name);
        HttpResponse<String> addWithCategory = qbit.post("torrents/add",
                Map.of("urls", magnet, "category", "k".repeat(300)));
        assertEquals(addWithCategory.body(), 409, addWithCategory.statusCode());
        assertShortReason(addWithCategory);
        HttpResponse<String> tags = qbit.post("torrents/add", Map.of("urls", magnet, "tags", "t".repeat(2001)));
        assertEquals(tags.body(), 400, tags.statusCode());
        assertShortReason(tags);

        assertEquals("nothing was stored", "[]", qbit.get("torrents/info").body().strip());
        assertEquals("{}", qbit.get("torrents/categories").body().strip());
        assertEquals("Ok.", qbit.post("torrents/add", Map.of("urls", magnet, "category", "tv-sonarr")).body());
        JsonNode done = awaitTorrent(hash, JobSafetyIT::completed);
        assertEquals("tv-sonarr", done.path("category").asText());
        HttpResponse<String> moreTags = qbit.post("torrents/addTags", Map.of("hashes", hash, "tags",
                "a".repeat(1500) + "," + "b".repeat(1500)));
        assertEquals(moreTags.body(), 400, moreTags.statusCode());
        assertEquals("ok", installation.http.health().path("status").asText());
    }

    @Test
    public void aSaveFolderSwappedForALinkIsNeitherWrittenNorEmptied() throws Exception {
        Item swappedItem = germanItem(1);
        Item otherItem = germanItem(3);
        String swapped = swappedItem.attr("infohash");
        String other = otherItem.attr("infohash");
        assertEquals("Ok.", qbit.post("torrents/add", Map.of("urls", swappedItem.attr("magneturl"),
                "savepath", "swapped", "paused", "true")).body());
        JsonNode paused = awaitTorrent(swapped, t -> t.path("state").asText().startsWith("paused")
                || t.path("state").asText().startsWith("stopped"));
        Path folder = Path.of(paused.path("save_path").asText());
        assertTrue(folder.toString(), folder.startsWith(installation.data.resolve("downloads").toRealPath()));

        // After the add, the folder becomes a link to somewhere the service must not touch, where a file
        // of the very name the download would get already lies.
        Path home = Files.createDirectories(temp.getRoot().toPath().resolve("home"));
        Path precious = home.resolve(swappedItem.title() + ".mp4");
        Files.writeString(precious, "the user's own file");
        Files.delete(folder);
        Files.createSymbolicLink(folder, home);

        assertEquals(200, qbit.post("torrents/resume", Map.of("hashes", swapped)).statusCode());
        assertEquals("Ok.", qbit.post("torrents/add", Map.of("urls", otherItem.attr("magneturl"))).body());

        JsonNode failed = awaitTorrent(swapped, t -> "error".equals(t.path("state").asText()));
        assertTrue(failed.toString(), failed.path("catalogarr_message").asText().contains("outside the download folder"));
        assertEquals("the user's own file", Files.readString(precious));
        try (var files = Files.list(home)) {
            assertEquals("nothing was written into the link's target", 1, files.count());
        }
        JsonNode done = awaitTorrent(other, JobSafetyIT::completed);
        Path otherFile = Path.of(done.path("content_path").asText());
        assertArrayEquals(FakeMp4Host.content("aot0103de"), Files.readAllBytes(otherFile));

        assertEquals(200, qbit.post("torrents/delete", Map.of("hashes", swapped, "deleteFiles", "true")).statusCode());
        assertTrue(qbit.torrent(swapped).isEmpty());
        assertEquals("the link's target was not emptied", "the user's own file", Files.readString(precious));
        assertEquals(200, qbit.post("torrents/delete", Map.of("hashes", other, "deleteFiles", "true")).statusCode());
        assertFalse("a job in an untouched folder still loses its file", Files.exists(otherFile));
        assertEquals("ok", installation.http.health().path("status").asText());
    }

    @Test
    public void aDownloadFailingWithAMessageOfKilobytesEndsWithABoundedMessage() throws Exception {
        // The fake AniWorld's S01E04 has thirty links whose redirects are gone: every one fails for good.
        Item item = germanItem(4);
        String hash = item.attr("infohash");
        assertEquals("Ok.", qbit.post("torrents/add", Map.of("urls", item.attr("magneturl"))).body());

        JsonNode failed = awaitTorrent(hash, t -> "error".equals(t.path("state").asText()));

        String message = failed.path("catalogarr_message").asText();
        assertTrue(message.length() + " characters", message.length() > 1000 && message.length() <= 2000);
        assertTrue(message, message.startsWith("No hoster delivered aniworld attack-on-titan S01E04"));
        assertTrue(message, message.endsWith("[…]"));
        Item working = germanItem(1);
        assertEquals("Ok.", qbit.post("torrents/add", Map.of("urls", working.attr("magneturl"))).body());
        awaitTorrent(working.attr("infohash"), JobSafetyIT::completed);
    }
}
