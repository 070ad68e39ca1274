package org.catalogarr.launcher;

import static org.catalogarr.launcher.AdminApiClient.site;
import static org.catalogarr.launcher.Http.catalogue;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;

import org.catalogarr.launcher.AdminApiClient.Answer;
import org.catalogarr.testkit.FakeSite;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Black-box: every call of the admin REST API against the started distribution and the fake sites, as a
 * script or the console's pages use it: answers, validation errors with their fields, 409s, and refusals
 * of unauthenticated and cross-site calls. One installation serves all tests; each leaves it as it found it.
 */
public class AdminApiIT {

    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration CHANGE = Duration.ofSeconds(20);
    private static final String STO_FILE = "org.catalogarr.site.sto.cfg";
    private static final String ANIWORLD_FILE = "org.catalogarr.site.aniworld.cfg";

    @ClassRule
    public static TemporaryFolder temp = new TemporaryFolder();

    private static Installation installation;
    private static Http http;
    private static AdminApiClient api;
    private static String password;

    @BeforeClass
    public static void start() throws Exception {
        installation = new Installation(temp.getRoot().toPath());
        http = installation.http;
        FakeCatalogues.startAndConfigure(installation.home.resolve("config"), installation.config, true);
        installation.start();
        http.awaitHealth(h -> "ok".equals(h.path("status").asText()) && catalogue(h, "sto").path("enabled").asBoolean()
                && catalogue(h, "aniworld").path("index").path("titles").asInt() > 0
                && catalogue(h, "sto").path("index").path("titles").asInt() > 0, START);
        password = installation.awaitAdminPassword(CHANGE);
        api = new AdminApiClient(installation.port, "admin", password);
        await("the API is registered", () -> api.get("/overview"), a -> a.status() == 200);
    }

    @AfterClass
    public static void stop() throws InterruptedException {
        FakeCatalogues.site("sto").scenario(FakeSite.Scenario.NORMAL);
        FakeCatalogues.mp4host().scenario(FakeSite.Scenario.NORMAL);
        if (installation != null) {
            installation.close();
        }
    }

    @Test
    public void refusesCallsWithoutLoginOrFromAnotherSite() throws Exception {
        Answer anonymous = api.send("GET", "/catalogues", null, Map.of("Authorization", ""));
        assertEquals(401, anonymous.status());
        assertFalse(anonymous.json().path("error").asText().isBlank());
        assertTrue(anonymous.response().headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
        assertTrue(anonymous.response().headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        Answer wrong = new AdminApiClient(installation.port, "admin", password + "x").get("/catalogues");
        assertEquals(401, wrong.status());
        assertEquals("Wrong user name or password.", wrong.json().path("error").asText());
        assertEquals(401, api.send("POST", "/catalogues/sto/disable", null, Map.of("Authorization", "")).status());

        Answer foreign = api.send("POST", "/catalogues/sto/disable", null, Map.of("Origin", "http://evil.example"));
        assertEquals(403, foreign.status());
        assertTrue(foreign.json().path("error").asText(), foreign.json().path("error").asText().contains("another site"));
        Answer pageless = api.send("DELETE", "/jobs/" + "0".repeat(40), null, Map.of("Origin", ""));
        assertEquals(403, pageless.status());
        assertTrue(pageless.json().path("error").asText(), pageless.json().path("error").asText().contains("Origin"));
        assertTrue("nothing changed", site(api.get("/catalogues").json(), "sto").path("enabled").asBoolean());

        Answer unknown = api.get("/nothing-here");
        assertEquals(404, unknown.status());
        assertFalse(unknown.json().path("error").asText().isBlank());
        assertEquals(405, api.put("/catalogues", "{}").status());
        assertEquals(405, api.get("/catalogues/sto/enable").status());
    }

    @Test
    public void theOverviewNamesWhatToEnterInSonarr() throws Exception {
        Answer overview = api.get("/overview");

        assertEquals(200, overview.status());
        assertEquals("application/json; charset=utf-8", overview.response().headers().firstValue("Content-Type")
                .orElse("").toLowerCase().replace(";charset", "; charset"));
        JsonNode json = overview.json();
        assertEquals("http://127.0.0.1:" + installation.port + "/torznab/api", json.path("torznab").path("url").asText());
        assertTrue(json.path("torznab").has("apikey"));
        assertEquals("127.0.0.1", json.path("qbittorrent").path("host").asText());
        assertEquals(installation.port, json.path("qbittorrent").path("port").asInt());
        assertEquals("admin", json.path("qbittorrent").path("username").asText());
        assertTrue(json.toString(), json.path("health").path("problems").isArray());
        assertFalse(json.path("version").asText().isBlank());
    }

    @Test
    public void listsReordersAndTogglesCatalogues() throws Exception {
        search("Attack on Titan");
        JsonNode list = api.get("/catalogues").json();
        assertEquals("aniworld", list.get(0).path("id").asText());
        JsonNode aniworld = site(list, "aniworld");
        assertEquals(1, aniworld.path("priority").asInt());
        assertEquals("ok", aniworld.path("state").asText());
        assertTrue(aniworld.toString(), aniworld.path("indexTitles").asInt() > 0);
        assertTrue(aniworld.toString(), aniworld.path("indexAgeSeconds").asLong(-1) >= 0);
        assertTrue(aniworld.toString(), Instant.parse(aniworld.path("lastSearchAt").asText()).isAfter(Instant.now()
                .minusSeconds(60)));
        assertTrue(aniworld.toString(), aniworld.path("lastLatencyMs").isNumber());
        assertTrue(aniworld.path("lastError").isNull() && aniworld.path("blockedUntil").isNull());
        assertEquals(0, aniworld.path("problems").size());

        Answer first = api.post("/catalogues/aniworld/priority", "{\"move\":\"up\"}");
        assertEquals(409, first.status());
        assertTrue(first.json().toString(), first.json().path("error").asText().contains("already searched first"));
        Answer last = api.post("/catalogues/sto/priority", "{\"move\":\"down\"}");
        assertEquals(409, last.status());
        Answer sideways = api.post("/catalogues/sto/priority", "{\"move\":\"sideways\"}");
        assertEquals(400, sideways.status());
        assertTrue(sideways.json().path("fields").has("move"));
        Answer words = api.post("/catalogues/sto/priority", "{\"priority\":\"two\"}");
        assertEquals(400, words.status());
        assertTrue(words.json().path("fields").has("priority"));
        assertEquals(400, api.post("/catalogues/sto/priority", "{\"priority\":0}").status());
        assertEquals(400, api.post("/catalogues/sto/priority", "not json").status());
        Answer taken = api.post("/catalogues/sto/priority", "{\"priority\":1}");
        assertEquals(409, taken.status());
        assertTrue(taken.json().path("error").asText().contains("aniworld"));

        // Each change is awaited in the files: an edit right after another's write-back may be undone (README).
        Answer up = api.post("/catalogues/sto/priority", "{\"move\":\"up\"}");
        assertEquals(up.json().toString(), 200, up.status());
        assertEquals("sto", api.get("/catalogues").json().get(0).path("id").asText());
        awaitFile(ANIWORLD_FILE, "search_priority = 3\n");
        assertEquals(200, api.post("/catalogues/sto/priority", "{\"move\":\"down\"}").status());
        assertEquals("aniworld", api.get("/catalogues").json().get(0).path("id").asText());
        awaitFile(ANIWORLD_FILE, "search_priority = 1\n");
        Answer numbered = api.post("/catalogues/sto/priority", "{\"priority\":7}");
        assertEquals(200, numbered.status());
        assertEquals(7, numbered.json().path("priority").asInt());
        awaitFile(STO_FILE, "search_priority = 7\n");
        assertEquals(200, api.post("/catalogues/sto/priority", "{\"priority\":2}").status());
        awaitFile(STO_FILE, "search_priority = 2\n");

        Answer disabled = api.post("/catalogues/sto/disable", null);
        assertEquals(200, disabled.status());
        assertFalse(disabled.json().path("enabled").asBoolean());
        assertEquals("disabled", disabled.json().path("state").asText());
        awaitFile(STO_FILE, "enabled = false\n");
        FakeSite sto = FakeCatalogues.site("sto");
        sto.clearRequests();
        search("Catalogarr Admin Probe");
        assertEquals("a disabled site is left alone", "[]", sto.requests().toString());
        Answer enabled = api.post("/catalogues/sto/enable", null);
        assertEquals(200, enabled.status());
        assertTrue(enabled.json().path("enabled").asBoolean());
        awaitFile(STO_FILE, "enabled = true\n");
        assertEquals(404, api.post("/catalogues/kinox/enable", null).status());
        assertEquals(404, api.get("/catalogues/kinox").status());
    }

    @Test
    public void testsRefreshesAndReportsASiteThatCannotBeUsed() throws Exception {
        Answer test = api.post("/catalogues/aniworld/test", null);
        assertEquals(200, test.status());
        assertTrue(test.json().toString(), test.json().path("ok").asBoolean());
        assertTrue(test.json().path("titles").asInt() > 0);
        assertTrue(test.json().path("latencyMs").asLong(-1) >= 0);
        Answer refresh = api.post("/catalogues/aniworld/refresh-index", null);
        assertEquals(202, refresh.status());
        assertFalse(refresh.json().path("message").asText().isBlank());

        FakeSite sto = FakeCatalogues.site("sto");
        assertEquals(200, api.put("/catalogues/sto/settings", "{\"values\":{\"challenge_backoff_seconds\":3}}").status());
        awaitFile(STO_FILE, "challenge_backoff_seconds = 3\n");
        try {
            sto.scenario(FakeSite.Scenario.DDOS_GUARD);
            Answer blocked = api.post("/catalogues/sto/test", null);
            assertFalse(blocked.json().toString(), blocked.json().path("ok").asBoolean());
            assertTrue(blocked.json().toString(), blocked.json().path("message").asText().contains("challenge"));
            JsonNode row = site(api.get("/catalogues").json(), "sto");
            assertEquals(row.toString(), "blocked", row.path("state").asText());
            assertFalse(row.path("blockedUntil").isNull());
            JsonNode health = http.health();
            assertEquals(health.toString(), "degraded", health.path("status").asText());
            assertTrue(health.toString(), health.path("problems").toString().contains("challenge"));
            assertEquals("degraded", api.get("/overview").json().path("health").path("status").asText());

            sto.scenario(FakeSite.Scenario.LAYOUT_CHANGED);
            Thread.sleep(3_500);
            Answer broken = api.post("/catalogues/sto/test", null);
            assertFalse(broken.json().path("ok").asBoolean());
            assertEquals("failing", site(api.get("/catalogues").json(), "sto").path("state").asText());
            assertEquals("degraded", http.health().path("status").asText());
        } finally {
            sto.scenario(FakeSite.Scenario.NORMAL);
        }
        Answer again = api.post("/catalogues/sto/test", null);
        assertTrue(again.json().toString(), again.json().path("ok").asBoolean());
        assertEquals("ok", site(api.get("/catalogues").json(), "sto").path("state").asText());
        http.awaitHealth(h -> "ok".equals(h.path("status").asText()), CHANGE);
        assertEquals(200, api.put("/catalogues/sto/settings", "{\"values\":{\"challenge_backoff_seconds\":300}}").status());
        awaitFile(STO_FILE, "challenge_backoff_seconds = 300\n");
    }

    @Test
    public void settingsAreCheckedBeforeAnythingIsWritten() throws Exception {
        JsonNode form = api.get("/catalogues/sto/settings").json();
        assertEquals("org.catalogarr.site.sto", form.path("pid").asText());
        JsonNode priority = field(form, "search_priority");
        assertEquals("int", priority.path("type").asText());
        assertEquals(2, priority.path("value").asInt());
        assertFalse(priority.path("label").asText().isBlank());
        assertEquals("boolean", field(form, "enabled").path("type").asText());
        assertTrue(field(form, "enabled").path("value").asBoolean());

        String before = read(STO_FILE);
        Answer refused = api.put("/catalogues/sto/settings",
                "{\"values\":{\"search_priority\":-1,\"search_timeout_seconds\":\"abc\",\"display_name\":\"S\"}}");
        assertEquals(400, refused.status());
        JsonNode fields = refused.json().path("fields");
        assertTrue(fields.toString(), fields.path("search_priority").asText().contains("1 or more"));
        assertTrue(fields.toString(), fields.has("search_timeout_seconds"));
        assertFalse(fields.toString(), fields.has("display_name"));
        Answer clash = api.put("/catalogues/sto/settings", "{\"values\":{\"search_priority\":1}}");
        assertEquals(400, clash.status());
        assertTrue(clash.json().toString(), clash.json().path("fields").path("search_priority").asText()
                .contains("aniworld"));
        assertEquals(400, api.put("/catalogues/sto/settings", "{\"values\":{\"no_such\":1}}").status());
        assertEquals(400, api.put("/catalogues/sto/settings", "{\"values\":[1]}").status());
        Thread.sleep(1_500);
        assertEquals("nothing was written", before, read(STO_FILE));
        assertEquals(2, catalogue(http.health(), "sto").path("priority").asInt());

        Answer saved = api.put("/catalogues/sto/settings", "{\"values\":{\"search_timeout_seconds\":9}}");
        assertEquals(saved.json().toString(), 200, saved.status());
        assertEquals(9, field(saved.json(), "search_timeout_seconds").path("value").asInt());
        awaitFile(STO_FILE, "search_timeout_seconds = 9\n");
        http.awaitHealth(h -> catalogue(h, "sto").path("search_timeout_seconds").asInt() == 9, CHANGE);
        assertEquals(200, api.put("/catalogues/sto/settings", "{\"values\":{\"search_timeout_seconds\":10}}").status());
        awaitFile(STO_FILE, "search_timeout_seconds = 10\n");
    }

    @Test
    public void enablingASiteWhoseSettingsAreRefusedChangesNothing() throws Exception {
        assertEquals(200, api.post("/catalogues/sto/disable", null).status());
        awaitFile(STO_FILE, "enabled = false\n");
        Files.writeString(installation.config.resolve(STO_FILE), read(STO_FILE)
                .replace("search_priority = 2\n", "search_priority = -1\n"), StandardCharsets.UTF_8);
        http.awaitHealth(h -> catalogue(h, "sto").path("problems").size() > 0, CHANGE);
        try {
            Answer refused = api.post("/catalogues/sto/enable", null);
            assertEquals(409, refused.status());
            assertTrue(refused.json().toString(), refused.json().path("error").asText().contains("search_priority"));
            Thread.sleep(1_500);
            assertTrue(read(STO_FILE).contains("enabled = false\n"));
            assertFalse(catalogue(http.health(), "sto").path("enabled").asBoolean());
            assertEquals("invalid", site(api.get("/catalogues").json(), "sto").path("state").asText());
        } finally {
            Files.writeString(installation.config.resolve(STO_FILE), read(STO_FILE)
                    .replace("search_priority = -1\n", "search_priority = 2\n"), StandardCharsets.UTF_8);
            http.awaitHealth(h -> catalogue(h, "sto").path("problems").size() == 0, CHANGE);
        }
        assertEquals(200, api.post("/catalogues/sto/enable", null).status());
        http.awaitHealth(h -> catalogue(h, "sto").path("enabled").asBoolean(), CHANGE);
        awaitFile(STO_FILE, "enabled = true\n");
    }

    @Test
    public void jobsAreListedFilteredAndSteered() throws Exception {
        FakeCatalogues.mp4host().slowDelayMillis(20_000);
        FakeCatalogues.mp4host().scenario(FakeSite.Scenario.SLOW);
        QbitClient qbit = new QbitClient(http);
        String magnet = QbitFlowIT.germanMagnetFromTheFeed(http);
        String hash = magnet.replaceAll(".*btih:([0-9a-fA-F]{40}).*", "$1").toLowerCase();
        assertEquals("Ok.", qbit.post("torrents/add", Map.of("urls", magnet, "category", "")).body());

        JsonNode job = await("the job is listed", () -> api.get("/jobs"), a -> a.json().size() > 0).json().get(0);
        assertEquals(hash, job.path("hash").asText());
        assertEquals("aniworld", job.path("site").asText());
        assertTrue(job.toString(), Instant.parse(job.path("addedAt").asText()).isBefore(Instant.now().plusSeconds(1)));
        assertTrue(job.toString(), job.path("progress").isNumber() && job.path("size").isNumber()
                && job.path("downloaded").isNumber() && job.path("speed").isNumber());
        assertTrue(job.toString(), job.has("eta") && job.has("retryAt") && job.has("message"));
        assertEquals(400, api.get("/jobs?state=sleeping").status());
        assertEquals(0, api.get("/jobs?site=sto").json().size());
        assertEquals(1, api.get("/jobs?site=aniworld").json().size());
        assertEquals(0, api.get("/jobs?state=completed").json().size());

        Answer paused = api.post("/jobs/" + hash + "/pause", null);
        assertEquals(200, paused.status());
        assertEquals("paused", paused.json().path("state").asText());
        assertEquals(1, api.get("/jobs?state=paused").json().size());
        Answer notFailed = api.post("/jobs/" + hash + "/retry", null);
        assertEquals(409, notFailed.status());
        assertTrue(notFailed.json().path("error").asText().contains("paused"));
        Answer resumed = api.post("/jobs/" + hash + "/resume", null);
        assertEquals(200, resumed.status());
        assertNotEquals("paused", resumed.json().path("state").asText());
        assertEquals(404, api.post("/jobs/" + "0".repeat(40) + "/pause", null).status());

        assertEquals(400, api.delete("/jobs/" + hash + "?files=maybe").status());
        assertEquals(404, api.delete("/jobs/" + "0".repeat(40)).status());
        Answer deleted = api.delete("/jobs/" + hash + "?files=true");
        assertEquals(204, deleted.status());
        assertEquals("", deleted.response().body());
        assertEquals(0, api.get("/jobs").json().size());
        FakeCatalogues.mp4host().scenario(FakeSite.Scenario.NORMAL);
    }

    @Test
    public void theLogShowsRecentWarningsInWords() throws Exception {
        new AdminApiClient(installation.port, "admin", "not-the-password").get("/overview");

        Answer log = api.get("/log?limit=20");
        assertEquals(200, log.status());
        assertTrue(log.json().size() <= 20);
        JsonNode failed = null;
        for (JsonNode line : log.json()) {
            if (line.path("message").asText().startsWith("Failed admin console login from")) {
                failed = line;
                break;
            }
        }
        assertTrue(log.json().toString(), failed != null);
        assertEquals("WARN", failed.path("level").asText());
        assertEquals("ConsoleSecurityProvider", failed.path("logger").asText());
        assertTrue(Instant.parse(failed.path("at").asText()).isAfter(Instant.now().minusSeconds(60)));
        Instant newer = Instant.MAX;
        for (JsonNode line : log.json()) {
            Instant at = Instant.parse(line.path("at").asText());
            assertFalse("newest first: " + log.json(), at.isAfter(newer));
            newer = at;
        }
        assertEquals(1, api.get("/log?limit=1").json().size());
        assertEquals(400, api.get("/log?limit=0").status());
        assertEquals(400, api.get("/log?limit=many").status());
    }

    private static JsonNode field(JsonNode form, String name) {
        for (JsonNode field : form.path("fields")) {
            if (name.equals(field.path("name").asText())) {
                return field;
            }
        }
        throw new AssertionError("no field " + name + " in " + form);
    }

    private static void search(String query) throws Exception {
        assertEquals(200, http.get("/torznab/api?t=tvsearch&q=" + URLEncoder.encode(query, StandardCharsets.UTF_8)
                + "&season=1&ep=1").statusCode());
    }

    private static String read(String file) throws Exception {
        return Files.readString(installation.config.resolve(file), StandardCharsets.UTF_8);
    }

    private static void awaitFile(String file, String line) throws Exception {
        long deadline = System.nanoTime() + CHANGE.toNanos();
        while (!read(file).contains(line)) {
            assertTrue(file + " never got '" + line.strip() + "':\n" + read(file), System.nanoTime() < deadline);
            Thread.sleep(100);
        }
    }

    /** A call that can fail with an exception, for {@link #await}. */
    @FunctionalInterface
    private interface Call {
        Answer send() throws Exception;
    }

    private static Answer await(String what, Call call, Predicate<Answer> done) throws Exception {
        long deadline = System.nanoTime() + CHANGE.toNanos();
        Answer last = call.send();
        while (!done.test(last)) {
            assertTrue(what + "; last answer " + last.status() + " " + last.response().body(),
                    System.nanoTime() < deadline);
            Thread.sleep(200);
            last = call.send();
        }
        return last;
    }
}
