package org.catalogarr.launcher;

import static org.catalogarr.launcher.Http.catalogue;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.catalogarr.testkit.FakeSite;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runners.MethodSorters;
/**
 * Black-box, in a browser: the console as an operator uses it, in headless Chromium driven by playwright-core
 * ({@code src/test/browser/console.js}, one step per test). Logs in, copies the Torznab URL and key from the
 * dashboard and searches with them, enables s.to and finds s.to items, is refused an invalid priority at the
 * form's field (and in OSGi → Configuration) with the file unchanged, watches a download's bar reach 100 % and
 * deletes it with its files after confirming. Screenshots are kept in {@code target/browser-screenshots}.
 * The steps build on each other (s.to is enabled before it is searched), hence the fixed order.
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class ConsoleBrowserIT {

    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration CHANGE = Duration.ofSeconds(30);
    private static final Duration STEP = Duration.ofSeconds(180);
    private static final String STO_FILE = "org.catalogarr.site.sto.cfg";
    private static final String API_KEY = "console-browser-key";

    @ClassRule
    public static TemporaryFolder temp = new TemporaryFolder();

    private static Installation installation;
    private static Http http;
    private static String password;
    private static Path script;
    private static Path playwright;
    private static String chromium;
    private static Path screenshots;

    @BeforeClass
    public static void start() throws Exception {
        chromium = Stream.of("/usr/bin/chromium", "/usr/bin/chromium-browser").filter(p -> new File(p).canExecute())
                .findFirst().orElse(null);
        assumeTrue("Chromium is missing (Debian package 'chromium', installed by src/test/tools/install-test-tools)",
                chromium != null);
        assumeTrue("node is missing (Debian package 'nodejs'); the console's browser tests need it", onPath("node"));
        String tools = System.getProperty("catalogarr.test.tools", "target/test-tools");
        playwright = Path.of(tools, "node_modules").toAbsolutePath();
        assumeTrue("playwright-core is missing from " + playwright + " (npm; installed by src/test/tools/install-test-tools)",
                Files.isDirectory(playwright.resolve("playwright-core")));
        script = Path.of("src/test/browser/console.js").toAbsolutePath();
        screenshots = Path.of("target/browser-screenshots").toAbsolutePath();
        Files.createDirectories(screenshots);

        installation = new Installation(temp.getRoot().toPath());
        http = installation.http;
        FakeCatalogues.startAndConfigure(installation.home.resolve("config"), installation.config, false);
        Files.writeString(installation.config.resolve("org.catalogarr.torznab.cfg"), "api_key = " + API_KEY + "\n");
        // Every search asks the sites: a search before s.to is enabled must not answer the one after it.
        Files.writeString(installation.config.resolve("org.catalogarr.search.cfg"), "result_cache_seconds = 0\n");
        installation.start();
        http.awaitHealth(h -> catalogue(h, "aniworld").path("index").path("titles").asInt() > 0, START);
        password = installation.awaitAdminPassword(CHANGE);
    }

    @AfterClass
    public static void stop() throws InterruptedException {
        if (installation != null) {
            installation.close();
        }
    }

    @Test
    public void step1LogsInAndLandsOnTheDashboard() throws Exception {
        Map<String, String> result = browser("login", Map.of());
        assertEquals("no login, no console", "401", result.get("anonymous-status"));
        assertEquals("no login, no API", "401", result.get("anonymous-api-status"));
        assertEquals("/system/console/dashboard", result.get("landed"));
        String menu = result.get("menu");
        assertTrue("Catalogarr's pages come first in the menu: " + menu,
                menu.indexOf("Catalogarr") >= 0 && menu.indexOf("Catalogarr") < menu.indexOf("OSGi"));
        assertFalse(result.toString(), result.containsKey("page-error"));
        assertTrue("the log page lists the service's warnings: " + result,
                result.get("log-first").contains("WARN") || result.get("log-first").contains("ERROR"));
    }

    @Test
    public void step1ReadsEveryPageOnAPhone() throws Exception {
        Map<String, String> result = browser("phone", Map.of());
        for (String page : new String[] {"catalogues", "downloads", "dashboard"}) {
            assertEquals(page + " fits the screen: " + result, "0", result.get(page + "-overflow"));
        }
        assertEquals("rows are cards: " + result, "none", result.get("downloads-header"));
        assertEquals("none", result.get("catalogues-header"));
    }

    @Test
    public void step2CopiesTheTorznabUrlAndKeyAndSearchesWithThem() throws Exception {
        Map<String, String> result = browser("copyTorznab", Map.of());
        assertEquals("http://127.0.0.1:" + installation.port + "/torznab/api", result.get("torznab-url"));
        assertTrue(result.toString(), result.get("feedback").contains("Torznab URL copied"));
        String key = result.get("apikey");
        assertEquals(API_KEY, key);
        assertFalse("the key is hidden until asked for", result.get("apikey-shown").contains(key));

        HttpResponse<String> feed = http.get(result.get("torznab-url").replaceFirst("^http://[^/]+", "")
                + "?t=tvsearch&season=1&ep=1&q=" + URLEncoder.encode("Attack on Titan", StandardCharsets.UTF_8) + "&apikey="
                + URLEncoder.encode(key, StandardCharsets.UTF_8));
        assertEquals(feed.body(), 200, feed.statusCode());
        assertTrue(feed.body(), feed.body().contains("<item>"));
    }

    @Test
    public void step3EnablesStoAndATorznabSearchReturnsItsItems() throws Exception {
        assertFalse("s.to starts disabled", catalogue(http.health(), "sto").path("enabled").asBoolean());
        assertFalse("no s.to items while it is disabled", stoSearch().contains("<catalogarr:site id=\"sto\">"));
        Map<String, String> result = browser("enableSto", Map.of());
        assertTrue(result.toString(), result.get("feedback").contains("enabled"));
        assertTrue("an enabled site can be disabled: " + result, result.get("sto-buttons").contains("Disable"));
        assertFalse("no Up on the first row: " + result, result.get("first-row-buttons").contains("Up"));

        http.awaitHealth(h -> catalogue(h, "sto").path("enabled").asBoolean()
                && catalogue(h, "sto").path("index").path("titles").asInt() > 0, CHANGE);
        assertTrue(read(STO_FILE), read(STO_FILE).contains("enabled = true\n"));
        String feed = stoSearch();
        assertTrue("s.to's items are in the feed: " + feed, feed.contains("<catalogarr:site id=\"sto\">"));
    }

    @Test
    public void step4RefusesAnInvalidPriorityAtTheFieldAndLeavesTheFileAlone() throws Exception {
        String before = read(STO_FILE);
        Map<String, String> result = browser("invalidPriority", Map.of());
        assertTrue(result.toString(), result.get("field-error").contains("1"));
        assertEquals("true", result.get("field-invalid"));
        Thread.sleep(2000); // the file watcher's and the writer's pace; a write would have come by now
        assertEquals("nothing written", before, read(STO_FILE));

        Map<String, String> console = browser("invalidPriorityInConfiguration", Map.of());
        assertTrue(console.toString(), console.get("alert").contains("search_priority"));
        Thread.sleep(2000);
        assertEquals("nothing written from OSGi → Configuration either", before, read(STO_FILE));
        assertTrue(catalogue(http.health(), "sto").path("problems").isEmpty());
    }

    @Test
    public void step5WatchesADownloadCompleteAndDeletesItWithItsFilesAfterConfirming() throws Exception {
        QbitClient qbit = new QbitClient(http);
        String magnet = germanMagnet(1);
        String hash = magnet.replaceAll(".*btih:([0-9a-fA-F]{40}).*", "$1").toLowerCase();
        // Slow answers of the hoster, so that the page shows the job before its bar is full.
        FakeCatalogues.mp4host().slowDelayMillis(8_000);
        FakeCatalogues.mp4host().scenario(FakeSite.Scenario.SLOW);
        Map<String, String> watched;
        try {
            assertEquals("Ok.", qbit.post("torrents/add", Map.of("urls", magnet)).body());
            watched = browser("watchDownload", Map.of("HASH", hash));
        } finally {
            FakeCatalogues.mp4host().scenario(FakeSite.Scenario.NORMAL);
        }
        assertEquals(watched.toString(), "100 %", watched.get("bar"));
        assertTrue("the bar was seen before it was full: " + watched,
                Stream.of(watched.get("bar-values").split("\\|")).anyMatch(value -> !value.equals("100 %")));
        assertEquals("completed", watched.get("state"));
        assertEquals("the episode was downloaded", 1, episodes());

        Map<String, String> result = browser("deleteDownload", Map.of("HASH", hash));
        assertTrue(result.toString(), result.get("confirm").contains("files"));
        assertEquals("cancelled: still there", "1", result.get("after-cancel-rows"));
        assertTrue(result.toString(), result.get("feedback").contains("deleted with its files"));

        assertEquals("the job is gone", "[]", qbit.get("torrents/info?hashes=" + hash).body().strip());
        assertEquals("the episode's file is gone", 0, episodes());
    }

    @Test
    public void step6ShowsAJobWaitingToRetryWithWhenAndWhy() throws Exception {
        QbitClient qbit = new QbitClient(http);
        String magnet = germanMagnet(2);
        String hash = magnet.replaceAll(".*btih:([0-9a-fA-F]{40}).*", "$1").toLowerCase();
        // The hoster refuses with an anti-bot page: the job fails its attempt and waits for the next.
        FakeCatalogues.mp4host().scenario(FakeSite.Scenario.DDOS_GUARD);
        Map<String, String> result;
        try {
            assertEquals("Ok.", qbit.post("torrents/add", Map.of("urls", magnet)).body());
            result = browser("retryingDownload", Map.of("HASH", hash));
        } finally {
            FakeCatalogues.mp4host().scenario(FakeSite.Scenario.NORMAL);
            qbit.post("torrents/delete", Map.of("hashes", hash, "deleteFiles", "true"));
        }
        assertTrue(result.toString(), result.get("state").matches("retrying (in \\d+ s|now) \\(.+\\)"));
        assertFalse("no raw exception: " + result, result.get("state").contains("Exception"));
    }

    /** Episode 3 is served by the fake hosters, episode 4 by none: one job completes, one fails. */
    @Test
    public void step7FiltersDownloadsByStateSiteAndCategory() throws Exception {
        QbitClient qbit = new QbitClient(http);
        String paused = add(qbit, germanMagnet(2), "tv-later", true);
        String completed = add(qbit, germanMagnet(3), "tv-now", false);
        String failed = add(qbit, germanMagnet(4), "tv-now", false);
        try {
            qbit.awaitTorrent(completed, t -> t.path("progress").asDouble() == 1.0, CHANGE);
            qbit.awaitTorrent(failed, t -> t.path("state").asText().equals("error"), CHANGE);

            Map<String, String> result = browser("filterDownloads", Map.of("HASH_PAUSED", paused,
                    "HASH_COMPLETED", completed, "HASH_FAILED", failed, "CATEGORY_PAUSED", "tv-later"));

            String all = Stream.of(paused, completed, failed).sorted().collect(Collectors.joining(","));
            assertEquals(result.toString(), paused, result.get("category-tv-later"));
            assertEquals(result.toString(), all, result.get("category-all"));
            assertEquals(result.toString(), paused, result.get("state-paused"));
            assertEquals(result.toString(), completed, result.get("state-completed"));
            assertEquals(result.toString(), failed, result.get("state-failed"));
            assertEquals(result.toString(), "", result.get("state-retrying"));
            assertTrue(result.toString(), result.get("retrying-text").contains("No job matches the filters."));
            assertEquals(result.toString(), all, result.get("state-all"));
            assertEquals(result.toString(), all, result.get("site-aniworld"));
        } finally {
            qbit.post("torrents/delete", Map.of("hashes", paused + "|" + completed + "|" + failed, "deleteFiles", "true"));
        }
    }

    /** Adds a magnet in a category (made first, as Sonarr does); its hash. */
    private static String add(QbitClient qbit, String magnet, String category, boolean paused) throws Exception {
        int made = qbit.post("torrents/createCategory", Map.of("category", category)).statusCode();
        assertTrue("made, or there already (409): " + made, made == 200 || made == 409);
        assertEquals("Ok.", qbit.post("torrents/add", Map.of("urls", magnet, "category", category,
                "paused", String.valueOf(paused))).body());
        return magnet.replaceAll(".*btih:([0-9a-fA-F]{40}).*", "$1").toLowerCase();
    }

    /** A Torznab search for an episode only s.to has. */
    private static String stoSearch() throws Exception {
        HttpResponse<String> feed = http.get("/torznab/api?apikey=" + API_KEY + "&t=tvsearch&q="
                + URLEncoder.encode("9-1-1 S08E12", StandardCharsets.UTF_8));
        assertEquals(feed.body(), 200, feed.statusCode());
        return feed.body();
    }

    /** The magnet of a German (dubbed or subtitled) item of a Torznab search, as Sonarr would grab it. */
    private static String germanMagnet(int episode) throws Exception {
        String feed = http.get("/torznab/api?apikey=" + API_KEY + "&t=tvsearch&cat=5070&season=1&ep=" + episode + "&q="
                + URLEncoder.encode("Attack on Titan", StandardCharsets.UTF_8)).body();
        Matcher item = Pattern.compile("(?s)<item>.*?</item>").matcher(feed);
        while (item.find()) {
            Matcher magnet = Pattern.compile("name=\"magneturl\" value=\"([^\"]+)\"").matcher(item.group());
            if ((item.group().contains(".German.") || item.group().contains(".GerSub.")) && magnet.find()) {
                return magnet.group(1).replace("&amp;", "&");
            }
        }
        throw new AssertionError("no German item in the feed: " + feed);
    }

    private static long episodes() throws IOException {
        try (Stream<Path> files = Files.walk(installation.data)) {
            return files.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().endsWith(".mp4")).count();
        }
    }

    /** Runs one step of the browser script; its {@code key=value} lines, or the failure with its output. */
    private static Map<String, String> browser(String step, Map<String, String> environment) throws Exception {
        Path log = Files.createTempFile(temp.getRoot().toPath(), step, ".out");
        ProcessBuilder builder = new ProcessBuilder("node", script.toString(), step).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("NODE_PATH", playwright.toString());
        builder.environment().put("CATALOGARR_URL", http.origin());
        builder.environment().put("CATALOGARR_USER", "admin");
        builder.environment().put("CATALOGARR_PASSWORD", password);
        builder.environment().put("CHROMIUM", chromium);
        builder.environment().put("SCREENSHOTS", screenshots.toString());
        builder.environment().putAll(environment);
        Process process = builder.start();
        boolean ended = process.waitFor(STEP.toSeconds(), TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String text = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue("the step " + step + " ended in time:\n" + text, ended);
        assertEquals("the step " + step + " failed:\n" + text, 0, process.exitValue());
        Map<String, String> result = new LinkedHashMap<>();
        text.lines().filter(line -> line.contains("=")).forEach(line -> result.put(line.substring(0, line.indexOf('=')),
                line.substring(line.indexOf('=') + 1)));
        System.out.println("browser step " + step + ": " + result);
        return result;
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        return path != null && Stream.of(path.split(File.pathSeparator)).anyMatch(dir -> new File(dir, command).canExecute());
    }

    private static String read(String file) throws IOException {
        return Files.readString(installation.config.resolve(file), StandardCharsets.UTF_8);
    }
}
