package org.catalogarr.launcher;

import static org.catalogarr.launcher.Http.catalogue;
import static org.catalogarr.launcher.Http.listed;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.catalogarr.launcher.AdminApiClient.Answer;
import org.catalogarr.testkit.FakeSite;
import org.catalogarr.testkit.FeedRules;
import org.catalogarr.testkit.FeedRules.Item;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.w3c.dom.Element;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Black-box: runtime control while the service is busy, why Catalogarr runs on OSGi. While 50 clients
 * search and downloads run, s.to is switched off and on 20 times, the sites are reordered, and the s.to
 * bundle is taken out of deploy/ and put back. No search fails or carries a warning other than a site
 * running out of its budget on the loaded machine (a search includes the site or not), the disabled or removed site gets no request once the change is in force, its index
 * is fetched again when it returns, and no download is lost: a job of the removed site waits and goes on
 * when it is back. The counts are printed.
 */
public class RuntimeLoadIT {

    private static final int CLIENTS = 50;
    private static final int TOGGLES = 20;
    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration CHANGE = Duration.ofSeconds(30);
    /** Searches that took the snapshot before a change may still ask the site for this long (loaded machine). */
    private static final long IN_FLIGHT_MILLIS = 1_500;
    private static final String STO_FILE = "org.catalogarr.site.sto.cfg";
    private static final String ANIWORLD_FILE = "org.catalogarr.site.aniworld.cfg";

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private Installation installation;
    private Http http;
    private AdminApiClient api;
    private Load load;

    @Before
    public void start() throws Exception {
        installation = new Installation(temp.getRoot().toPath());
        http = installation.http;
        Path defaults = installation.home.resolve("config");
        FakeCatalogues.startAndConfigure(defaults, installation.config, true);
        // Answers are reused briefly only, so that the clients keep asking the sites during the changes.
        Files.writeString(installation.config.resolve("org.catalogarr.search.cfg"), Files.readString(
                defaults.resolve("org.catalogarr.search.cfg"), StandardCharsets.UTF_8)
                .replaceAll("(?m)^result_cache_seconds = .*$", "result_cache_seconds = 1"), StandardCharsets.UTF_8);
        Files.writeString(installation.config.resolve("org.catalogarr.jobs.cfg"), "max_concurrent_downloads = 4\n",
                StandardCharsets.UTF_8);
        installation.start();
        http.awaitHealth(h -> "ok".equals(h.path("status").asText()) && catalogue(h, "sto").path("enabled").asBoolean()
                && catalogue(h, "aniworld").path("index").path("titles").asInt() > 0
                && catalogue(h, "sto").path("index").path("titles").asInt() > 0, START);
        api = new AdminApiClient(installation.port, "admin", installation.awaitAdminPassword(CHANGE));
        long deadline = System.nanoTime() + CHANGE.toNanos();
        while (api.get("/overview").status() != 200) {
            assertTrue("the admin API is registered", System.nanoTime() < deadline);
            Thread.sleep(200);
        }
    }

    @After
    public void stop() throws InterruptedException {
        if (load != null) {
            load.stop();
        }
        FakeCatalogues.mp4host().scenario(FakeSite.Scenario.NORMAL);
        installation.close();
    }

    @Test
    public void sitesChangeUnderLoadWithoutAFailedRequestOrALostJob() throws Exception {
        FakeSite sto = FakeCatalogues.site("sto");
        FakeSite aniworld = FakeCatalogues.site("aniworld");
        Item stoItem = item("sto");
        FakeCatalogues.mp4host().slowDelayMillis(10_000);
        FakeCatalogues.mp4host().scenario(FakeSite.Scenario.SLOW);
        List<String> downloads = List.of(add(item("aniworld", ".German.", 1)), add(item("aniworld", ".GerSub.", 2)));
        load = new Load(installation.port);
        load.start();
        Thread.sleep(2_000);
        assertTrue("the clients search: " + load, load.requests.get() > CLIENTS);

        // (a) s.to off and on, 20 times.
        long stoHitsWhileOn = 0;
        long stoHitsWhileOff = 0;
        for (int i = 0; i < TOGGLES; i++) {
            Answer off = api.post("/catalogues/sto/disable", null);
            assertEquals(off.json().toString(), 200, off.status());
            assertFalse(off.json().path("enabled").asBoolean());
            Thread.sleep(IN_FLIGHT_MILLIS);
            sto.clearRequests();
            Thread.sleep(1_000);
            stoHitsWhileOff += sto.requests().size();
            assertEquals("s.to, disabled, was asked: " + sto.requests(), 0, sto.requests().size());
            Answer on = api.post("/catalogues/sto/enable", null);
            assertEquals(on.json().toString(), 200, on.status());
            assertTrue(on.json().path("enabled").asBoolean());
            sto.clearRequests();
            Thread.sleep(1_000);
            stoHitsWhileOn += sto.requests().size();
        }
        assertTrue("s.to is asked again once enabled (its cached answers were dropped)", stoHitsWhileOn > 0);
        awaitFile(STO_FILE, "enabled = true\n");
        String afterToggles = load.toString();

        // (b) Reordering. A change is in the files when it is answered (written before Config Admin takes it, so
        // FileInstall never reads an older file back over it); the sites' order follows.
        for (int i = 0; i < 3; i++) {
            assertEquals(200, api.post("/catalogues/sto/priority", "{\"move\":\"up\"}").status());
            assertTrue("s.to's file is first once answered", filePriority(STO_FILE) < filePriority(ANIWORLD_FILE));
            awaitFirst("sto");
            assertEquals(200, api.post("/catalogues/sto/priority", "{\"move\":\"down\"}").status());
            assertTrue("AniWorld's file is first once answered", filePriority(ANIWORLD_FILE) < filePriority(STO_FILE));
            awaitFirst("aniworld");
        }
        awaitFilesAsListed();
        String afterReorder = load.toString();

        // (c) The s.to bundle leaves deploy/ and comes back; a job of s.to waits meanwhile.
        Path deployed = jar("site-sto");
        Path parked = temp.getRoot().toPath().resolve(deployed.getFileName());
        Files.move(deployed, parked);
        http.awaitHealth(h -> !listed(h, "sto"), CHANGE);
        Instant removedAt = Instant.now();
        Thread.sleep(IN_FLIGHT_MILLIS);
        sto.clearRequests();
        String stoJob = add(stoItem);
        JsonNode waiting = awaitJob(stoJob, job -> job.path("message").asText().contains("not installed"));
        assertEquals(waiting.toString(), "retrying", waiting.path("state").asText());
        Thread.sleep(2_000);
        long stoHitsWhileRemoved = sto.requests().size();
        assertEquals("s.to, removed, was asked: " + sto.requests(), 0, stoHitsWhileRemoved);
        sto.clearRequests();
        Files.copy(parked, deployed);
        http.awaitHealth(h -> catalogue(h, "sto").path("enabled").asBoolean()
                && !catalogue(h, "sto").path("index").path("refreshed_at").isNull()
                && Instant.parse(catalogue(h, "sto").path("index").path("refreshed_at").asText()).isAfter(removedAt),
                CHANGE);
        // Retried at once, unless its own next try (due 3 s after the first) came first: then 409 says it no
        // longer waits, and either way the job must go on.
        int retried = api.post("/jobs/" + stoJob + "/retry", null).status();
        assertTrue("retry answered " + retried, retried == 200 || retried == 409);
        JsonNode resumed = awaitJob(stoJob, job -> !job.path("message").asText().contains("not installed"));
        Thread.sleep(1_500);
        // Counted from the return on: the searches' first requests after it may come before the job went on,
        // and after them the answers are cached. Its index fetch (/serien, /katalog) does not count.
        long stoHitsAfterReturn = sto.requests().stream()
                .filter(r -> !r.startsWith("GET /serien") && !r.startsWith("GET /katalog")).count();
        assertTrue("s.to is asked again after it returned: " + sto.requests(), stoHitsAfterReturn > 0);

        load.stop();
        FakeCatalogues.mp4host().scenario(FakeSite.Scenario.NORMAL);
        for (String hash : downloads) {
            JsonNode done = awaitJob(hash, job -> "completed".equals(job.path("state").asText()));
            assertEquals(1.0, done.path("progress").asDouble(), 0.0);
        }
        System.out.printf("RuntimeLoadIT: %d searches by %d clients, %d failed, %d with a warning, %d with a site out"
                + " of time; after the toggles"
                + " %s, after reordering %s; s.to requests: %d while enabled between toggles, %d while disabled,"
                + " %d while removed, %d besides its index since its return; AniWorld requests: %d; the s.to job while"
                + " removed: '%s', after its return: %s '%s'; both downloads completed%n", load.requests.get(),
                CLIENTS, load.failures.get(), load.warnings.get(), load.timeouts.get(), afterToggles, afterReorder,
                stoHitsWhileOn,
                stoHitsWhileOff, stoHitsWhileRemoved, stoHitsAfterReturn, aniworld.requests().size(),
                waiting.path("message").asText(), resumed.path("state").asText(), resumed.path("message").asText());
        assertEquals("failed searches: " + load.samples, 0, load.failures.get());
        assertEquals("searches with a warning: " + load.samples, 0, load.warnings.get());
        assertEquals("no job lost", 3, api.get("/jobs").json().size());
    }

    /** Clients that search all the time, each on its own thread, and count what they got. */
    private static final class Load {
        final AtomicLong requests = new AtomicLong();
        final AtomicLong failures = new AtomicLong();
        final AtomicLong warnings = new AtomicLong();
        /** Searches in which a site ran out of its budget: load on two cores, not a change refused. */
        final AtomicLong timeouts = new AtomicLong();
        final List<String> samples = new CopyOnWriteArrayList<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final ExecutorService clients = Executors.newFixedThreadPool(CLIENTS, runnable -> {
            Thread thread = new Thread(runnable, "load-client");
            thread.setDaemon(true);
            return thread;
        });
        private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private final String base;

        Load(int port) {
            base = "http://127.0.0.1:" + port + "/torznab/api?t=tvsearch&q="
                    + URLEncoder.encode("Attack on Titan", StandardCharsets.UTF_8);
        }

        void start() {
            for (int c = 0; c < CLIENTS; c++) {
                int number = c;
                clients.execute(() -> run(number));
            }
        }

        private void run(int number) {
            for (int i = number; running.get(); i++) {
                String url = base + "&season=" + (1 + i % 2) + "&ep=" + (1 + i % 5);
                try {
                    HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
                    requests.incrementAndGet();
                    if (answer.statusCode() != 200 || !answer.body().contains("<rss") || answer.body().contains("<error")) {
                        failures.incrementAndGet();
                        sample(answer.statusCode() + " " + answer.body());
                    } else if (answer.body().contains("reason=\"TIMEOUT\"")) {
                        timeouts.incrementAndGet();
                    } else if (answer.body().contains("catalogarr:warning")) {
                        warnings.incrementAndGet();
                        sample(answer.body());
                    }
                } catch (Exception e) {
                    if (running.get()) {
                        requests.incrementAndGet();
                        failures.incrementAndGet();
                        sample(e.toString());
                    }
                }
            }
        }

        private void sample(String what) {
            if (samples.size() < 5) {
                samples.add(what.length() > 600 ? what.substring(0, 600) : what);
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            clients.shutdown();
            clients.awaitTermination(70, TimeUnit.SECONDS);
        }

        @Override
        public String toString() {
            return requests.get() + " searches, " + failures.get() + " failed, " + warnings.get() + " with a warning, "
                    + timeouts.get() + " with a site out of time";
        }
    }

    private Item item(String site) throws Exception {
        return item(site, ".German.", 1);
    }

    /** A feed item of the site for episode {@code ep} of Attack on Titan's first season. */
    private Item item(String site, String language, int ep) throws Exception {
        HttpResponse<String> feed = http.get("/torznab/api?t=tvsearch&q=" + URLEncoder.encode("Attack on Titan",
                StandardCharsets.UTF_8) + "&season=1&ep=" + ep);
        byte[] caps = http.get("/torznab/api?t=caps").body().getBytes(StandardCharsets.UTF_8);
        List<Item> items = FeedRules.assertValidFeed(feed.body().getBytes(StandardCharsets.UTF_8), caps);
        List<Item> found = new ArrayList<>();
        for (Item item : items) {
            Element named = (Element) item.element()
                    .getElementsByTagNameNS("urn:catalogarr:torznab", "site").item(0);
            if (item.title().contains(language) && named != null && site.equals(named.getAttribute("id"))) {
                found.add(item);
            }
        }
        assertFalse("no " + site + " item in " + feed.body(), found.isEmpty());
        return found.get(0);
    }

    /** Adds the item through the qBittorrent API, as Sonarr does; returns its hash. */
    private String add(Item item) throws Exception {
        String magnet = item.attr("magneturl");
        assertEquals("Ok.", new QbitClient(http).post("torrents/add", Map.of("urls", magnet)).body());
        return magnet.replaceAll(".*btih:([0-9a-fA-F]{40}).*", "$1").toLowerCase();
    }

    private JsonNode awaitJob(String hash, Predicate<JsonNode> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            for (JsonNode job : api.get("/jobs").json()) {
                if (hash.equals(job.path("hash").asText())) {
                    last = job;
                    if (condition.test(job)) {
                        return job;
                    }
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("job " + hash + " did not reach the expected state; last: " + last);
    }

    private Path jar(String artifactId) throws Exception {
        try (Stream<Path> jars = Files.list(installation.home.resolve("deploy"))) {
            return jars.filter(p -> p.getFileName().toString().startsWith(artifactId + "-")).findFirst().orElseThrow();
        }
    }

    /** The API waits a few seconds for a change to apply; on a loaded machine it may take longer. */
    private void awaitFirst(String siteId) throws Exception {
        long deadline = System.nanoTime() + CHANGE.toNanos();
        while (!siteId.equals(api.get("/catalogues").json().get(0).path("id").asText())) {
            assertTrue(siteId + " never came first", System.nanoTime() < deadline);
            Thread.sleep(200);
        }
    }

    /** Waits until both sites' files hold the priorities the API lists. */
    private void awaitFilesAsListed() throws Exception {
        JsonNode list = api.get("/catalogues").json();
        awaitFile(ANIWORLD_FILE, "search_priority = " + AdminApiClient.site(list, "aniworld").path("priority").asInt()
                + "\n");
        awaitFile(STO_FILE, "search_priority = " + AdminApiClient.site(list, "sto").path("priority").asInt() + "\n");
    }

    private int filePriority(String file) throws IOException {
        Matcher priority = Pattern.compile("(?m)^search_priority = (-?\\d+)$")
                .matcher(Files.readString(installation.config.resolve(file), StandardCharsets.UTF_8));
        assertTrue(file + " has a search_priority", priority.find());
        return Integer.parseInt(priority.group(1));
    }

    private void awaitFile(String file, String line) throws Exception {
        long deadline = System.nanoTime() + CHANGE.toNanos();
        while (!Files.readString(installation.config.resolve(file), StandardCharsets.UTF_8).contains(line)) {
            assertTrue(file + " never got '" + line.strip() + "': " + Files.readString(installation.config.resolve(file),
                    StandardCharsets.UTF_8), System.nanoTime() < deadline);
            Thread.sleep(100);
        }
    }
}
