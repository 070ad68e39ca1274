package org.catalogarr.core.catalogue;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.lang.annotation.Annotation;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.catalogarr.catalogue.api.CatalogueException;
import org.catalogarr.catalogue.api.CatalogueException.Reason;
import org.catalogarr.catalogue.api.CatalogueSite;
import org.catalogarr.catalogue.api.EpisodeOffers;
import org.catalogarr.catalogue.api.Language;
import org.catalogarr.catalogue.api.NewRelease;
import org.catalogarr.catalogue.api.Offer;
import org.catalogarr.core.store.AvailabilityStore;
import org.catalogarr.core.store.Database;
import org.catalogarr.core.store.TestDatabases;
import org.catalogarr.core.store.TitleMappingStore;
import org.catalogarr.core.torznab.TorznabException;
import org.catalogarr.core.torznab.TorznabRequest;
import org.catalogarr.core.torznab.TorznabSearch;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** The feed without a query as the Torznab indexer pages and narrows it: the merged listings of two sites. */
public class NewEpisodesPageTest {

    private static final Instant NEWEST = Instant.parse("2026-12-04T20:00:00Z");

    private Database database;
    private final TestPools pools = new TestPools();
    private TitleIndex titleIndex;
    private NewReleaseFeed feed;
    private SearchService search;
    private TorznabSearch torznab;
    private final CatalogueRegistry registry = new CatalogueRegistry(new RecordingEventAdmin());
    private final FakeProvider aniworld = new FakeProvider(site("aniworld", 1, true));
    private final FakeProvider sto = new FakeProvider(site("sto", 2, false));

    private static CatalogueSite site(String id, int priority, boolean anime) {
        return new CatalogueSite(id, id, URI.create("https://" + id + ".example"), priority, List.of(Language.GERMAN_DUB),
                true, 2, Set.of(), 24, 6, anime);
    }

    private static SearchService.Config config() {
        return new SearchService.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return SearchService.Config.class;
            }

            @Override
            public int result__cache__seconds() {
                return 0;
            }

            @Override
            public int probe__concurrency() {
                return 4;
            }

            @Override
            public int new__releases__cache__seconds() {
                return 0;
            }
        };
    }

    /** Ten episodes per site; the sites take turns, AniWorld's every 10 minutes from the newest, s.to's 5 minutes later. */
    private static void list(FakeProvider provider, String slug, int minutesLater) {
        List<NewRelease> releases = new ArrayList<>();
        for (int episode = 10; episode >= 1; episode--) {
            provider.offers(slug, new EpisodeOffers(1, episode, Set.of(Language.GERMAN_DUB),
                    List.of(new Offer("VOE", Language.GERMAN_DUB, URI.create("https://x.example/r/" + episode)))));
            releases.add(new NewRelease(slug, slug, 1, episode, Set.of(), NEWEST.minusSeconds(60L
                    * (minutesLater + 10 * (10 - episode)))));
        }
        provider.newReleases(releases);
    }

    @Before
    public void setUp() throws Exception {
        database = TestDatabases.inMemory();
        list(aniworld, "frieren", 0);
        list(sto, "dark", 5);
        registry.addProvider(aniworld);
        registry.addProvider(sto);
        titleIndex = new TitleIndex(registry, new TitleMappingStore(database), pools::probes);
        AvailabilityCache availability = new AvailabilityCache(registry, new AvailabilityStore(database),
                pools.probes::runSoon);
        feed = new NewReleaseFeed(registry, titleIndex, availability, pools::search, pools::probes, config());
        search = new SearchService(registry, titleIndex, availability, feed, pools::search, pools::probes, config());
        torznab = new TorznabSearch(search);
    }

    @After
    public void tearDown() throws InterruptedException {
        pools.close();
        titleIndex.stop();
        TestDatabases.close(database);
    }

    private List<String> page(String... parameters) throws TorznabException {
        Map<String, String[]> query = new LinkedHashMap<>();
        query.put("t", new String[] {"tvsearch"});
        for (int i = 0; i < parameters.length; i += 2) {
            query.put(parameters[i], new String[] {parameters[i + 1]});
        }
        return torznab.answer(TorznabRequest.parse(query)).entries().stream()
                .map(e -> e.slug() + " E" + e.episode()).toList();
    }

    @Test
    public void pagesOfTheMergedFeedFollowOneAnother() throws TorznabException {
        assertEquals(List.of("frieren E10", "dark E10", "frieren E9", "dark E9"), page("limit", "4"));
        assertEquals(List.of("frieren E8", "dark E8", "frieren E7", "dark E7"), page("limit", "4", "offset", "4"));
        assertEquals(List.of("dark E1"), page("limit", "4", "offset", "19"));
        assertEquals(List.of(), page("offset", "20"));
    }

    @Test
    public void categoriesNarrowTheFeedBeforeItIsPaged() throws TorznabException {
        assertEquals(List.of("frieren E8", "frieren E7"), page("cat", "5070", "limit", "2", "offset", "2"));
        assertEquals(List.of("dark E10", "dark E9"), page("cat", "5040", "limit", "2"));
        assertEquals(20, page("cat", "5000").size());
        assertEquals(List.of(), page("cat", "2040"));
    }

    @Test
    public void aFailingListingIsAWarningBesideTheOtherSitesPage() throws TorznabException {
        sto.failNewReleases(new CatalogueException(Reason.BLOCKED, "sto: DDoS-Guard"));

        TorznabSearch.FeedPage page = torznab.answer(TorznabRequest.parse(Map.of("t", new String[] {"search"})));

        assertEquals(10, page.entries().size());
        assertTrue(page.entries().stream().map(ResultEntry::siteId).allMatch("aniworld"::equals));
        assertEquals("sto", page.failures().get(0).siteId());
    }
}
