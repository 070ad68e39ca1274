package org.catalogarr.launcher;

import static org.catalogarr.launcher.Http.catalogue;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.catalogarr.testkit.FakeSite;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Black-box: the operator's Catalogarr pages in the admin console. Reorders and disables catalogues with
 * the page's forms and sees the change in /health, in the config files and in what a search asks, without
 * restart; pauses and deletes a download added through the qBittorrent API.
 */
public class ConsolePluginsIT {

    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration CHANGE = Duration.ofSeconds(20);
    private static final String CATALOGUES = "/system/console/catalogarr-catalogues";
    private static final String DOWNLOADS = "/system/console/catalogarr-downloads";
    private static final Pattern TOKEN = Pattern.compile("name=\"token\" value=\"([^\"]+)\"");

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private Installation installation;
    private Http http;
    private String password;

    @Before
    public void start() throws Exception {
        installation = new Installation(temp.getRoot().toPath());
        http = installation.http;
        FakeCatalogues.startAndConfigure(installation.home.resolve("config"), installation.config, true);
        installation.start();
        http.awaitHealth(h -> "ok".equals(h.path("status").asText()) && catalogue(h, "sto").path("enabled").asBoolean()
                && catalogue(h, "aniworld").path("index").path("titles").asInt() > 0, START);
        password = awaitPassword();
    }

    @After
    public void stop() throws InterruptedException {
        FakeCatalogues.mp4host().scenario(FakeSite.Scenario.NORMAL);
        installation.close();
    }

    @Test
    public void reordersAndDisablesCataloguesWithoutRestart() throws Exception {
        String page = awaitPage(CATALOGUES);
        assertTrue(page, page.contains("AniWorld") && page.contains("s.to") && page.contains(FakeCatalogues.baseUrl("sto")));
        String token = token(page);

        assertEquals("no token", 403, post(CATALOGUES, Map.of("action", "up", "site", "sto")).statusCode());
        assertEquals("unknown site", 404, post(CATALOGUES, Map.of("token", token, "action", "up", "site", "kinox")).statusCode());
        assertEquals("first already", 409, post(CATALOGUES, Map.of("token", token, "action", "up", "site", "aniworld")).statusCode());
        assertEquals("only POST changes", 200, http.get(CATALOGUES + "?action=up&site=sto&token=" + token, "admin",
                password).statusCode());
        assertEquals(1, catalogue(http.health(), "aniworld").path("priority").asInt());

        HttpResponse<String> moved = post(CATALOGUES, Map.of("token", token, "action", "up", "site", "sto"));
        assertEquals(303, moved.statusCode());
        assertEquals(CATALOGUES, moved.headers().firstValue("Location").orElse(""));
        // AniWorld, overtaken, moves behind s.to (2) to the next free priority; s.to's file is not touched.
        JsonNode reordered = http.awaitHealth(h -> catalogue(h, "sto").path("priority").asInt() == 2
                && catalogue(h, "aniworld").path("priority").asInt() == 3, CHANGE);
        assertEquals("no state in between was refused", "ok", reordered.path("status").asText());
        assertEquals("sto", reordered.path("catalogues").get(0).path("id").asText());
        awaitFile("org.catalogarr.site.aniworld.cfg", "search_priority = 3\n");
        assertTrue(read("org.catalogarr.site.sto.cfg").contains("search_priority = 2\n"));

        FakeSite sto = FakeCatalogues.site("sto");
        sto.clearRequests();
        search("Catalogarr Console Probe One");
        assertFalse("an enabled s.to is asked", sto.requests().isEmpty());

        assertEquals(303, post(CATALOGUES, Map.of("token", token, "action", "disable", "site", "sto")).statusCode());
        http.awaitHealth(h -> !catalogue(h, "sto").path("enabled").asBoolean(), CHANGE);
        awaitFile("org.catalogarr.site.sto.cfg", "enabled = false\n");
        assertTrue("comments of the file are kept", read("org.catalogarr.site.sto.cfg").startsWith("# s.to"));
        sto.clearRequests();
        search("Catalogarr Console Probe Two");
        assertEquals("a disabled s.to is left alone", "[]", sto.requests().toString());

        assertEquals(303, post(CATALOGUES, Map.of("token", token, "action", "enable", "site", "sto")).statusCode());
        JsonNode back = http.awaitHealth(h -> catalogue(h, "sto").path("enabled").asBoolean(), CHANGE);
        assertEquals("ok", back.path("status").asText());
        assertEquals("its own priority, still free", 2, catalogue(back, "sto").path("priority").asInt());
        assertEquals("sto", back.path("catalogues").get(0).path("id").asText());
    }

    @Test
    public void pausesAndDeletesADownload() throws Exception {
        FakeCatalogues.mp4host().slowDelayMillis(20_000);
        FakeCatalogues.mp4host().scenario(FakeSite.Scenario.SLOW);
        QbitClient qbit = new QbitClient(http);
        String magnet = QbitFlowIT.germanMagnetFromTheFeed(http);
        String hash = magnet.replaceAll(".*btih:([0-9a-fA-F]{40}).*", "$1").toLowerCase();
        assertEquals("Ok.", qbit.post("torrents/add", Map.of("urls", magnet)).body());
        JsonNode added = qbit.awaitTorrent(hash, t -> true, CHANGE);

        String page = awaitPage(DOWNLOADS);
        assertTrue(page, page.contains(added.path("name").asText()));
        assertTrue(page, page.contains("aniworld") && page.contains("german-dub"));
        String token = token(page);

        assertEquals(404, post(DOWNLOADS, Map.of("token", token, "action", "pause", "hash", "0".repeat(40))).statusCode());
        assertEquals(303, post(DOWNLOADS, Map.of("token", token, "action", "pause", "hash", hash)).statusCode());
        qbit.awaitTorrent(hash, t -> "pausedDL".equals(t.path("state").asText()), CHANGE);
        assertTrue(awaitPage(DOWNLOADS).contains("<td>paused</td>"));

        assertEquals(303, post(DOWNLOADS, Map.of("token", token, "action", "delete-files", "hash", hash)).statusCode());
        assertEquals("[]", qbit.get("torrents/info?hashes=" + hash).body().strip());
    }

    private void search(String query) throws Exception {
        HttpResponse<String> feed = http.get("/torznab/api?t=search&q=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
        assertEquals(feed.body(), 200, feed.statusCode());
    }

    private HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
        return http.postForm(path, "admin", password, new LinkedHashMap<>(form));
    }

    private static String token(String page) {
        Matcher token = TOKEN.matcher(page);
        assertTrue(page, token.find());
        return token.group(1);
    }

    private String awaitPassword() throws Exception {
        Path file = installation.data.resolve("admin-password");
        long deadline = System.nanoTime() + CHANGE.toNanos();
        while (!Files.exists(file) || Files.size(file) == 0) {
            assertTrue("the console's password was generated", System.nanoTime() < deadline);
            Thread.sleep(100);
        }
        return Files.readString(file, StandardCharsets.UTF_8).strip();
    }

    /** The plugin pages register a moment after /health answers; wait until one does. */
    private String awaitPage(String path) throws Exception {
        long deadline = System.nanoTime() + CHANGE.toNanos();
        HttpResponse<String> answer;
        while ((answer = http.get(path, "admin", password)).statusCode() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(answer.body(), 200, answer.statusCode());
        return answer.body();
    }

    private String read(String file) throws Exception {
        return Files.readString(installation.config.resolve(file), StandardCharsets.UTF_8);
    }

    private void awaitFile(String file, String line) throws Exception {
        long deadline = System.nanoTime() + CHANGE.toNanos();
        while (!read(file).contains(line)) {
            assertTrue(file + " never got '" + line.strip() + "':\n" + read(file), System.nanoTime() < deadline);
            Thread.sleep(100);
        }
    }
}
