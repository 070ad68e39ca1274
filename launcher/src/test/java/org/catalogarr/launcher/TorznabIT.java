package org.catalogarr.launcher;

import static org.catalogarr.launcher.Http.catalogue;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.catalogarr.testkit.FakeSite;
import org.catalogarr.testkit.FeedRules;
import org.catalogarr.testkit.FeedRules.Item;
import org.junit.After;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Black-box: the started distribution as Sonarr and Prowlarr see it, searching the fake AniWorld and
 * s.to; every answer is checked against what the clients' parsers need (clients.md §7).
 */
public class TorznabIT {

    private static final String KEY = "test-key";
    private static final String CATEGORIES = "5030,5040,5070";
    private static final Pattern BTIH = Pattern.compile("xt=urn:btih:([0-9a-fA-F]{40})");

    @ClassRule
    public static TemporaryFolder temp = new TemporaryFolder();

    private static Installation installation;
    private static Http http;
    private static byte[] caps;

    @BeforeClass
    public static void start() throws Exception {
        installation = new Installation(temp.getRoot().toPath());
        Path config = installation.config;
        FakeCatalogues.startAndConfigure(installation.home.resolve("config"), config, true);
        for (String site : List.of("aniworld", "sto")) {
            Path file = config.resolve("org.catalogarr.site." + site + ".cfg");
            Files.writeString(file, Files.readString(file)
                    .replaceAll("(?m)^search_timeout_seconds = .*$", "search_timeout_seconds = 3")
                    .replaceAll("(?m)^challenge_backoff_seconds = .*$", "challenge_backoff_seconds = 1"));
        }
        Files.writeString(config.resolve("org.catalogarr.search.cfg"), "result_cache_seconds = 0\n");
        Files.writeString(config.resolve("org.catalogarr.torznab.cfg"), "api_key = " + KEY + "\n");
        installation.start();
        http = installation.http;
        http.awaitHealth(h -> "ok".equals(h.path("status").asText()) && indexed(h, "aniworld") && indexed(h, "sto"),
                Duration.ofSeconds(60));
        caps = bytes(api("t=caps"));
    }

    private static boolean indexed(com.fasterxml.jackson.databind.JsonNode health, String site) {
        return catalogue(health, site).path("index").path("titles").asInt() > 0;
    }

    @AfterClass
    public static void stop() throws InterruptedException {
        installation.close();
    }

    @After
    public void normalSites() throws InterruptedException {
        boolean blocked = site("aniworld").scenario() == FakeSite.Scenario.DDOS_GUARD
                || site("sto").scenario() == FakeSite.Scenario.DDOS_GUARD;
        site("aniworld").scenario(FakeSite.Scenario.NORMAL);
        site("sto").scenario(FakeSite.Scenario.NORMAL);
        if (blocked) {
            Thread.sleep(1_200);
        }
    }

    private static FakeSite site(String id) {
        return FakeCatalogues.site(id);
    }

    private static HttpResponse<String> api(String query) throws Exception {
        return http.get("/torznab/api?" + query + "&apikey=" + KEY);
    }

    private static byte[] bytes(HttpResponse<String> response) {
        assertEquals(response.body(), 200, response.statusCode());
        String type = response.headers().firstValue("Content-Type").orElse("");
        assertTrue(type, type.contains("xml") && !type.contains("html"));
        return response.body().getBytes(StandardCharsets.UTF_8);
    }

    private static List<Item> feed(String query) throws Exception {
        return FeedRules.assertValidFeed(bytes(api(query)), caps);
    }

    private static String q(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String site(Item item) {
        NodeList sites = item.element().getElementsByTagNameNS("urn:catalogarr:torznab", "site");
        assertEquals(item.title(), 1, sites.getLength());
        return ((Element) sites.item(0)).getAttribute("id");
    }

    private static List<Element> warnings(String body) {
        NodeList nodes = FeedRules.parse(body.getBytes(StandardCharsets.UTF_8))
                .getElementsByTagNameNS("urn:catalogarr:torznab", "warning");
        return java.util.stream.IntStream.range(0, nodes.getLength()).mapToObj(i -> (Element) nodes.item(i)).toList();
    }

    private static Element error(HttpResponse<String> response) {
        assertEquals(200, response.statusCode());
        Element root = FeedRules.parse(response.body().getBytes(StandardCharsets.UTF_8)).getDocumentElement();
        assertEquals(response.body(), "error", root.getTagName());
        return root;
    }

    @Test
    public void capsDeclareSearchTvSearchAndTheCategories() {
        assertEquals(Set.of(5000, 5030, 5040, 5070, 2000, 2040), FeedRules.assertValidCaps(caps));
    }

    @Test
    public void anEpisodeIsFoundOnBothSitesInPriorityOrder() throws Exception {
        List<Item> items = feed("t=tvsearch&cat=" + CATEGORIES + "&extended=1&q=" + q("Attack on Titan")
                + "&season=1&ep=1");

        List<String> sites = items.stream().map(TorznabIT::site).toList();
        assertTrue(sites.toString(), sites.contains("aniworld") && sites.contains("sto"));
        assertEquals("every AniWorld item before every s.to item", sites.lastIndexOf("aniworld") + 1,
                sites.indexOf("sto"));
        for (Item item : items) {
            assertTrue(item.title(), item.title().startsWith("Attack.on.Titan.S01E01."));
        }
        assertTrue(items.stream().anyMatch(i -> i.title().contains(".German.") && "German".equals(i.attr("language"))));
        assertTrue(items.stream().anyMatch(i -> i.title().contains(".GerSub.") && i.attr("language") == null));
        assertEquals("distinct infohashes", items.size(), new HashSet<>(items.stream().map(i -> i.attr("infohash"))
                .toList()).size());
    }

    @Test
    public void theEnclosureRedirectsToTheItemsMagnet() throws Exception {
        Item item = feed("t=tvsearch&cat=" + CATEGORIES + "&q=" + q("Attack on Titan") + "&season=1&ep=1").get(0);
        String path = item.enclosureUrl().replaceFirst("^https?://[^/]+", "");

        HttpResponse<String> answer = http.get(path);

        assertEquals(302, answer.statusCode());
        String location = answer.headers().firstValue("Location").orElseThrow();
        Matcher btih = BTIH.matcher(location);
        assertTrue(location, location.startsWith("magnet:?") && btih.find());
        assertEquals(item.attr("infohash"), btih.group(1).toLowerCase());
        assertEquals(400, http.get("/torznab/download?site=aniworld").statusCode());
    }

    @Test
    public void theEmptyQueryFeedsServeSonarrsAndProwlarrsTests() throws Exception {
        feed("t=tvsearch&cat=" + CATEGORIES + "&q=" + q("Attack on Titan") + "&season=1&ep=1");

        List<Item> rss = feed("t=tvsearch&cat=" + CATEGORIES + "&extended=1&offset=0&limit=100");
        assertFalse("Sonarr's RSS and test request finds something", rss.isEmpty());
        FeedRules.assertNewestFirst(rss);
        assertFalse("Prowlarr's test request finds something", feed("t=search&extended=1").isEmpty());
    }

    @Test
    public void pagesAreDisjointAndAnOffsetBeyondTheEndIsEmpty() throws Exception {
        String season = "t=tvsearch&cat=" + CATEGORIES + "&q=" + q("Attack on Titan") + "&season=1";
        List<Item> all = feed(season);
        assertTrue("several items to page through: " + all.size(), all.size() >= 3);

        List<Item> first = feed(season + "&limit=1&offset=0");
        List<Item> second = feed(season + "&limit=1&offset=1");

        assertEquals(List.of(all.get(0).guid()), first.stream().map(Item::guid).toList());
        assertEquals(List.of(all.get(1).guid()), second.stream().map(Item::guid).toList());
        assertEquals(List.of(), feed(season + "&offset=1000"));
    }

    @Test
    public void aSiteSlowerThanItsBudgetBecomesAWarning() throws Exception {
        site("sto").slowDelayMillis(5_000);
        site("sto").scenario(FakeSite.Scenario.SLOW);
        long started = System.nanoTime();

        HttpResponse<String> answer = api("t=tvsearch&cat=" + CATEGORIES + "&q=" + q("Attack on Titan") + "&season=1");

        long millis = (System.nanoTime() - started) / 1_000_000;
        assertTrue("answered after " + millis + " ms, the budget is 3 s", millis < 4_500);
        List<Item> items = FeedRules.assertValidFeed(bytes(answer), caps);
        assertTrue(items.stream().allMatch(i -> site(i).equals("aniworld")) && !items.isEmpty());
        List<Element> warnings = warnings(answer.body());
        assertEquals(1, warnings.size());
        assertEquals("sto", warnings.get(0).getAttribute("site"));
        assertEquals("TIMEOUT", warnings.get(0).getAttribute("reason"));
    }

    @Test
    public void aBlockedSiteBecomesAWarningAndBothBlockedAnError() throws Exception {
        site("sto").scenario(FakeSite.Scenario.DDOS_GUARD);
        HttpResponse<String> answer = api("t=tvsearch&cat=" + CATEGORIES + "&q=" + q("Attack on Titan") + "&season=1");
        assertFalse(FeedRules.assertValidFeed(bytes(answer), caps).isEmpty());
        assertEquals("BLOCKED", warnings(answer.body()).get(0).getAttribute("reason"));

        site("aniworld").scenario(FakeSite.Scenario.DDOS_GUARD);
        Element error = error(api("t=tvsearch&cat=" + CATEGORIES + "&q=" + q("Attack on Titan") + "&season=1"));
        assertEquals("900", error.getAttribute("code"));
        String description = error.getAttribute("description");
        assertTrue(description, description.contains("AniWorld") && description.contains("s.to")
                && description.contains("BLOCKED"));
    }

    @Test
    public void aDisabledSiteIsNeverContacted() throws Exception {
        // The same query text first with both sites: its answer, parsed query and written feed are then kept, and
        // none of them may outlive the change below.
        String query = "t=tvsearch&cat=" + CATEGORIES + "&q=" + q("Attack on Titan") + "&season=1";
        assertTrue(feed(query).stream().anyMatch(i -> site(i).equals("sto")));
        Path sto = installation.config.resolve("org.catalogarr.site.sto.cfg");
        Files.writeString(sto, Files.readString(sto).replace("enabled = true", "enabled = false"));
        try {
            http.awaitHealth(h -> !catalogue(h, "sto").path("enabled").asBoolean(), Duration.ofSeconds(20));
            site("sto").clearRequests();

            List<Item> items = feed(query);
            feed("t=tvsearch&cat=" + CATEGORIES);

            assertTrue(items.stream().allMatch(i -> site(i).equals("aniworld")) && !items.isEmpty());
            assertEquals(List.of(), site("sto").requests());
        } finally {
            Thread.sleep(1_500);
            Files.writeString(sto, Files.readString(sto).replace("enabled = false", "enabled = true"));
            http.awaitHealth(h -> catalogue(h, "sto").path("enabled").asBoolean(), Duration.ofSeconds(20));
        }
    }

    @Test
    public void badParametersAndKeysGetTorznabErrorsNeverA500() throws Exception {
        assertEquals("202", error(api("t=bogus")).getAttribute("code"));
        assertEquals("201", error(api("t=tvsearch&q=x&season=abc")).getAttribute("code"));
        assertEquals("201", error(api("t=tvsearch&limit=-1")).getAttribute("code"));
        assertEquals("100", error(http.get("/torznab/api?t=search")).getAttribute("code"));
        assertEquals("100", error(http.get("/torznab/api?t=tvsearch&apikey=wrong")).getAttribute("code"));
        assertNotNull(FeedRules.assertValidFeed(bytes(api("t=tvsearch&season=2024&ep=01/15&tvdbid=1&rid=2")), caps));
    }

    @Test
    public void aSeriesNoSiteHasIsAnEmptyFeed() throws Exception {
        assertEquals(List.of(), feed("t=tvsearch&cat=" + CATEGORIES + "&q=" + q("Breaking Bad") + "&season=1&ep=1"));
    }
}
