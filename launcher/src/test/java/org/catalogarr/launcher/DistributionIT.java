package org.catalogarr.launcher;

import static org.catalogarr.launcher.Http.catalogue;
import static org.catalogarr.launcher.Http.listed;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Black-box: unpacks the distribution archive, starts it with bin/catalogarr as an operator would, and
 * only talks HTTP and edits files.
 */
public class DistributionIT {

    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration CHANGE = Duration.ofSeconds(20);
    private static final Pattern PASSWORD_LINE = Pattern.compile("user 'admin', password: (\\S+)");

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private Installation installation;
    private Path home;
    private Path data;
    private Path config;
    private Path stoConfig;
    private Path output;
    private Http http;
    private Process process;
    private String stoBase;

    @Before
    public void unpackDistribution() throws Exception {
        installation = new Installation(temp.getRoot().toPath());
        home = installation.home;
        data = installation.data;
        config = installation.config;
        output = installation.output;
        http = installation.http;
        stoConfig = config.resolve("org.catalogarr.site.sto.cfg");
        FakeCatalogues.startAndConfigure(home.resolve("config"), config, false);
        stoBase = "base_url = " + FakeCatalogues.baseUrl("sto");
    }

    private ProcessBuilder launcher(String port) {
        return installation.launcher(port);
    }

    private long start() throws IOException {
        long started = installation.start();
        process = installation.process();
        return started;
    }

    @After
    public void stop() throws InterruptedException {
        installation.close();
    }

    @Test
    public void startsServesHealthHotDeploysReconfiguresAndStopsCleanly() throws Exception {
        long started = start();
        JsonNode health = http.awaitHealth(DistributionIT::bothSitesUp, START);
        System.out.printf("Catalogarr answered /health with both sites %d ms after start%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        // The database opens beside the sites' registration, so it may still be opening at the first ok.
        health = http.awaitHealth(h -> bothSitesUp(h) && !"opening".equals(h.path("database").path("status").asText()),
                START);

        assertEquals("ok", health.path("status").asText());
        assertTrue("default config files are seeded into CATALOGARR_CONFIG",
                Files.exists(config.resolve("org.catalogarr.console.admin.cfg")));
        assertEquals("up", health.path("database").path("status").asText());
        assertEquals(6, health.path("database").path("schema_version").asInt());
        assertEquals("the default configuration has no qBittorrent password", "loopback_only",
                health.path("download_client").path("authentication").asText());
        assertTrue(health.path("download_client").path("warning").asText().contains("no password"));
        assertTrue(health.path("uptime_seconds").isIntegralNumber());
        assertFalse(health.path("version").asText().isEmpty());
        JsonNode aniworld = catalogue(health, "aniworld");
        assertTrue(aniworld.path("enabled").asBoolean());
        assertEquals(1, aniworld.path("priority").asInt());
        assertEquals(FakeCatalogues.baseUrl("aniworld"), aniworld.path("base_url").asText());
        assertTrue("the shipped defaults name the real sites", Files.readString(
                home.resolve("config/org.catalogarr.site.sto.cfg")).contains("base_url = https://serienstream.to\n"));
        assertEquals("[\"german-dub\",\"german-sub\",\"english-sub\"]", aniworld.path("default_languages").toString());
        JsonNode sto = catalogue(health, "sto");
        assertFalse(sto.path("enabled").asBoolean());
        assertEquals(2, sto.path("priority").asInt());

        assertRefused(launcher(String.valueOf(Http.freePort())),
                "catalogarr: another Catalogarr is running with the data folder " + data.toRealPath());
        consoleNeedsTheGeneratedPassword();
        siteBundleLeavesAndReturnsWithDeployFolder();
        configurationFileEditsApplyWithoutRestart();
        badConfigurationIsRefusedAndTheLastValidStateStays();
        consoleEditIsWrittenBackToTheConfigFile();
        stopsCleanlyAndKeepsItsDataForTheNextStart();
    }

    @Test
    public void refusesABadOrTakenPortWithAClearMessage() throws Exception {
        assertRefused(launcher("80800"), "catalogarr: CATALOGARR_PORT must be a port number from 1 to 65535, was '80800'");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertRefused(launcher(String.valueOf(taken.getLocalPort())), "catalogarr: port " + taken.getLocalPort()
                    + " on 127.0.0.1 is already in use; set CATALOGARR_PORT to a free port");
        }
    }

    private static void assertRefused(ProcessBuilder launcher, String message) throws Exception {
        Process refused = launcher.redirectErrorStream(true).start();
        String said = new String(refused.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(refused.waitFor(10, TimeUnit.SECONDS));
        assertEquals(said, 2, refused.exitValue());
        assertEquals(message + "\n", said);
    }

    /** Ready: both sites registered with their configuration files applied. */
    private static boolean bothSitesUp(JsonNode health) {
        return "ok".equals(health.path("status").asText()) && listed(health, "aniworld")
                && listed(health, "sto");
    }

    private void consoleNeedsTheGeneratedPassword() throws Exception {
        Path passwordFile = data.resolve("admin-password");
        long deadline = System.nanoTime() + CHANGE.toNanos();
        while (!Files.exists(passwordFile) || Files.size(passwordFile) == 0) {
            assertTrue("the console's password was generated", System.nanoTime() < deadline);
            Thread.sleep(100);
        }
        String password = Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
        // The file is written first, the console line a moment later.
        Matcher printed = PASSWORD_LINE.matcher(Files.readString(output, StandardCharsets.UTF_8));
        while (!printed.find()) {
            assertTrue("the generated password is printed on the console", System.nanoTime() < deadline);
            Thread.sleep(100);
            printed = PASSWORD_LINE.matcher(Files.readString(output, StandardCharsets.UTF_8));
        }
        assertEquals(password, printed.group(1));
        assertFalse("printed once", printed.find());
        assertFalse("never written to the log file", log().contains(password));

        awaitConsole(password);
        assertEquals(401, http.get("/system/console/bundles").statusCode());
        assertEquals(401, http.get("/system/console/bundles", "admin", "admin").statusCode());
        assertEquals(401, http.get("/system/console/bundles", "admin", password + "x").statusCode());
        assertEquals(200, http.get("/system/console/bundles", "admin", password).statusCode());
        // conf/config.properties: the warm-up first, the service (the sites with it), then the console.
        assertEquals(1, startLevel("org.catalogarr.warm-up", password));
        assertEquals(2, startLevel("org.catalogarr.core", password));
        assertEquals(2, startLevel("org.catalogarr.site-sto", password));
        assertEquals(3, startLevel("org.apache.felix.webconsole", password));
        assertEquals(3, startLevel("org.catalogarr.console", password));
        String configuration = http.get("/system/console/configMgr", "admin", password).body();
        assertTrue("metatype forms of the sites are in the console", configuration.contains("Catalogarr site: s.to"));
    }

    private void siteBundleLeavesAndReturnsWithDeployFolder() throws Exception {
        Path deployed = home.resolve("deploy").resolve(jarName("site-sto"));
        Path parked = temp.getRoot().toPath().resolve(deployed.getFileName());

        Files.move(deployed, parked);
        http.awaitHealth(h -> !listed(h, "sto") && listed(h, "aniworld"), CHANGE);

        Files.copy(parked, deployed);
        JsonNode back = http.awaitHealth(h -> listed(h, "sto"), CHANGE);
        assertEquals(2, catalogue(back, "sto").path("priority").asInt());
    }

    private void configurationFileEditsApplyWithoutRestart() throws Exception {
        editSto("enabled = false", "enabled = true");
        // Degraded until the newly enabled site's title index has been fetched, then ok.
        JsonNode health = http.awaitHealth(h -> catalogue(h, "sto").path("enabled").asBoolean()
                && "ok".equals(h.path("status").asText()), CHANGE);
        assertTrue(catalogue(health, "aniworld").path("enabled").asBoolean());
    }

    private void badConfigurationIsRefusedAndTheLastValidStateStays() throws Exception {
        editSto("search_priority = 2", "search_priority = 1");
        JsonNode duplicate = awaitStoProblem("search_priority 1 is already used by enabled site 'aniworld'");
        assertStoUnchanged(duplicate);
        awaitLog("Catalogue site 'sto' modified: enabled=true, priority=2, problems: search_priority 1 is already used");

        editSto("search_priority = 1", "search_priority = 2");
        editSto("search_timeout_seconds = 10", "search_timeout_seconds = -5");
        assertStoUnchanged(awaitStoProblem("search_timeout_seconds must be between 1 and 300, was -5"));
        awaitLog("Refused the configuration of catalogue site 'sto': search_timeout_seconds must be between 1 and 300, was -5");

        editSto("search_timeout_seconds = -5", "search_timeout_seconds = 10");
        editSto(stoBase, "base_url = http://186.2.175.5");
        assertStoUnchanged(awaitStoProblem("base_url must use https; plain http is allowed only for hosts listed in plain_http_hosts"));
        awaitLog("was 'http://186.2.175.5'. The previous configuration stays in force.");

        editSto("base_url = http://186.2.175.5", stoBase);
        editSto("enabled = true", "enabled = yes");
        assertStoUnchanged(awaitStoProblem("enabled must be true or false, was 'yes'"));

        editSto("enabled = yes", "enabled = true");
        JsonNode healed = http.awaitHealth(h -> catalogue(h, "sto").path("problems").isEmpty(), CHANGE);
        assertEquals("ok", healed.path("status").asText());
    }

    private void consoleEditIsWrittenBackToTheConfigFile() throws Exception {
        String password = Files.readString(data.resolve("admin-password"), StandardCharsets.UTF_8).strip();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("apply", "true");
        form.put("action", "ajaxConfigManager");
        form.put("propertylist", "enabled,display_name,base_url,search_priority,default_languages,"
                + "search_timeout_seconds,plain_http_hosts,index_url,index_refresh_hours,availability_ttl_hours,"
                + "user_agent,challenge_backoff_seconds,anime");
        form.put("enabled", "true");
        form.put("display_name", "s.to");
        form.put("base_url", FakeCatalogues.baseUrl("sto"));
        form.put("search_priority", "3");
        form.put("default_languages", "english-dub, german-dub");
        form.put("search_timeout_seconds", "12");
        form.put("plain_http_hosts", "127.0.0.1");
        form.put("index_url", "/serien?by=alpha");
        form.put("index_refresh_hours", "24");
        form.put("availability_ttl_hours", "6");
        form.put("user_agent", "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0");
        form.put("challenge_backoff_seconds", "300");
        form.put("anime", "false");

        int status = http.postForm("/system/console/configMgr/org.catalogarr.site.sto", "admin", password, form)
                .statusCode();

        assertTrue("console accepted the form, answered " + status, status == 200 || status == 302);
        http.awaitHealth(h -> catalogue(h, "sto").path("priority").asInt() == 3, CHANGE);
        long deadline = System.nanoTime() + CHANGE.toNanos();
        while (!Files.readString(stoConfig, StandardCharsets.UTF_8).contains("search_priority = 3\n")) {
            assertTrue("the console edit reached " + stoConfig, System.nanoTime() < deadline);
            Thread.sleep(100);
        }
        String file = Files.readString(stoConfig, StandardCharsets.UTF_8);
        assertTrue(file, file.contains("search_timeout_seconds = 12\n"));
        assertTrue(file, file.contains("default_languages = english-dub, german-dub\n"));
        assertTrue("comments of the file are kept:\n" + file, file.startsWith("# s.to / Serienstream"));
    }

    private JsonNode awaitStoProblem(String problem) throws InterruptedException {
        JsonNode health = http.awaitHealth(h -> catalogue(h, "sto").path("problems").toString().contains(problem), CHANGE);
        assertEquals("degraded", health.path("status").asText());
        return health;
    }

    private static void assertStoUnchanged(JsonNode health) {
        JsonNode sto = catalogue(health, "sto");
        assertTrue(sto.path("enabled").asBoolean());
        assertEquals(2, sto.path("priority").asInt());
        assertEquals(10, sto.path("search_timeout_seconds").asInt());
        assertEquals(FakeCatalogues.baseUrl("sto"), sto.path("base_url").asText());
        assertEquals(1, catalogue(health, "aniworld").path("priority").asInt());
    }

    private void stopsCleanlyAndKeepsItsDataForTheNextStart() throws Exception {
        String password = Files.readString(data.resolve("admin-password"), StandardCharsets.UTF_8).strip();
        process.destroy();
        assertTrue("stopped within 30 s of SIGTERM", process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(143, process.exitValue());
        String log = log();
        assertTrue("the database was shut down", log.contains("Database at " + data.resolve("db") + " closed"));
        assertFalse("no errors while stopping", log.substring(log.lastIndexOf("Catalogue site 'sto'")).contains(" ERROR "));

        start();
        JsonNode health = http.awaitHealth(DistributionIT::bothSitesUp, START);
        assertTrue("the edited config file is kept", catalogue(health, "sto").path("enabled").asBoolean());
        assertEquals("the console edit is kept", 3, catalogue(health, "sto").path("priority").asInt());
        awaitConsole(password);
        Matcher printed = PASSWORD_LINE.matcher(Files.readString(output, StandardCharsets.UTF_8));
        printed.find();
        assertFalse("no new password on the second start", printed.find());
    }

    /**
     * The console registers its servlet a moment after /health, and re-registers it once its security
     * provider and configuration arrive (answering 500 "Servlet has been unregistered" in between); wait
     * until it answers.
     */
    private void awaitConsole(String password) throws Exception {
        HttpResponse<String> answer = installation.awaitConsole(password, CHANGE);
        assertEquals(answer.body() + "\nlog:\n" + log(), 200, answer.statusCode());
    }

    /** The start level of the bundle, as the console's bundle page shows it. */
    private int startLevel(String symbolicName, String password) throws Exception {
        JsonNode bundle = new ObjectMapper().readTree(http.get("/system/console/bundles/" + symbolicName + ".json",
                "admin", password).body()).path("data").path(0);
        for (JsonNode property : bundle.path("props")) {
            if (property.path("key").asText().equals("Start Level")) {
                return property.path("value").asInt();
            }
        }
        throw new AssertionError("no start level shown for " + symbolicName + ": " + bundle);
    }

    /**
     * Edits the s.to file by hand. FileInstall notices a change by the file's modification time and
     * length, so an edit that keeps both (same length, same millisecond) gets a later time.
     */
    private void editSto(String from, String to) throws Exception {
        String text = Files.readString(stoConfig, StandardCharsets.UTF_8);
        assertTrue(stoConfig + " has '" + from + "':\n" + text, text.contains(from + "\n"));
        FileTime before = Files.getLastModifiedTime(stoConfig);
        Files.writeString(stoConfig, text.replace(from + "\n", to + "\n"), StandardCharsets.UTF_8);
        if (Files.getLastModifiedTime(stoConfig).equals(before)) {
            Files.setLastModifiedTime(stoConfig, FileTime.fromMillis(before.toMillis() + 1000));
        }
    }

    private String log() throws IOException {
        return Files.readString(data.resolve("logs/catalogarr.log"), StandardCharsets.UTF_8);
    }

    private void awaitLog(String line) throws Exception {
        long deadline = System.nanoTime() + CHANGE.toNanos();
        while (!log().contains(line)) {
            assertTrue("log line '" + line + "' not written", System.nanoTime() < deadline);
            Thread.sleep(100);
        }
    }

    private String jarName(String artifactId) throws IOException {
        try (Stream<Path> jars = Files.list(home.resolve("deploy"))) {
            List<Path> matches = jars.filter(p -> p.getFileName().toString().startsWith(artifactId + "-")).toList();
            assertEquals(1, matches.size());
            return matches.get(0).getFileName().toString();
        }
    }
}
