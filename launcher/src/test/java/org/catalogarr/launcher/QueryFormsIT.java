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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.catalogarr.testkit.FeedRules;
import org.catalogarr.testkit.FeedRules.Item;
import org.catalogarr.testkit.FeedRules.SonarrTitle;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.w3c.dom.Element;

/**
 * Black-box: every query form FlexGet, Prowlarr and Sonarr send, through the started distribution against
 * the fake AniWorld and s.to. Each finds the series it names, and every item's title reads, the way Sonarr
 * parses it, as that series, season and episode, with the tag once.
 */
public class QueryFormsIT {

    private static final String KEY = "forms-key";

    @ClassRule
    public static TemporaryFolder temp = new TemporaryFolder();

    private static Installation installation;
    private static Http http;
    private static byte[] caps;

    /**
     * The query (after {@code t=…&}), Sonarr's name of the series the items must carry, the season, and the
     * episodes that must all be found (every item is one of them).
     */
    private record Form(String query, String series, int season, Set<Integer> episodes) {
    }

    private static Form form(String query, String series, int season, Integer... episodes) {
        return new Form(query, series, season, Set.of(episodes));
    }

    private static final List<Form> FORMS = List.of(
            form("t=tvsearch&q=" + q("Attack on Titan S01E01"), "Attack on Titan", 1, 1),
            form("t=search&q=" + q("Attack on Titan S01E02"), "Attack on Titan", 1, 2),
            form("t=tvsearch&q=" + q("attack on titan s1e2"), "Attack on Titan", 1, 2),
            form("t=tvsearch&q=" + q("Attack on Titan 1x01"), "Attack on Titan", 1, 1),
            form("t=search&q=" + q("Attack.on.Titan.S01E01"), "Attack on Titan", 1, 1),
            form("t=tvsearch&q=" + q("Attack on Titan S01E01") + "&season=1&ep=1", "Attack on Titan", 1, 1),
            form("t=tvsearch&q=" + q("Attack on Titan S01E04") + "&season=1&ep=2", "Attack on Titan", 1, 2),
            form("t=tvsearch&q=" + q("Attack on Titan S01E03") + "&season=1", "Attack on Titan", 1, 3),
            // Season 1 of both fakes lists episodes 1 to 3.
            form("t=tvsearch&q=" + q("Attack on Titan S01"), "Attack on Titan", 1, 1, 2, 3),
            form("t=search&q=" + q("Attack on Titan Season 1"), "Attack on Titan", 1, 1, 2, 3),
            form("t=tvsearch&q=" + q("Attack on Titan Staffel 1"), "Attack on Titan", 1, 1, 2, 3),
            form("t=search&cat=5070&q=" + q("Attack on Titan 03"), "Attack on Titan", 1, 3),
            form("t=tvsearch&q=" + q("The Rookie S07E10"), "The Rookie", 7, 10),
            form("t=search&q=" + q("The Rookie 7x09"), "The Rookie", 7, 9),
            form("t=tvsearch&q=" + q("9-1-1 S08E12"), "9-1-1", 8, 12),
            form("t=tvsearch&q=" + q("Kaguya-sama: Love is War S01E06"), "Kaguya-sama: Love is War", 1, 6),
            form("t=tvsearch&q=" + q("Re:ZERO -Starting Life in Another World- S03E01"),
                    "Re:ZERO -Starting Life in Another World-", 3, 1),
            form("t=search&q=" + q("Kaguya S01E06"), "Kaguya-sama: Love is War", 1, 6),
            form("t=search&q=" + q("Rookie") + "&season=7&ep=8", "The Rookie", 7, 8));

    private static String q(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @BeforeClass
    public static void start() throws Exception {
        installation = new Installation(temp.getRoot().toPath());
        Path config = installation.config;
        FakeCatalogues.startAndConfigure(installation.home.resolve("config"), config, true);
        Files.writeString(config.resolve("org.catalogarr.search.cfg"), "result_cache_seconds = 0\n");
        Files.writeString(config.resolve("org.catalogarr.torznab.cfg"), "api_key = " + KEY + "\n");
        installation.start();
        http = installation.http;
        http.awaitHealth(h -> "ok".equals(h.path("status").asText()) && indexed(h, "aniworld") && indexed(h, "sto"),
                Duration.ofSeconds(60));
        caps = bytes(http.get("/torznab/api?t=caps"));
    }

    private static boolean indexed(com.fasterxml.jackson.databind.JsonNode health, String site) {
        return catalogue(health, site).path("index").path("titles").asInt() > 0;
    }

    @AfterClass
    public static void stop() throws InterruptedException {
        installation.close();
    }

    private static byte[] bytes(HttpResponse<String> response) {
        assertEquals(response.body(), 200, response.statusCode());
        return response.body().getBytes(StandardCharsets.UTF_8);
    }

    private static List<Item> feed(String query) throws Exception {
        return FeedRules.assertValidFeed(bytes(http.get("/torznab/api?" + query + "&apikey=" + KEY)), caps);
    }

    @Test
    public void everyQueryFormFindsItsSeriesWithCleanReleaseNames() throws Exception {
        List<String> failures = new ArrayList<>();
        for (Form form : FORMS) {
            try {
                List<Item> items = feed(form.query());
                assertFalse(form.query() + " finds something", items.isEmpty());
                Set<Integer> found = new TreeSet<>();
                for (Item item : items) {
                    SonarrTitle title = FeedRules.sonarrTitle(item.title());
                    assertEquals(item.title() + " names the series", FeedRules.cleanTitle(form.series()),
                            title.cleanSeries());
                    assertEquals(item.title() + " season", form.season(), title.season());
                    assertTrue(item.title() + " is one of the episodes asked for " + form.episodes(),
                            form.episodes().contains(title.episode()));
                    found.add(title.episode());
                }
                assertEquals(form.query() + ": every episode asked for", new TreeSet<>(form.episodes()), found);
            } catch (AssertionError e) {
                failures.add(form.query() + ": " + e.getMessage());
            }
        }
        assertEquals(FORMS.size() + " forms, failing:\n" + String.join("\n", failures), List.of(), failures);
    }

    @Test
    public void freeTextFindsSeriesByAWordWhileTvSearchStaysStrict() throws Exception {
        List<Item> byWord = feed("t=search&q=Titan&season=1&ep=1");
        assertFalse("t=search finds Attack on Titan by one word", byWord.isEmpty());
        for (Item item : byWord) {
            assertEquals(item.title(), "attackontitan", FeedRules.sonarrTitle(item.title()).cleanSeries());
        }
        assertTrue("on both sites", byWord.stream().map(QueryFormsIT::site).distinct().count() == 2);

        assertEquals("Sonarr's tvsearch keeps a near-identical title", List.of(),
                feed("t=tvsearch&q=Titan&season=1&ep=1"));
        assertEquals("every word must occur", List.of(), feed("t=search&q=" + q("Titan Rookie") + "&season=1&ep=1"));
    }

    private static String site(Item item) {
        return ((Element) item.element().getElementsByTagNameNS("urn:catalogarr:torznab", "site").item(0))
                .getAttribute("id");
    }

    @Test
    public void capsNeedNoKeyButSearchesDo() throws Exception {
        FeedRules.assertValidCaps(bytes(http.get("/torznab/api?t=caps")));
        FeedRules.assertValidCaps(bytes(http.get("/torznab/api?t=caps&apikey=wrong")));
        for (String query : List.of("t=search", "t=search&q=Titan", "t=tvsearch&apikey=wrong")) {
            Element error = FeedRules.parse(bytes(http.get("/torznab/api?" + query))).getDocumentElement();
            assertEquals(query, "error", error.getTagName());
            assertEquals(query, "100", error.getAttribute("code"));
        }
    }
}
