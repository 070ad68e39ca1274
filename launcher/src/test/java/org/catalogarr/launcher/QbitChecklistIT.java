package org.catalogarr.launcher;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import org.catalogarr.testkit.FakeMp4Host;
import org.catalogarr.testkit.FakeSite;
import org.catalogarr.testkit.FeedRules;
import org.catalogarr.testkit.FeedRules.Item;
import org.catalogarr.testkit.Torrents;
import org.junit.After;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Black-box: the acceptance checklist for the qBittorrent emulator, clients.md §7 items 1–51 and 76–78,
 * against the started distribution with the fake AniWorld and its Vidoza-like hoster. The enclosure links
 * answer with .torrent files here, so that items 23 and 24 upload the files the feed offers.
 *
 * <p>Item 11 does not apply, as no API key is offered; {@link #aBearerHeaderAloneOpensNothing} checks that
 * such a header does not open the API by accident.
 *
 * <p>The service is started once for the class. Every test adds the torrents it needs and deletes all of
 * them afterwards, so tests do not depend on each other's order; categories stay, and tests that need a
 * category in a certain state remove or create it first. Where the checklist allows alternatives, the
 * assertions name the one Catalogarr chose: qBittorrent 4.6 names ({@code pausedDL}/{@code pausedUP}),
 * webapiVersion forbidden without a session (403, as qBittorrent answers), and finished torrents
 * removable through the global share limit (ratio 0, action "pause") rather than a per-torrent one.
 */
public class QbitChecklistIT {

    private static final String USER = "sonarr";
    private static final String PASSWORD = "s3cret";
    private static final Duration DOWNLOAD_TIMEOUT = Duration.ofSeconds(30);
    /** §6's state names; "unknown" is a name too, but not one a good emulator may send (item 33). */
    private static final Set<String> STATES = Set.of("error", "missingFiles", "uploading", "pausedUP", "stoppedUP",
            "queuedUP", "stalledUP", "checkingUP", "forcedUP", "allocating", "downloading", "metaDL", "forcedMetaDL",
            "pausedDL", "stoppedDL", "queuedDL", "stalledDL", "checkingDL", "forcedDL", "checkingResumeData",
            "moving");
    private static final Set<String> RUNNING = Set.of("queuedDL", "downloading");
    /** Item 37's settled completed states; not checkingUP. */
    private static final Set<String> COMPLETED = Set.of("uploading", "stalledUP", "queuedUP", "forcedUP", "pausedUP",
            "stoppedUP");
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{40}");

    @ClassRule
    public static TemporaryFolder temp = new TemporaryFolder();

    private static Installation installation;
    private static QbitClient qbit;
    /** Attack on Titan season 1 from the Torznab feed: five episode/language items, so five hashes. */
    private static List<Item> feed;

    @BeforeClass
    public static void start() throws Exception {
        installation = new Installation(temp.getRoot().toPath());
        FakeCatalogues.startAndConfigure(installation.home.resolve("config"), installation.config, false);
        Files.writeString(installation.config.resolve("org.catalogarr.qbit.cfg"),
                "username = " + USER + "\npassword = " + PASSWORD + "\n");
        Files.writeString(installation.config.resolve("org.catalogarr.torznab.cfg"), "enclosure = torrent\n");
        installation.start();
        installation.http.awaitHealth(h -> "ok".equals(h.path("status").asText())
                && Http.catalogue(h, "aniworld").path("index").path("titles").asInt() > 0, Duration.ofSeconds(60));
        feed = seasonOneFeed();
        qbit = loggedIn();
    }

    private static List<Item> seasonOneFeed() throws Exception {
        Http http = installation.http;
        HttpResponse<String> answer = http.get("/torznab/api?t=tvsearch&cat=5070&q="
                + URLEncoder.encode("Attack on Titan", StandardCharsets.UTF_8) + "&season=1");
        byte[] caps = http.get("/torznab/api?t=caps").body().getBytes(StandardCharsets.UTF_8);
        return FeedRules.assertValidFeed(answer.body().getBytes(StandardCharsets.UTF_8), caps);
    }

    private static QbitClient loggedIn() throws Exception {
        QbitClient client = new QbitClient(installation.http);
        assertEquals("Ok.", client.login(USER, PASSWORD).body());
        return client;
    }

    @AfterClass
    public static void stop() throws InterruptedException {
        installation.close();
    }

    @After
    public void deleteEverything() throws Exception {
        FakeCatalogues.mp4host().scenario(FakeSite.Scenario.NORMAL);
        assertEquals(200, qbit.post("torrents/delete", Map.of("hashes", "all", "deleteFiles", "true")).statusCode());
    }

    // ---------------------------------------------------------------- connection and authentication

    /** clients.md §7 item 1: Sonarr's version probe before login must not see 404 or 401; 403, as qBittorrent. */
    @Test
    public void webapiVersionIsForbiddenWithoutASession() throws Exception {
        HttpResponse<String> answer = new QbitClient(installation.http).get("app/webapiVersion");
        assertEquals(403, answer.statusCode());
        assertEquals("Forbidden", answer.body());
    }

    /** With a password, /health says the API takes logins and has nothing to warn about. */
    @Test
    public void healthSaysTheApiNeedsAPassword() throws Exception {
        JsonNode access = installation.http.health().path("download_client");
        assertEquals("password", access.path("authentication").asText());
        assertTrue(access.path("warning").isNull());
    }

    /** clients.md §7 item 2. */
    @Test
    public void loginWithAUrlEncodedFormSetsASidCookie() throws Exception {
        QbitClient client = new QbitClient(installation.http);
        HttpResponse<String> login = client.login(USER, PASSWORD);
        assertEquals(200, login.statusCode());
        assertEquals("Ok.", login.body());
        assertFalse("a non-empty SID cookie", QbitClient.sid(login).orElse("").isEmpty());
        assertEquals(200, client.get("torrents/info").statusCode());
    }

    /** clients.md §7 item 3: Sonarr switches to multipart when a value is long, so login must take it too. */
    @Test
    public void loginWithAMultipartFormSetsASidCookie() throws Exception {
        QbitClient client = new QbitClient(installation.http);
        HttpResponse<String> login = client.loginMultipart(USER, PASSWORD);
        assertEquals(200, login.statusCode());
        assertEquals("Ok.", login.body());
        assertFalse("a non-empty SID cookie", QbitClient.sid(login).orElse("").isEmpty());
        assertEquals(200, client.get("torrents/info").statusCode());
    }

    /** clients.md §7 item 4. One failure only: five in a row would ban the loopback address. */
    @Test
    public void aWrongPasswordFailsWithoutASession() throws Exception {
        QbitClient client = new QbitClient(installation.http);
        HttpResponse<String> login = client.login(USER, PASSWORD + "x");
        assertEquals(200, login.statusCode());
        assertEquals("Fails.", login.body());
        assertTrue("no SID", QbitClient.sid(login).isEmpty());
        assertEquals(403, client.get("torrents/info").statusCode());
        // A good login clears the count of failures.
        assertEquals("Ok.", client.login(USER, PASSWORD).body());
    }

    /** clients.md §7 item 5: without a session, or with a made-up one, everything but login is a bare 403. */
    @Test
    public void everyOtherEndpointNeedsASession() throws Exception {
        String hash = hash(item("S01E01.German"));
        List<String> reads = List.of("app/version", "app/buildInfo", "app/preferences", "app/defaultSavePath",
                "torrents/info", "torrents/properties?hash=" + hash, "torrents/files?hash=" + hash,
                "torrents/categories", "sync/maindata?rid=0", "transfer/info");
        List<String> writes = List.of("auth/logout", "torrents/add", "torrents/delete", "torrents/pause",
                "torrents/resume", "torrents/stop", "torrents/start", "torrents/setCategory", "torrents/addTags",
                "torrents/removeTags", "torrents/setShareLimits", "torrents/topPrio", "torrents/bottomPrio",
                "torrents/increasePrio", "torrents/decreasePrio", "torrents/setForceStart",
                "torrents/createCategory", "torrents/editCategory", "torrents/removeCategories");
        Map<String, String> form = Map.of("urls", magnet(item("S01E01.German")), "hashes", hash,
                "category", "tv-sonarr", "tags", "a", "value", "true", "ratioLimit", "1", "seedingTimeLimit", "1",
                "categories", "tv-sonarr");
        QbitClient anonymous = new QbitClient(installation.http);
        QbitClient madeUp = new QbitClient(installation.http);
        madeUp.useSid("madeUpSessionId0123456789abcdef");
        for (QbitClient client : List.of(anonymous, madeUp)) {
            for (String read : reads) {
                assertBareForbidden(read, client.get(read));
            }
            for (String write : writes) {
                assertBareForbidden(write, client.post(write, form));
            }
        }
        assertEquals("nothing was added", 0, torrents("").size());
    }

    private static void assertBareForbidden(String method, HttpResponse<String> answer) {
        assertEquals(method, 403, answer.statusCode());
        assertTrue(method + " redirects", answer.headers().firstValue("Location").isEmpty());
        assertFalse(method + " answers HTML", answer.headers().firstValue("Content-Type").orElse("").contains("html")
                || answer.body().toLowerCase().contains("<html"));
    }

    /** clients.md §7 item 6. */
    @Test
    public void webapiVersionIsABareVersionOfAtLeast2_6_1() throws Exception {
        HttpResponse<String> answer = qbit.get("app/webapiVersion");
        assertEquals(200, answer.statusCode());
        assertTrue(answer.body(), answer.body().matches("^\\d+\\.\\d+(\\.\\d+)?$"));
        assertTrue(answer.body(), compareVersions(answer.body(), "2.6.1") >= 0);
        assertEquals("2.9.3", answer.body());
    }

    /** clients.md §7 item 7: 4.6.x goes with 2.9.x; a 5.x would promise 2.11 and the stopped* names. */
    @Test
    public void appVersionMatchesTheApiVersion() throws Exception {
        HttpResponse<String> answer = qbit.get("app/version");
        assertEquals(200, answer.statusCode());
        assertTrue(answer.body(), answer.body().matches("^v\\d+\\.\\d+\\.\\d+$"));
        assertEquals("v4.6.7", answer.body());
        boolean five = compareVersions(answer.body().substring(1), "5.0.0") >= 0;
        assertEquals(five, compareVersions(qbit.get("app/webapiVersion").body(), "2.11") >= 0);
    }

    /** Compares dotted versions part by part; missing parts count as 0. */
    private static int compareVersions(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int difference = Integer.compare(i < x.length ? Integer.parseInt(x[i]) : 0,
                    i < y.length ? Integer.parseInt(y[i]) : 0);
            if (difference != 0) {
                return difference;
            }
        }
        return 0;
    }

    /** clients.md §7 item 8: Sonarr sends its credentials as Basic on every request, next to the cookie. */
    @Test
    public void aBasicHeaderNextToTheSidIsAccepted() throws Exception {
        Map<String, String> basic = Map.of("Authorization", Http.basic(USER, PASSWORD));
        assertEquals(200, qbit.get("torrents/info", basic).statusCode());
        assertEquals(200, qbit.get("app/preferences", basic).statusCode());
        assertEquals(200, qbit.post("torrents/add", basic, Map.of("urls", magnet(item("S01E01.German")),
                "stopped", "True")).statusCode());
        assertEquals(1, torrents("").size());
    }

    /** clients.md §7 item 9: this client, like Sonarr, sends neither Referer nor Origin. */
    @Test
    public void requestsWithoutRefererOrOriginSucceed() throws Exception {
        assertEquals(200, qbit.get("torrents/categories").statusCode());
        assertEquals("Ok.", qbit.post("torrents/add", Map.of("urls", magnet(item("S01E01.German")),
                "stopped", "True")).body());
        assertEquals(200, qbit.post("torrents/addTags", Map.of("hashes", hash(item("S01E01.German")), "tags", "x"))
                .statusCode());
    }

    /** clients.md §7 item 10: Sonarr's re-login path after the server ended its session. */
    @Test
    public void anEndedSessionIsRefusedAndANewLoginWorks() throws Exception {
        QbitClient client = new QbitClient(installation.http);
        String ended = QbitClient.sid(client.login(USER, PASSWORD)).orElseThrow();
        assertEquals(200, client.post("auth/logout", Map.of()).statusCode());
        client.useSid(ended);
        assertEquals(403, client.get("torrents/info").statusCode());
        String fresh = QbitClient.sid(client.login(USER, PASSWORD)).orElseThrow();
        assertNotEquals(ended, fresh);
        assertEquals(200, client.get("torrents/info").statusCode());
    }

    /** clients.md §7 item 11 is not offered (no API key); a Bearer header alone must not open the API. */
    @Test
    public void aBearerHeaderAloneOpensNothing() throws Exception {
        QbitClient client = new QbitClient(installation.http);
        Map<String, String> bearer = Map.of("Authorization", "Bearer x");
        assertEquals(403, client.get("torrents/info", bearer).statusCode());
        assertEquals(403, client.get("app/preferences", bearer).statusCode());
        assertEquals(403, client.post("torrents/add", bearer, Map.of("urls", magnet(item("S01E01.German"))))
                .statusCode());
    }

    // ---------------------------------------------------------------- preferences and categories

    /** clients.md §7 item 12. */
    @Test
    public void preferencesCarryWhatSonarrReads() throws Exception {
        JsonNode p = qbit.json("app/preferences");
        assertTrue(p.toString(), p.isObject());
        assertTrue("save_path absolute: " + p, p.path("save_path").isTextual()
                && p.path("save_path").asText().startsWith("/"));
        assertTrue(p.path("dht").isBoolean() && p.path("dht").booleanValue());
        for (String flag : List.of("queueing_enabled", "max_ratio_enabled", "max_seeding_time_enabled",
                "max_inactive_seeding_time_enabled")) {
            assertTrue(flag + " boolean: " + p, p.path(flag).isBoolean());
        }
        assertTrue("max_ratio number: " + p, p.path("max_ratio").isNumber());
        for (String integer : List.of("max_ratio_act", "max_seeding_time", "max_inactive_seeding_time")) {
            assertTrue(integer + " integer: " + p, p.path(integer).isIntegralNumber());
        }
    }

    /** clients.md §7 item 13: Sonarr's Test fails when the preferences say finished torrents get removed. */
    @Test
    public void preferencesNeverDescribeAutoRemoval() throws Exception {
        JsonNode p = qbit.json("app/preferences");
        boolean limited = p.path("max_ratio_enabled").booleanValue() || (p.path("max_seeding_time_enabled")
                .booleanValue() && p.path("max_seeding_time").longValue() < 20160);
        int action = p.path("max_ratio_act").intValue();
        assertFalse(p.toString(), limited && (action == 1 || action == 3));
    }

    /** clients.md §7 item 14. */
    @Test
    public void categoriesAreAnObjectOfNamesAndSavePaths() throws Exception {
        removeCategories(list(qbit.json("torrents/categories").fieldNames()));
        HttpResponse<String> empty = qbit.get("torrents/categories");
        assertEquals(200, empty.statusCode());
        assertEquals("{}", empty.body().strip());
        assertEquals(200, qbit.post("torrents/createCategory", Map.of("category", "tv-sonarr")).statusCode());
        assertEquals(200, qbit.post("torrents/createCategory", Map.of("category", "tv-custom", "savePath", "custom"))
                .statusCode());
        JsonNode categories = qbit.json("torrents/categories");
        assertEquals(Set.of("tv-sonarr", "tv-custom"), Set.copyOf(list(categories.fieldNames())));
        categories.fields().forEachRemaining(category -> {
            assertEquals(category.getKey(), category.getValue().path("name").textValue());
            assertTrue(category.toString(), category.getValue().path("savePath").isTextual());
        });
    }

    /** clients.md §7 item 15. */
    @Test
    public void createCategoryMakesANewCategory() throws Exception {
        removeCategories(List.of("tv-sonarr"));
        assertEquals(200, qbit.post("torrents/createCategory", Map.of("category", "tv-sonarr")).statusCode());
        assertTrue(qbit.json("torrents/categories").has("tv-sonarr"));
    }

    /** clients.md §7 item 16: an empty name is 400, an existing one 409 (and still one entry). */
    @Test
    public void createCategoryRefusesAnEmptyOrExistingName() throws Exception {
        assertEquals(400, qbit.post("torrents/createCategory", Map.of("category", "")).statusCode());
        removeCategories(List.of("tv-twice"));
        assertEquals(200, qbit.post("torrents/createCategory", Map.of("category", "tv-twice")).statusCode());
        assertEquals(409, qbit.post("torrents/createCategory", Map.of("category", "tv-twice")).statusCode());
        String categories = qbit.get("torrents/categories").body();
        assertEquals(categories, 1, Pattern.compile("\"tv-twice\"\\s*:").matcher(categories).results().count());
    }

    /** clients.md §7 item 17. */
    @Test
    public void setCategoryMovesATorrentOnlyToAnExistingCategory() throws Exception {
        String hash = addStopped(item("S01E01.German"), "tv-sonarr");
        ensureCategory("tv-imported");
        assertEquals(200, qbit.post("torrents/setCategory", Map.of("hashes", hash, "category", "tv-imported"))
                .statusCode());
        assertEquals("tv-imported", torrent(hash).path("category").asText());
        removeCategories(List.of("tv-nowhere"));
        assertEquals(409, qbit.post("torrents/setCategory", Map.of("hashes", hash, "category", "tv-nowhere"))
                .statusCode());
        assertEquals("tv-imported", torrent(hash).path("category").asText());
    }

    // ---------------------------------------------------------------- adding torrents

    /** clients.md §7 items 18 and 19: Sonarr's add, as multipart and as a url-encoded form. */
    @Test
    public void addTakesMultipartAndUrlEncodedFormsAlike() throws Exception {
        Item first = item("S01E01.German");
        Item second = item("S01E03.German");
        HttpResponse<String> multipart = qbit.postMultipart("torrents/add",
                Map.of("urls", magnet(first), "category", "tv-sonarr", "stopped", "False"), List.of());
        HttpResponse<String> urlEncoded = qbit.post("torrents/add",
                Map.of("urls", magnet(second), "category", "tv-sonarr", "stopped", "False"));
        for (HttpResponse<String> answer : List.of(multipart, urlEncoded)) {
            assertEquals(200, answer.statusCode());
            assertEquals("Ok.", answer.body());
        }
        assertEquals("tv-sonarr", torrent(hash(first)).path("category").asText());
        assertEquals("tv-sonarr", torrent(hash(second)).path("category").asText());
    }

    /** clients.md §7 item 20: Sonarr looks for the torrent right after the add. */
    @Test
    public void anAddedTorrentIsListedAtOnce() throws Exception {
        Item item = item("S01E01.German");
        assertEquals("Ok.", qbit.post("torrents/add", Map.of("urls", magnet(item), "category", "tv-sonarr",
                "stopped", "False")).body());
        List<JsonNode> listed = torrents("?category=tv-sonarr").stream()
                .filter(t -> t.path("hash").asText().equals(hash(item))).toList();
        assertEquals(1, listed.size());
        assertEquals(200, qbit.get("torrents/properties?hash=" + hash(item)).statusCode());
    }

    /** clients.md §7 item 22. */
    @Test
    public void infoFindsTorrentsByHashesInAnyCase() throws Exception {
        String a = addStopped(item("S01E01.German"), "");
        String b = addStopped(item("S01E02.GerSub"), "");
        addStopped(item("S01E03.German"), "");
        assertEquals(List.of(a), hashes(torrents("?hashes=" + a.toUpperCase())));
        assertEquals(List.of(a), hashes(torrents("?hashes=" + a)));
        assertEquals(Set.of(a, b), Set.copyOf(hashes(torrents("?hashes=" + a + "%7C" + b.toUpperCase()))));
    }

    /**
     * clients.md §7 item 25: {@code paused} and {@code stopped}, in any case. The hoster is slow, so the
     * running ones are still running when looked at.
     */
    @Test
    public void addReadsPausedAndStoppedInAnyCase() throws Exception {
        slowHoster(Duration.ofSeconds(20));
        Map<String, String> stopped = Map.of("S01E01.German", "paused=True", "S01E01.GerSub", "stopped=true");
        Map<String, String> running = Map.of("S01E02.GerSub", "stopped=False", "S01E03.German", "paused=false");
        Map<String, String> all = new HashMap<>(stopped);
        all.putAll(running);
        for (Map.Entry<String, String> add : all.entrySet()) {
            String[] nameAndValue = add.getValue().split("=");
            assertEquals(add.getValue(), "Ok.", qbit.post("torrents/add", Map.of("urls", magnet(item(add.getKey())),
                    nameAndValue[0], nameAndValue[1])).body());
        }
        for (String title : stopped.keySet()) {
            assertEquals(stopped.get(title), "pausedDL", torrent(hash(item(title))).path("state").asText());
        }
        for (String title : running.keySet()) {
            JsonNode torrent = torrent(hash(item(title)));
            assertTrue(running.get(title) + ": " + torrent, RUNNING.contains(torrent.path("state").asText()));
        }
    }

    /** clients.md §7 item 26: add-time share limits are kept; options Catalogarr has no use for do no harm. */
    @Test
    public void addKeepsShareLimitsAndToleratesOtherOptions() throws Exception {
        Item item = item("S01E01.German");
        Map<String, String> form = new HashMap<>(Map.of("urls", magnet(item), "category", "tv-sonarr",
                "stopped", "True", "ratioLimit", "1.5", "seedingTimeLimit", "60", "sequentialDownload", "True",
                "firstLastPiecePrio", "True", "contentLayout", "Original", "tags", "x,y"));
        form.putAll(Map.of("savepath", qbit.json("app/preferences").path("save_path").asText(), "autoTMM", "false",
                "useAutoTMM", "false"));
        HttpResponse<String> answer = qbit.post("torrents/add", form);
        assertEquals(200, answer.statusCode());
        assertEquals("Ok.", answer.body());
        JsonNode torrent = torrent(hash(item));
        assertTrue(torrent.toString(), torrent.path("ratio_limit").isNumber());
        assertEquals(1.5, torrent.path("ratio_limit").doubleValue(), 0);
        assertTrue(torrent.toString(), torrent.path("seeding_time_limit").isIntegralNumber());
        assertEquals(60, torrent.path("seeding_time_limit").longValue());
    }

    /** clients.md §7 item 27. */
    @Test
    public void addCreatesACategoryItDoesNotKnow() throws Exception {
        removeCategories(List.of("tv-brand-new"));
        String hash = addStopped(item("S01E01.German"), "tv-brand-new");
        assertEquals("tv-brand-new", torrent(hash).path("category").asText());
        assertTrue(qbit.json("torrents/categories").has("tv-brand-new"));
    }

    /** clients.md §7 item 28. */
    @Test
    public void addingAHashTwiceKeepsOneTorrent() throws Exception {
        Item item = item("S01E01.German");
        addStopped(item, "tv-sonarr");
        assertEquals(200, qbit.post("torrents/add", Map.of("urls", magnet(item), "category", "tv-sonarr",
                "stopped", "True")).statusCode());
        assertEquals(List.of(hash(item)), hashes(torrents("")));
    }

    /**
     * clients.md §7 item 29: nothing but Catalogarr's own magnets and torrent files is taken; refusing a URL
     * is {@code Fails.}, as in qBittorrent 4.x, and a file that is no torrent is 415.
     */
    @Test
    public void addRefusesWhatItCannotUse() throws Exception {
        String tampered = magnet(item("S01E01.German")).replace("x.catalogarr.episode=1", "x.catalogarr.episode=2");
        for (String url : List.of("http://127.0.0.1:9/release.torrent",
                "magnet:?xt=urn:btih:0123456789abcdef0123456789abcdef01234567&dn=Other&tr=udp%3A%2F%2Ft.example%3A80",
                tampered)) {
            HttpResponse<String> answer = qbit.post("torrents/add", Map.of("urls", url, "category", "tv-sonarr"));
            assertEquals(url, 200, answer.statusCode());
            assertEquals(url, "Fails.", answer.body());
        }
        HttpResponse<String> garbage = qbit.postMultipart("torrents/add", Map.of("category", "tv-sonarr"),
                List.of(new Http.FilePart("torrents", "X.torrent", "application/octet-stream",
                        "this is not bencode".getBytes(StandardCharsets.UTF_8))));
        assertEquals(garbage.body(), 415, garbage.statusCode());
        assertEquals("nothing was stored", 0, torrents("").size());
    }

    /** clients.md §7 item 21: Sonarr reads base32 btihs too; the torrent gets the hex hash. */
    @Test
    public void aBase32MagnetGivesTheHexHash() throws Exception {
        Item item = item("S01E01.German");
        String base32 = magnet(item).replaceFirst("(?i)btih:" + hash(item), "btih:" + base32(hash(item)));
        assertNotEquals(magnet(item), base32);

        assertEquals("Ok.", qbit.post("torrents/add", Map.of("urls", base32, "stopped", "True")).body());

        assertEquals(List.of(hash(item)), hashes(torrents("")));
    }

    /** clients.md §7 items 23 and 24: the feed's .torrent, as Sonarr and as @ctrl/qbittorrent upload it. */
    @Test
    public void aTorrentFileGivesTheHashOfItsInfoDictionary() throws Exception {
        Item first = item("S01E01.German");
        Item second = item("S01E03.German");
        byte[] firstFile = QbitFlowIT.awaitTorrentFile(installation.http, first);
        byte[] secondFile = QbitFlowIT.awaitTorrentFile(installation.http, second);

        assertEquals("Ok.", qbit.postMultipart("torrents/add", Map.of("stopped", "True"), List.of(
                new Http.FilePart("torrents", "X.torrent", "application/octet-stream", firstFile))).body());
        assertEquals("Ok.", qbit.postMultipart("torrents/add", Map.of("paused", "true"), List.of(
                new Http.FilePart("file", "file.torrent", "application/x-bittorrent", secondFile))).body());

        assertEquals(Set.of(Torrents.infohash(firstFile), Torrents.infohash(secondFile)),
                Set.copyOf(hashes(torrents(""))));
        assertEquals(hash(first), Torrents.infohash(firstFile));
        assertEquals(hash(second), Torrents.infohash(secondFile));
    }

    /** clients.md §7 item 30: the emulator says {@code dht: true}, so tracker-less magnets must work. */
    @Test
    public void aMagnetWithoutTrackersIsAccepted() throws Exception {
        Item item = item("S01E01.German");
        String withoutTrackers = magnet(item).replaceAll("&tr=[^&]*", "");
        assertFalse(withoutTrackers, withoutTrackers.contains("tr="));
        assertTrue(qbit.json("app/preferences").path("dht").booleanValue());
        assertEquals("Ok.", qbit.post("torrents/add", Map.of("urls", withoutTrackers, "stopped", "True")).body());
        assertEquals(List.of(hash(item)), hashes(torrents("")));
    }

    // ---------------------------------------------------------------- polling

    /** clients.md §7 item 31. */
    @Test
    public void infoIsAnArrayFilteredByCategory() throws Exception {
        assertEquals("[]", qbit.get("torrents/info").body().strip());
        String sonarr = addStopped(item("S01E01.German"), "tv-sonarr");
        String none = addStopped(item("S01E02.GerSub"), "");
        ensureCategory("tv-other");
        String other = addStopped(item("S01E03.German"), "tv-other");
        assertEquals(Set.of(sonarr, none, other), Set.copyOf(hashes(torrents(""))));
        assertEquals(List.of(sonarr), hashes(torrents("?category=tv-sonarr")));
        assertEquals(List.of(other), hashes(torrents("?category=tv-other")));
        assertEquals(List.of(none), hashes(torrents("?category=")));
        removeCategories(List.of("tv-empty"));
        assertEquals("[]", qbit.get("torrents/info?category=tv-empty").body().strip());
    }

    /** clients.md §7 item 32, for a torrent that waits and one that is complete. */
    @Test
    public void everyTorrentHasTheFieldsClientsRead() throws Exception {
        assertTorrentFields(torrent(addStopped(item("S01E02.GerSub"), "tv-sonarr")), false);
        assertTorrentFields(completed(item("S01E01.German")), true);
    }

    private static void assertTorrentFields(JsonNode t, boolean complete) {
        String s = t.toString();
        assertTrue(s, HASH.matcher(t.path("hash").asText()).matches() && t.path("hash").isTextual());
        for (String text : List.of("name", "state", "category", "tags", "save_path", "content_path")) {
            assertTrue(text + " is a string: " + s, t.path(text).isTextual());
        }
        for (String integer : List.of("size", "eta", "last_activity", "added_on", "completion_on", "total_size",
                "amount_left", "dlspeed", "upspeed", "num_seeds", "num_leechs", "num_complete", "num_incomplete",
                "priority", "uploaded", "downloaded", "seeding_time", "seeding_time_limit",
                "inactive_seeding_time_limit")) {
            assertTrue(integer + " is an integer: " + s, t.path(integer).isIntegralNumber());
        }
        for (String number : List.of("progress", "ratio", "ratio_limit")) {
            assertTrue(number + " is a number: " + s, t.path(number).isNumber());
        }
        double progress = t.path("progress").doubleValue();
        assertTrue(s, progress >= 0 && progress <= 1);
        assertEquals(s, -2, t.path("ratio_limit").doubleValue(), 0);
        assertEquals(s, -2, t.path("seeding_time_limit").longValue());
        assertEquals(s, -2, t.path("inactive_seeding_time_limit").longValue());
        if (complete) {
            assertTrue("size known: " + s, t.path("size").longValue() > 0);
        }
    }

    /**
     * clients.md §7 items 33, 35, 36 and 37: a download watched from start to end, through a slow hoster.
     * Every state is a known name; before the end progress is below 1 in a running state with an ETA;
     * nothing on the way is a warning state; the end is a settled {@code pausedUP} with all done.
     */
    @Test
    public void aDownloadRunsAndSettlesInKnownStates() throws Exception {
        slowHoster(Duration.ofMillis(1500));
        Item item = item("S01E01.German");
        assertEquals("Ok.", qbit.post("torrents/add", Map.of("urls", magnet(item), "category", "tv-sonarr",
                "stopped", "False")).body());
        Set<String> seen = new LinkedHashSet<>();
        JsonNode done = qbit.awaitTorrent(hash(item), t -> {
            String state = t.path("state").asText();
            assertTrue("known state: " + t, STATES.contains(state));
            seen.add(state);
            boolean finished = t.path("progress").doubleValue() == 1.0;
            if (!finished) {
                assertTrue("progress below 1: " + t, t.path("progress").doubleValue() < 1);
                assertTrue("unfinished state: " + t,
                        Set.of("metaDL", "queuedDL", "downloading", "forcedDL", "checkingDL").contains(state));
                assertTrue("eta: " + t, t.path("eta").isIntegralNumber() && t.path("eta").longValue() >= 0);
            }
            return finished;
        }, DOWNLOAD_TIMEOUT);
        assertTrue("seen while downloading: " + seen, seen.contains("downloading"));
        assertTrue("no warning states: " + seen, seen.stream().noneMatch(Set.of("stalledDL", "error",
                "missingFiles")::contains));
        assertEquals(done.toString(), "pausedUP", done.path("state").asText());
        assertEquals(done.toString(), 0, done.path("amount_left").longValue());
        assertTrue(done.toString(), done.path("completion_on").longValue() > 0);
        // Settled: looked at again, it is still the same state.
        assertEquals("pausedUP", torrent(hash(item)).path("state").asText());
    }

    /** clients.md §7 item 34. */
    @Test
    public void theTorrentIsNamedLikeTheGrabbedRelease() throws Exception {
        for (Item item : feed) {
            addStopped(item, "tv-sonarr");
            assertEquals(item.title(), torrent(hash(item)).path("name").asText());
        }
    }

    /** clients.md §7 item 38: where Sonarr imports from, and that it is there. */
    @Test
    public void aCompletedTorrentsContentIsAVideoFileInsideItsSavePath() throws Exception {
        JsonNode done = completed(item("S01E02.GerSub"));
        String savePath = done.path("save_path").asText();
        String contentPath = done.path("content_path").asText();
        assertNotEquals(savePath, contentPath);
        assertTrue(contentPath, contentPath.startsWith("/") && !contentPath.contains("\\"));
        assertTrue(contentPath + " inside " + savePath, Path.of(contentPath).startsWith(Path.of(savePath)));
        assertTrue(contentPath, Files.isRegularFile(Path.of(contentPath)));
        assertTrue(contentPath, contentPath.matches(".*\\.(mp4|mkv)$"));
        assertArrayEquals(FakeMp4Host.content("aot0102desub"), Files.readAllBytes(Path.of(contentPath)));
    }

    /**
     * clients.md §7 item 39. Catalogarr keeps a category's savePath relative to the default save path,
     * which is how Sonarr reads a relative one: joined onto preferences {@code save_path}.
     */
    @Test
    public void theSavePathIsTheCategorysOrTheDefault() throws Exception {
        removeCategories(List.of("tv-custom"));
        assertEquals(200, qbit.post("torrents/createCategory", Map.of("category", "tv-custom", "savePath", "custom"))
                .statusCode());
        Path defaultSavePath = Path.of(qbit.json("app/preferences").path("save_path").asText());
        String categorySavePath = qbit.json("torrents/categories").path("tv-custom").path("savePath").asText();
        String custom = addStopped(item("S01E01.German"), "tv-custom");
        String none = addStopped(item("S01E03.German"), "");
        assertEquals(defaultSavePath.resolve(categorySavePath).toString(), torrent(custom).path("save_path").asText());
        assertEquals(defaultSavePath.toString(), torrent(none).path("save_path").asText());
    }

    /**
     * clients.md §7 item 40, through the global share limit: a finished torrent is paused, on the global
     * limit ({@code ratio_limit} -2), and the global limit is ratio 0 with the action "pause".
     */
    @Test
    public void aCompletedTorrentHasMetTheGlobalShareLimit() throws Exception {
        JsonNode done = completed(item("S01E01.German"));
        JsonNode p = qbit.json("app/preferences");
        assertTrue(p.path("max_ratio_enabled").booleanValue());
        assertEquals(0, p.path("max_ratio").doubleValue(), 0);
        assertEquals(0, p.path("max_ratio_act").intValue());
        assertEquals("pausedUP", done.path("state").asText());
        assertEquals(-2, done.path("ratio_limit").doubleValue(), 0);
        assertTrue(done.toString(), done.path("ratio").doubleValue() >= p.path("max_ratio").doubleValue() - 0.001);
    }

    /** clients.md §7 items 41 and 42: what Sonarr reads on the older-API import path. */
    @Test
    public void propertiesAndFilesDescribeACompletedTorrent() throws Exception {
        JsonNode done = completed(item("S01E01.German"));
        String hash = done.path("hash").asText();
        JsonNode properties = qbit.json("torrents/properties?hash=" + hash);
        assertTrue(properties.toString(), properties.path("save_path").isTextual());
        assertEquals(done.path("save_path").asText(), properties.path("save_path").asText());
        assertTrue(properties.toString(), properties.path("seeding_time").isIntegralNumber());
        assertEquals(404, qbit.get("torrents/properties?hash=" + "0".repeat(40)).statusCode());

        JsonNode files = qbit.json("torrents/files?hash=" + hash);
        assertTrue(files.toString(), files.isArray() && files.size() > 0);
        for (JsonNode file : files) {
            for (String integer : List.of("index", "size", "priority")) {
                assertTrue(integer + ": " + file, file.path(integer).isIntegralNumber());
            }
            assertTrue(file.toString(), file.path("progress").isNumber());
            String name = file.path("name").asText();
            assertTrue(file.toString(), file.path("name").isTextual() && !name.startsWith("/") && !name.contains("\\"));
        }
        String firstSegment = files.get(0).path("name").asText().split("/")[0];
        assertEquals(done.path("content_path").asText(), done.path("save_path").asText() + "/" + firstSegment);
    }

    // ---------------------------------------------------------------- other mutations

    /** clients.md §7 item 43: Sonarr omits deleteFiles when the data is to stay. */
    @Test
    public void deleteWithoutDeleteFilesKeepsTheFile() throws Exception {
        JsonNode done = completed(item("S01E01.German"));
        String hash = done.path("hash").asText();
        assertEquals(200, qbit.post("torrents/delete", Map.of("hashes", hash)).statusCode());
        assertEquals(0, torrents("").size());
        assertTrue(Files.isRegularFile(Path.of(done.path("content_path").asText())));
    }

    /** clients.md §7 item 44. */
    @Test
    public void deleteWithDeleteFilesRemovesTheFile() throws Exception {
        JsonNode done = completed(item("S01E01.German"));
        String hash = done.path("hash").asText();
        assertEquals(200, qbit.post("torrents/delete", Map.of("hashes", hash, "deleteFiles", "true")).statusCode());
        assertEquals(0, torrents("").size());
        assertFalse(Files.exists(Path.of(done.path("content_path").asText())));
    }

    /** clients.md §7 item 45. */
    @Test
    public void deletingAnUnknownHashIsFine() throws Exception {
        assertEquals(200, qbit.post("torrents/delete", Map.of("hashes", "0".repeat(40), "deleteFiles", "true"))
                .statusCode());
    }

    /** clients.md §7 item 46. */
    @Test
    public void setShareLimitsIsShown() throws Exception {
        String hash = addStopped(item("S01E01.German"), "tv-sonarr");
        assertEquals(200, qbit.post("torrents/setShareLimits", Map.of("hashes", hash, "ratioLimit", "2",
                "seedingTimeLimit", "-2")).statusCode());
        JsonNode torrent = torrent(hash);
        assertEquals(2, torrent.path("ratio_limit").doubleValue(), 0);
        assertEquals(-2, torrent.path("seeding_time_limit").longValue());
    }

    /** clients.md §7 item 47: queueing is on, so topPrio works and moves the torrent to the front. */
    @Test
    public void topPrioMovesATorrentToTheFrontOfTheQueue() throws Exception {
        assertTrue(qbit.json("app/preferences").path("queueing_enabled").booleanValue());
        String first = addStopped(item("S01E01.German"), "tv-sonarr");
        String second = addStopped(item("S01E02.GerSub"), "tv-sonarr");
        String third = addStopped(item("S01E03.German"), "tv-sonarr");
        assertEquals(List.of(1, 2, 3), priorities(first, second, third));
        assertEquals(200, qbit.post("torrents/topPrio", Map.of("hashes", third)).statusCode());
        assertEquals(List.of(2, 3, 1), priorities(first, second, third));
    }

    private static List<Integer> priorities(String... hashes) throws Exception {
        List<Integer> priorities = new ArrayList<>();
        for (String hash : hashes) {
            priorities.add(torrent(hash).path("priority").intValue());
        }
        return priorities;
    }

    /** clients.md §7 item 48, on a download kept running by a slow hoster. */
    @Test
    public void setForceStartForcesARunningDownload() throws Exception {
        slowHoster(Duration.ofSeconds(20));
        Item item = item("S01E01.German");
        assertEquals("Ok.", qbit.post("torrents/add", Map.of("urls", magnet(item), "stopped", "False")).body());
        awaitTorrent(hash(item), t -> "downloading".equals(t.path("state").asText()));
        assertEquals(200, qbit.post("torrents/setForceStart", Map.of("hashes", hash(item), "value", "true"))
                .statusCode());
        JsonNode forced = torrent(hash(item));
        assertEquals(forced.toString(), "forcedDL", forced.path("state").asText());
        assertTrue(forced.toString(), forced.path("force_start").booleanValue());
    }

    /** clients.md §7 item 49. */
    @Test
    public void addTagsShowsTheTags() throws Exception {
        String hash = addStopped(item("S01E01.German"), "tv-sonarr");
        assertEquals(200, qbit.post("torrents/addTags", Map.of("hashes", hash, "tags", "a,b")).statusCode());
        List<String> tags = List.of(torrent(hash).path("tags").asText().split(",\\s*"));
        assertTrue(tags.toString(), tags.containsAll(List.of("a", "b")));
    }

    /** clients.md §7 item 50: a GET on a POST-only method is 405 and does nothing. */
    @Test
    public void getOnAPostOnlyMethodIs405AndChangesNothing() throws Exception {
        String hash = addStopped(item("S01E01.German"), "tv-sonarr");
        JsonNode before = torrent(hash);
        for (String method : List.of("torrents/delete?deleteFiles=true&hashes=" + hash,
                "torrents/setCategory?category=&hashes=" + hash, "torrents/addTags?tags=z&hashes=" + hash,
                "torrents/setShareLimits?ratioLimit=3&seedingTimeLimit=1&hashes=" + hash,
                "torrents/topPrio?hashes=" + hash, "torrents/setForceStart?value=true&hashes=" + hash,
                "torrents/resume?hashes=" + hash, "torrents/createCategory?category=tv-by-get",
                "torrents/add?urls=" + URLEncoder.encode(magnet(item("S01E03.German")), StandardCharsets.UTF_8))) {
            assertEquals(method, 405, qbit.get(method).statusCode());
        }
        assertEquals(List.of(hash), hashes(torrents("")));
        JsonNode after = torrent(hash);
        for (String field : List.of("category", "tags", "ratio_limit", "seeding_time_limit", "state", "force_start")) {
            assertEquals(field, before.path(field), after.path(field));
        }
        assertFalse(qbit.json("torrents/categories").has("tv-by-get"));
    }

    /**
     * clients.md §7 item 51, in a session of its own: a full update, then a delta with only the torrent
     * that changed and only its changed fields, then the removal, and a full update for a stale rid.
     */
    @Test
    public void mainDataSendsDeltasPerSession() throws Exception {
        QbitClient client = loggedIn();
        String waiting = addStopped(item("S01E03.German"), "tv-sonarr");
        slowHoster(Duration.ofSeconds(3));
        Item running = item("S01E01.German");
        String changing = hash(running);
        assertEquals("Ok.", client.post("torrents/add", Map.of("urls", magnet(running), "category", "tv-sonarr"))
                .body());
        awaitTorrent(changing, t -> "downloading".equals(t.path("state").asText()));

        JsonNode full = client.json("sync/maindata?rid=0");
        assertTrue(full.toString(), full.path("full_update").booleanValue());
        long rid = full.path("rid").longValue();
        assertTrue(full.toString(), full.path("rid").isIntegralNumber() && rid > 0);
        assertEquals(Set.of(waiting, changing), Set.copyOf(list(full.path("torrents").fieldNames())));
        assertTrue(full.toString(), full.path("torrents").path(changing).path("progress").doubleValue() < 1);

        awaitTorrent(changing, t -> t.path("progress").doubleValue() == 1.0);
        JsonNode delta = client.json("sync/maindata?rid=" + rid);
        assertFalse(delta.toString(), delta.path("full_update").booleanValue());
        assertTrue(delta.toString(), delta.path("rid").longValue() > rid);
        assertEquals(delta.toString(), List.of(changing), list(delta.path("torrents").fieldNames()));
        JsonNode changed = delta.path("torrents").path(changing);
        assertEquals(delta.toString(), 1.0, changed.path("progress").doubleValue(), 0);
        assertEquals(delta.toString(), "pausedUP", changed.path("state").asText());
        for (String unchanged : List.of("name", "category", "save_path", "added_on", "ratio_limit")) {
            assertFalse(unchanged + " did not change: " + delta, changed.has(unchanged));
        }
        assertFalse("only changed server_state keys: " + delta, delta.path("server_state").has("connection_status"));

        assertEquals(200, client.post("torrents/delete", Map.of("hashes", changing)).statusCode());
        JsonNode removal = client.json("sync/maindata?rid=" + delta.path("rid").longValue());
        assertFalse(removal.toString(), removal.path("full_update").booleanValue());
        assertEquals(removal.toString(), List.of(changing), list(removal.path("torrents_removed").elements())
                .stream().map(JsonNode::asText).toList());
        assertFalse(removal.toString(), removal.path("torrents").has(waiting));

        JsonNode stale = client.json("sync/maindata?rid=" + rid);
        assertTrue(stale.toString(), stale.path("full_update").booleanValue());
        assertEquals(Set.of(waiting), Set.copyOf(list(stale.path("torrents").fieldNames())));
    }

    // ---------------------------------------------------------------- end-to-end identity

    /** clients.md §7 item 76: the hash Sonarr computes from the magnet is the torrent's hash. */
    @Test
    public void everyFeedMagnetBecomesATorrentWithTheItemsInfohash() throws Exception {
        for (Item item : feed) {
            String infohash = item.attr("infohash");
            assertNotNull(item.title(), infohash);
            assertEquals("Ok.", qbit.post("torrents/add", Map.of("urls", magnet(item), "stopped", "True")).body());
            assertEquals(item.title(), infohash.toLowerCase(), torrent(infohash.toUpperCase()).path("hash").asText());
        }
        assertEquals(feed.size(), torrents("").size());
    }

    /** clients.md §7 item 77: grab, add, poll, and the episode's video is where content_path says. */
    @Test
    public void aGrabbedEpisodeArrivesAsItsVideoFile() throws Exception {
        JsonNode done = completed(item("S01E01.German"));
        Path file = Path.of(done.path("content_path").asText());
        assertTrue(file.toString(), file.getFileName().toString().matches("Attack\\.on\\.Titan\\.S01E01\\..*\\.mp4"));
        assertArrayEquals(FakeMp4Host.content("aot0101de"), Files.readAllBytes(file));
    }

    /**
     * clients.md §7 item 78: after the import Sonarr moves the torrent to its post-import category, then
     * deletes it with or without its files.
     */
    @Test
    public void afterImportTheTorrentLeavesTheSonarrCategory() throws Exception {
        ensureCategory("tv-imported");
        JsonNode kept = completed(item("S01E01.German"));
        JsonNode removed = completed(item("S01E03.German"));
        for (JsonNode torrent : List.of(kept, removed)) {
            assertEquals(200, qbit.post("torrents/setCategory", Map.of("hashes", torrent.path("hash").asText(),
                    "category", "tv-imported")).statusCode());
        }
        assertEquals("[]", qbit.get("torrents/info?category=tv-sonarr").body().strip());
        assertEquals(2, torrents("?category=tv-imported").size());
        assertEquals(200, qbit.post("torrents/delete", Map.of("hashes", kept.path("hash").asText())).statusCode());
        assertEquals(200, qbit.post("torrents/delete", Map.of("hashes", removed.path("hash").asText(),
                "deleteFiles", "true")).statusCode());
        assertEquals(0, torrents("").size());
        assertTrue(Files.isRegularFile(Path.of(kept.path("content_path").asText())));
        assertFalse(Files.exists(Path.of(removed.path("content_path").asText())));
    }

    // ---------------------------------------------------------------- helpers

    /** The season-1 feed item whose title has this episode and language, e.g. {@code S01E02.GerSub}. */
    private static Item item(String episodeAndLanguage) {
        return feed.stream().filter(i -> i.title().contains("." + episodeAndLanguage + "."))
                .findFirst().orElseThrow(() -> new AssertionError("no " + episodeAndLanguage + " in the feed"));
    }

    private static String magnet(Item item) {
        return item.attr("magneturl");
    }

    private static String hash(Item item) {
        return item.attr("infohash").toLowerCase();
    }

    /** RFC 4648 base32 of a hex hash, as some clients write a btih. */
    private static String base32(String hex) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        StringBuilder out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : HexFormat.of().parseHex(hex)) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(alphabet.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        return out.toString();
    }

    /** Adds the item stopped, so it stays as it is; returns its hash. */
    private static String addStopped(Item item, String category) throws Exception {
        assertEquals("Ok.", qbit.post("torrents/add", Map.of("urls", magnet(item), "category", category,
                "stopped", "True")).body());
        return hash(item);
    }

    /** Adds the item as Sonarr does and waits until it is complete. */
    private static JsonNode completed(Item item) throws Exception {
        assertEquals("Ok.", qbit.post("torrents/add", Map.of("urls", magnet(item), "category", "tv-sonarr",
                "stopped", "False")).body());
        return awaitTorrent(hash(item), t -> t.path("progress").doubleValue() == 1.0
                && COMPLETED.contains(t.path("state").asText()));
    }

    private static JsonNode awaitTorrent(String hash, Predicate<JsonNode> condition) throws Exception {
        return qbit.awaitTorrent(hash, t -> knownState(t) && condition.test(t), DOWNLOAD_TIMEOUT);
    }

    /** The torrent with this hash, which must be listed. */
    private static JsonNode torrent(String hash) throws Exception {
        JsonNode torrent = qbit.torrent(hash).orElseThrow(() -> new AssertionError(hash + " is not listed"));
        knownState(torrent);
        return torrent;
    }

    /** {@code torrents/info} with the query; every answer is checked for item 33's state names. */
    private static List<JsonNode> torrents(String query) throws Exception {
        JsonNode answer = qbit.json("torrents/info" + query);
        assertTrue(answer.toString(), answer.isArray());
        List<JsonNode> torrents = list(answer.elements());
        torrents.forEach(QbitChecklistIT::knownState);
        return torrents;
    }

    private static boolean knownState(JsonNode torrent) {
        assertTrue("a state of clients.md §6: " + torrent, STATES.contains(torrent.path("state").asText()));
        return true;
    }

    private static List<String> hashes(List<JsonNode> torrents) {
        return torrents.stream().map(t -> t.path("hash").asText()).toList();
    }

    private static void ensureCategory(String name) throws Exception {
        if (!qbit.json("torrents/categories").has(name)) {
            assertEquals(200, qbit.post("torrents/createCategory", Map.of("category", name)).statusCode());
        }
    }

    private static void removeCategories(List<String> names) throws Exception {
        assertEquals(200, qbit.post("torrents/removeCategories", Map.of("categories", String.join("\n", names)))
                .statusCode());
    }

    /** Makes the hoster answer every request this late, so that downloads can be seen running. */
    private static void slowHoster(Duration delay) {
        FakeCatalogues.mp4host().slowDelayMillis(delay.toMillis());
        FakeCatalogues.mp4host().scenario(FakeSite.Scenario.SLOW);
    }

    private static <T> List<T> list(Iterator<T> iterator) {
        Iterable<T> all = () -> iterator;
        return StreamSupport.stream(all.spliterator(), false).toList();
    }
}
