package org.catalogarr.launcher;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import org.catalogarr.testkit.FakeAniWorld;
import org.catalogarr.testkit.FakeMp4Host;
import org.catalogarr.testkit.FakeSto;
import org.catalogarr.testkit.FeedRules;
import org.catalogarr.testkit.FeedRules.Item;
import org.catalogarr.testkit.ListedRelease;
import org.catalogarr.testkit.ListingFailure;
import org.junit.After;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Black-box: Sonarr's RSS sync (the feed without a query) on a fresh install lists the fake sites' new
 * episodes, merged newest first with the sites' release times, paged and narrowed to categories; only
 * languages the episode pages offer; a failing listing is a warning next to the other site's items; and
 * an item of the feed downloads.
 */
public class RssFeedIT {

    private static final String RSS = "t=tvsearch&cat=5030,5040,5070&extended=1";
    private static final Set<String> COMPLETED = Set.of("uploading", "stalledUP", "pausedUP", "stoppedUP", "queuedUP",
            "forcedUP", "checkingUP");

    @ClassRule
    public static TemporaryFolder temp = new TemporaryFolder();

    private static Installation installation;
    private static Http http;
    private static byte[] caps;

    /** An item as the magnet names it, with its release time. */
    private record Listed(String site, String slug, int season, int episode, String language, Instant pubDate) {
    }

    @BeforeClass
    public static void start() throws Exception {
        installation = new Installation(temp.getRoot().toPath());
        FakeCatalogues.startAndConfigure(installation.home.resolve("config"), installation.config, true);
        // Every request reads the listings again, so a failing listing shows at once.
        Files.writeString(installation.config.resolve("org.catalogarr.search.cfg"), "new_releases_cache_seconds = 0\n");
        Files.writeString(installation.config.resolve("org.catalogarr.qbit.cfg"), "username = sonarr\npassword = s3cret\n");
        installation.start();
        http = installation.http;
        http.awaitHealth(h -> "ok".equals(h.path("status").asText())
                && Http.catalogue(h, "aniworld").path("index").path("titles").asInt() > 0
                && Http.catalogue(h, "sto").path("index").path("titles").asInt() > 0, Duration.ofSeconds(60));
        caps = http.get("/torznab/api?t=caps").body().getBytes(StandardCharsets.UTF_8);
    }

    @AfterClass
    public static void stop() throws InterruptedException {
        installation.close();
    }

    @After
    public void normalListings() {
        ((FakeSto) FakeCatalogues.site("sto")).listingFailure(ListingFailure.NONE);
        ((FakeAniWorld) FakeCatalogues.site("aniworld")).listingFailure(ListingFailure.NONE);
    }

    private static HttpResponse<String> api(String query) throws Exception {
        return http.get("/torznab/api?" + query);
    }

    private static List<Item> feed(String query) throws Exception {
        return FeedRules.assertValidFeed(api(query).body().getBytes(StandardCharsets.UTF_8), caps);
    }

    private static Listed listed(Item item) {
        Map<String, String> magnet = new LinkedHashMap<>();
        for (String pair : item.attr("magneturl").substring("magnet:?".length()).split("&")) {
            int eq = pair.indexOf('=');
            magnet.putIfAbsent(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return new Listed(magnet.get("x.catalogarr.site"), magnet.get("x.catalogarr.slug"),
                Integer.parseInt(magnet.get("x.catalogarr.season")), Integer.parseInt(magnet.get("x.catalogarr.episode")),
                magnet.get("x.catalogarr.lang"), item.pubDate());
    }

    /** What the fakes list and their pages offer, newest first; AniWorld (priority 1) first at equal times. */
    private static List<Listed> expected(boolean aniworld, boolean sto) {
        List<Listed> expected = new ArrayList<>();
        if (aniworld) {
            FakeAniWorld.NEW_EPISODES.stream().filter(ListedRelease::offered).forEach(r -> expected.add(of("aniworld", r)));
        }
        if (sto) {
            FakeSto.NEW_EPISODES.stream().filter(ListedRelease::offered).forEach(r -> expected.add(of("sto", r)));
        }
        expected.sort(Comparator.comparing(Listed::pubDate).reversed().thenComparing(Listed::site));
        return expected;
    }

    private static Listed of(String site, ListedRelease release) {
        return new Listed(site, release.slug(), release.season(), release.episode(), release.language(),
                release.releasedAt());
    }

    private static List<Element> warnings(String body) {
        NodeList nodes = FeedRules.parse(body.getBytes(StandardCharsets.UTF_8))
                .getElementsByTagNameNS("urn:catalogarr:torznab", "warning");
        return IntStream.range(0, nodes.getLength()).mapToObj(i -> (Element) nodes.item(i)).toList();
    }

    @Test
    public void aFreshInstallListsBothSitesNewEpisodesNewestFirstWithTheirReleaseTimes() throws Exception {
        List<Item> items = feed(RSS + "&offset=0&limit=100");

        FeedRules.assertNewestFirst(items);
        assertEquals(expected(true, true), items.stream().map(RssFeedIT::listed).toList());
        Item kaguya = items.get(0);
        assertTrue(kaguya.title(), kaguya.title().startsWith("Kaguya.sama.Love.is.War.S01E06.GerSub."));
        assertTrue(warnings(api(RSS).body()).isEmpty());
    }

    @Test
    public void aLanguageTheEpisodePageDoesNotOfferIsNotListed() throws Exception {
        List<Listed> items = feed(RSS + "&limit=100").stream().map(RssFeedIT::listed).toList();

        assertTrue(items.stream().anyMatch(i -> i.slug().equals("one-piece") && i.episode() == 5));
        assertFalse(items.stream().anyMatch(i -> i.slug().equals("one-piece") && i.episode() == 5
                && i.language().equals("english-sub")));
        assertFalse(items.stream().anyMatch(i -> i.slug().equals("attack-on-titan") && i.episode() == 2
                && i.language().equals("german-dub")));
        assertFalse(items.stream().anyMatch(i -> i.slug().equals("silo") && i.episode() == 3
                && i.language().equals("english-dub")));
    }

    @Test
    public void pagesFollowOneAnotherAndCategoriesNarrowTheFeed() throws Exception {
        List<String> all = feed(RSS + "&limit=100").stream().map(Item::guid).toList();
        List<String> paged = new ArrayList<>();
        for (int offset = 0; offset < all.size(); offset += 20) {
            List<Item> page = feed(RSS + "&offset=" + offset + "&limit=20");
            assertEquals(Math.min(20, all.size() - offset), page.size());
            page.forEach(item -> paged.add(item.guid()));
        }
        assertEquals(all, paged);
        assertEquals(List.of(), feed(RSS + "&offset=" + all.size() + "&limit=20"));

        assertEquals(expected(true, false), feed("t=tvsearch&cat=5070&limit=100").stream().map(RssFeedIT::listed).toList());
        assertEquals(expected(false, true), feed("t=tvsearch&cat=5040&limit=100").stream().map(RssFeedIT::listed).toList());
        assertEquals(expected(true, false), feed("t=search&cat=5070&limit=100").stream().map(RssFeedIT::listed).toList());
    }

    @Test
    public void aFailingListingIsAWarningNextToTheOtherSitesItems() throws Exception {
        ((FakeSto) FakeCatalogues.site("sto")).listingFailure(ListingFailure.LAYOUT_CHANGED);

        HttpResponse<String> answer = api(RSS + "&limit=100");

        List<Element> warnings = warnings(answer.body());
        assertEquals(1, warnings.size());
        assertEquals("sto", warnings.get(0).getAttribute("site"));
        assertEquals("LAYOUT_CHANGED", warnings.get(0).getAttribute("reason"));
        assertTrue(warnings.get(0).getTextContent(), warnings.get(0).getTextContent().contains("section.latest-episodes"));
        List<Listed> items = FeedRules.assertValidFeed(answer.body().getBytes(StandardCharsets.UTF_8), caps).stream()
                .map(RssFeedIT::listed).toList();
        assertEquals(expected(true, false), items.stream().filter(i -> i.site().equals("aniworld")).toList());
        // The last good listing of s.to stands in when this class read one before; none otherwise.
        List<Listed> sto = items.stream().filter(i -> i.site().equals("sto")).toList();
        assertTrue(sto.toString(), sto.isEmpty() || sto.equals(expected(false, true)));
    }

    @Test
    public void anItemOfTheFeedIsTheSameTorrentAsTheSearchFindsAndDownloads() throws Exception {
        Item newest = feed(RSS + "&limit=1").get(0);
        Listed episode = listed(newest);
        Item searched = feed("t=tvsearch&cat=5070&q=" + URLEncoder.encode("Kaguya-sama: Love is War",
                StandardCharsets.UTF_8) + "&season=" + episode.season() + "&ep=" + episode.episode()).stream()
                .filter(i -> listed(i).language().equals(episode.language())).findFirst().orElseThrow();
        assertEquals(newest.attr("infohash"), searched.attr("infohash"));
        assertEquals(newest.attr("magneturl"), searched.attr("magneturl"));

        QbitClient qbit = new QbitClient(http);
        assertEquals("Ok.", qbit.login("sonarr", "s3cret").body());
        assertEquals("Ok.", qbit.post("torrents/add", Map.of("urls", newest.attr("magneturl"))).body());
        var done = qbit.awaitTorrent(newest.attr("infohash"), t -> t.path("progress").asDouble() == 1.0
                && COMPLETED.contains(t.path("state").asText()), Duration.ofSeconds(60));

        assertEquals(newest.title(), done.path("name").asText());
        assertArrayEquals(FakeMp4Host.content(FakeAniWorld.mediaId(episode.slug(), episode.season(), episode.episode(),
                episode.language())), Files.readAllBytes(Path.of(done.path("content_path").asText())));
    }
}
