package org.catalogarr.launcher;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import javax.xml.parsers.DocumentBuilderFactory;

import org.catalogarr.testkit.FakeAniWorld;
import org.catalogarr.testkit.FakeSite;
import org.catalogarr.testkit.FakeSto;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Black-box: which series a Sonarr query lands on, per site, through the started distribution against fake
 * AniWorld and s.to of its own. Main titles, every kind of alternative title, names that only the site's search
 * knows (confirmed by the series page behind the first query, which costs the site one round trip only),
 * short forms, year suffixes, and look-alikes that must find nothing; a learnt alias needs no second search; a site that moved its domain is followed and reported; s.to's v1
 * markup is a layout change.
 */
public class TitleResolutionIT {

    private static final String KEY = "titles-key";
    private static final String NAMESPACE = "urn:catalogarr:torznab";

    @ClassRule
    public static TemporaryFolder temp = new TemporaryFolder();

    private static Installation installation;
    private static Http http;
    private static FakeAniWorld aniworld;
    private static FakeSto sto;

    /**
     * A query for one episode on one site, and the slug it must find there; null: nothing on that site.
     */
    private record Row(String site, String query, int season, int episode, String slug) {

        @Override
        public String toString() {
            return site + " '" + query + "' S" + season + "E" + episode + " -> " + (slug == null ? "no match" : slug);
        }
    }

    private static Row row(String site, String query, int season, int episode, String slug) {
        return new Row(site, query, season, episode, slug);
    }

    private static final List<Row> ROWS = List.of(
            // AniWorld: main titles, alternatives of the index (romaji, Japanese, quoted), years.
            row("aniworld", "Attack on Titan", 1, 1, "attack-on-titan"),
            row("aniworld", "Shingeki no Kyojin", 1, 1, "attack-on-titan"),
            row("aniworld", "進撃の巨人", 1, 1, "attack-on-titan"),
            row("aniworld", "Shingeki no Kyojin (2013)", 1, 1, "attack-on-titan"),
            row("aniworld", "Attack on Titan 2013", 1, 1, "attack-on-titan"),
            row("aniworld", "Kaguya-sama wa Kokurasetai", 1, 1, "kaguya-sama-love-is-war"),
            row("aniworld", "Love & War", 1, 1, "kaguya-sama-love-is-war"),
            row("aniworld", "Kimetsu no Yaiba", 2, 5, "demon-slayer-kimetsu-no-yaiba"),
            row("aniworld", "Frieren - Nach dem Ende der Reise", 1, 1, "frieren-nach-dem-ende-der-reise"),
            // Only the site's search and the series page know the English name.
            row("aniworld", "Frieren: Beyond Journey's End", 1, 1, "frieren-nach-dem-ende-der-reise"),
            // Short forms.
            row("aniworld", "Kaguya-sama", 1, 1, "kaguya-sama-love-is-war"),
            row("aniworld", "Demon Slayer", 2, 5, "demon-slayer-kimetsu-no-yaiba"),
            row("aniworld", "Frieren", 1, 1, "frieren-nach-dem-ende-der-reise"),
            // Look-alikes and junk: the episodes exist on the look-alike series, so a wrong match would show.
            row("aniworld", "Rick and Morty: The Anime", 1, 1, "rick-and-morty-the-anime"),
            row("aniworld", "Rick and Morty", 1, 1, null),
            row("aniworld", "Naruto Shippuden", 1, 220, null),
            row("aniworld", "Breaking Bad", 1, 1, null),
            // s.to: main titles, alternatives of the v2 index, accents, years.
            row("sto", "Dark", 3, 8, "dark"),
            row("sto", "Dark Matter", 1, 1, "dark-matter"),
            row("sto", "Rick and Morty", 8, 5, "rick-and-morty"),
            row("sto", "Elite", 8, 8, "elite"),
            row("sto", "Haus des Geldes", 1, 1, "haus-des-geldes"),
            row("sto", "Money Heist", 1, 1, "haus-des-geldes"),
            row("sto", "La casa de papel", 1, 1, "haus-des-geldes"),
            row("sto", "Money Heist (2017)", 1, 1, "haus-des-geldes"),
            row("sto", "Die Brücke – Transit in den Tod", 1, 1, "die-bruecke"),
            row("sto", "9-1-1", 8, 12, "9-1-1"),
            row("sto", "9-1-1: Lone Star", 5, 12, "9-1-1-lone-star"),
            // Only the suggest API and the series page ("Alternative Titel") know the English name.
            row("sto", "The Bridge", 1, 1, "die-bruecke"),
            // A short form, and one that is a whole series of its own.
            row("sto", "Die Brücke", 1, 1, "die-bruecke"),
            // Look-alikes.
            row("sto", "The Rookie: Feds", 7, 10, null),
            row("sto", "Dark Matters of the Heart", 3, 8, null));

    @BeforeClass
    public static void start() throws Exception {
        aniworld = (FakeAniWorld) new FakeAniWorld().start();
        sto = (FakeSto) new FakeSto().start();
        installation = new Installation(temp.getRoot().toPath());
        Path config = installation.config;
        FakeCatalogues.startAndConfigure(installation.home.resolve("config"), config, true);
        pointAt(config.resolve("org.catalogarr.site.aniworld.cfg"), aniworld);
        pointAt(config.resolve("org.catalogarr.site.sto.cfg"), sto);
        Files.writeString(config.resolve("org.catalogarr.search.cfg"), "result_cache_seconds = 0\n");
        Files.writeString(config.resolve("org.catalogarr.torznab.cfg"), "api_key = " + KEY + "\n");
        installation.start();
        http = installation.http;
        http.awaitHealth(h -> "ok".equals(h.path("status").asText()) && indexed(h, "aniworld") && indexed(h, "sto"),
                Duration.ofSeconds(60));
    }

    /** The shared fakes' config, pointed at this class's own fakes, whose modes and request logs it may change. */
    private static void pointAt(Path file, FakeSite site) throws Exception {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Files.writeString(file, text.replaceAll("(?m)^base_url = .*$", "base_url = " + site.baseUrl()),
                StandardCharsets.UTF_8);
    }

    private static boolean indexed(JsonNode health, String site) {
        return Http.catalogue(health, site).path("index").path("titles").asInt() > 0;
    }

    @AfterClass
    public static void stop() throws InterruptedException {
        if (installation != null) {
            installation.close();
        }
        if (aniworld != null) {
            aniworld.close();
            sto.close();
        }
    }

    @Test
    public void everyQueryLandsOnItsSeriesOrOnNothing() throws Exception {
        List<String> failures = new ArrayList<>();
        for (Row row : ROWS) {
            Set<String> slugs = slugs(search(row.query(), row.season(), row.episode()), row.site());
            Set<String> expected = row.slug() == null ? Set.of() : Set.of(row.slug());
            if (!expected.equals(slugs)) {
                failures.add(row + ", found " + slugs);
            }
        }
        assertEquals(ROWS.size() + " rows, failing:\n" + String.join("\n", failures), List.of(), failures);
    }

    @Test
    public void anAliasTheSearchTaughtNeedsNoSecondSearch() throws Exception {
        assertLearntOnce(aniworld, "Sousou no Frieren", "frieren-nach-dem-ende-der-reise", "POST /ajax/search");
        assertLearntOnce(sto, "Bron/Broen", "die-bruecke", "GET /api/search/suggest");
    }

    private static void assertLearntOnce(FakeSite site, String query, String slug, String searchRequest)
            throws Exception {
        site.clearRequests();
        assertEquals("the first query finds it", Set.of(slug), slugs(search(query, 1, 1), site.name()));
        assertTrue("it asks the search: " + site.requests(), asked(site, searchRequest));
        assertTrue("and reads the series page: " + site.requests(), asked(site, "GET " + seriesPath(site, slug)));

        site.clearRequests();
        assertEquals(Set.of(slug), slugs(search(query + " (2023)", 1, 1), site.name()));
        assertEquals(Set.of(slug), slugs(search(query, 1, 1), site.name()));
        assertFalse("a remembered alias asks no search: " + site.requests(), asked(site, searchRequest));
        assertFalse("nor the series page: " + site.requests(), asked(site, "GET " + seriesPath(site, slug)));
    }

    private static String seriesPath(FakeSite site, String slug) {
        return (site instanceof FakeAniWorld ? "/anime/stream/" : "/serie/") + slug;
    }

    private static boolean asked(FakeSite site, String request) {
        return site.requests().stream().anyMatch(r -> r.equals(request) || r.startsWith(request + "?"));
    }

    @Test
    public void aSiteThatMovedIsFollowedAndTheNewAddressReported() throws Exception {
        try (FakeSto newHome = new FakeSto()) {
            newHome.start();
            sto.movedTo(newHome.baseUrl().toString());
            try {
                assertEquals(Set.of("dark"), slugs(search("Dark", 3, 7), "sto"));
                assertTrue("the new host answered: " + newHome.requests(),
                        newHome.requests().contains("GET /serie/dark/staffel-3/episode-7"));
                JsonNode catalogue = Http.catalogue(http.health(), "sto");
                assertEquals(newHome.baseUrl().toString(), catalogue.path("moved_to").asText());
                assertTrue(catalogue.toString(), catalogue.path("problems").toString()
                        .contains("set base_url = " + newHome.baseUrl()));
                String log = Files.readString(installation.output, StandardCharsets.UTF_8);
                assertTrue("the log names the new address", log.contains("put base_url = " + newHome.baseUrl()));
            } finally {
                sto.movedTo(null);
            }
            search("Dark", 3, 6);
            assertTrue("back home, no move is reported",
                    Http.catalogue(http.health(), "sto").path("moved_to").isMissingNode()
                            || Http.catalogue(http.health(), "sto").path("moved_to").isNull());
        }
    }

    @Test
    public void stosV1MarkupIsALayoutChange() throws Exception {
        sto.v1Markup(true);
        try {
            Document feed = feed(search("Silo", 2, 2));
            assertEquals(Set.of(), slugs(feed, "sto"));
            NodeList warnings = feed.getElementsByTagNameNS(NAMESPACE, "warning");
            List<String> stoWarnings = new ArrayList<>();
            for (int i = 0; i < warnings.getLength(); i++) {
                Element warning = (Element) warnings.item(i);
                if ("sto".equals(warning.getAttribute("site"))) {
                    stoWarnings.add(warning.getAttribute("reason") + ": " + warning.getTextContent());
                }
            }
            assertEquals(stoWarnings.toString(), 1, stoWarnings.size());
            assertTrue(stoWarnings.get(0), stoWarnings.get(0).startsWith("LAYOUT_CHANGED: ")
                    && stoWarnings.get(0).contains("v1 markup"));
        } finally {
            sto.v1Markup(false);
        }
    }

    private static HttpResponse<String> search(String query, int season, int episode) throws Exception {
        HttpResponse<String> response = http.get("/torznab/api?t=tvsearch&apikey=" + KEY + "&q="
                + URLEncoder.encode(query, StandardCharsets.UTF_8) + "&season=" + season + "&ep=" + episode);
        assertEquals(query + ": " + response.body(), 200, response.statusCode());
        return response;
    }

    private static Document feed(HttpResponse<String> response) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(
                response.body().getBytes(StandardCharsets.UTF_8)));
    }

    private static Set<String> slugs(HttpResponse<String> response, String siteId) throws Exception {
        return slugs(feed(response), siteId);
    }

    /** The slugs of a site's items, read from their download links. */
    private static Set<String> slugs(Document feed, String siteId) {
        Set<String> slugs = new TreeSet<>();
        NodeList items = feed.getElementsByTagName("item");
        for (int i = 0; i < items.getLength(); i++) {
            Element item = (Element) items.item(i);
            Element site = (Element) item.getElementsByTagNameNS(NAMESPACE, "site").item(0);
            if (!siteId.equals(site.getAttribute("id"))) {
                continue;
            }
            String link = item.getElementsByTagName("link").item(0).getTextContent();
            Arrays.stream(URI.create(link).getRawQuery().split("&")).filter(p -> p.startsWith("slug="))
                    .map(p -> URLDecoder.decode(p.substring(5), StandardCharsets.UTF_8)).forEach(slugs::add);
        }
        return slugs;
    }
}
