package org.catalogarr.core.catalogue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.catalogarr.catalogue.api.CatalogueException;
import org.catalogarr.catalogue.api.CatalogueException.Reason;
import org.catalogarr.core.threads.BoundedPool;
import org.catalogarr.core.threads.ParallelWork;
import org.catalogarr.core.threads.ParallelWork.Outcome;
import org.catalogarr.core.threads.Pending;
import org.catalogarr.core.threads.ProbePool;
import org.catalogarr.core.threads.SearchPool;
import org.catalogarr.core.threads.SingleFlight;
import org.catalogarr.settings.Settings;
import org.catalogarr.settings.SettingsRules;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks every enabled site at once ({@link SiteFanOut}), each within its own {@code search_timeout_seconds},
 * and merges the answers by site priority. What a site is asked: the series the query names there, found
 * through the {@link TitleIndex}, and the episodes of it the query names ({@link EpisodePlan}), whose pages
 * {@link EpisodeProbes} asks. A site that fails or runs out of time becomes a {@link SiteFailure} next to
 * the others' results; the same episode on two sites stays two entries. A site's answers are reused for
 * {@code result_cache_seconds}, until that site changes, and identical searches in flight at the same time
 * share one ({@link SingleFlight}).
 */
@Component(service = {SearchService.class, EventHandler.class}, configurationPid = SearchService.PID, property = {
    EventConstants.EVENT_TOPIC + "=" + CatalogueRegistry.TOPIC_CHANGED,
    EventConstants.EVENT_TOPIC + "=" + TitleIndex.TOPIC_REFRESH})
@Designate(ocd = SearchService.Config.class)
public class SearchService implements EventHandler {

    static final String PID = "org.catalogarr.search";

    @ObjectClassDefinition(name = "Catalogarr search", description = "How searches ask the catalogue sites.")
    public @interface Config {
        @AttributeDefinition(name = "Result cache (seconds)",
                description = "How long a site's answer to the same query is reused, so Sonarr's repeated queries do"
                        + " not hammer the sites; 0 turns the cache off.", min = "0")
        int result__cache__seconds() default 120;

        @AttributeDefinition(name = "Episode pages asked at once, per site", min = "1", max = "32")
        int probe__concurrency() default 6;

        @AttributeDefinition(name = "New episodes cache (seconds)",
                description = "How long a site's listing of new episodes, which the feed without a query (Sonarr's"
                        + " RSS sync) is made from, is reused; 0 reads it for every request.", min = "0", max = "3600")
        int new__releases__cache__seconds() default 90;
    }

    static final SettingsRules RULES = SettingsRules.none()
            .range("result_cache_seconds", 0, 24 * 3600)
            .range("probe_concurrency", 1, 32)
            .range("new_releases_cache_seconds", 0, 3600);

    private static final Logger LOG = LoggerFactory.getLogger(SearchService.class);

    /** A site search in flight: the query's canonical key, and the cache generation it was asked in. */
    private record FlightKey(String siteId, String query, long generation) {
    }

    /** A series a query found on a site, with the name its releases carry. */
    private record FoundSeries(String slug, String title) {
    }

    /** How many series free text finds per site at most: a manual search shows a few, not a site's whole index. */
    static final int FREE_TEXT_SERIES = 5;

    private final CatalogueRegistry registry;
    private final TitleIndex titleIndex;
    private final AvailabilityCache availability;
    private final NewReleaseFeed newReleases;
    private final SearchResultCache cache = new SearchResultCache();
    private final QueryKeys queryKeys = new QueryKeys();
    private final SingleFlight<FlightKey, List<ResultEntry>> flights = new SingleFlight<>();
    private final Supplier<BoundedPool> searchPool;
    private final Supplier<BoundedPool> probePool;
    private volatile Config config;

    /** Told how each site answered; optional so that a search never waits for the console's bookkeeping. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile SiteActivity activity;
    /** Set when activated by DS; a configuration change is read through it. */
    private Settings settings;

    @Activate
    public SearchService(@Reference CatalogueRegistry registry, @Reference TitleIndex titleIndex,
            @Reference AvailabilityCache availability, @Reference NewReleaseFeed newReleases,
            @Reference SearchPool searchPool, @Reference ProbePool probePool, @Reference Settings settings,
            Map<String, Object> properties) {
        this(registry, titleIndex, availability, newReleases, searchPool::pool, probePool::pool,
                settings.apply(PID, Config.class, RULES, properties));
        this.settings = settings;
    }

    SearchService(CatalogueRegistry registry, TitleIndex titleIndex, AvailabilityCache availability,
            NewReleaseFeed newReleases, Supplier<BoundedPool> searchPool, Supplier<BoundedPool> probePool,
            Config config) {
        this.registry = registry;
        this.titleIndex = titleIndex;
        this.availability = availability;
        this.newReleases = newReleases;
        this.searchPool = searchPool;
        this.probePool = probePool;
        this.config = config;
    }

    @Modified
    void modified(Map<String, Object> properties) {
        config = settings.apply(PID, Config.class, RULES, properties);
        cache.clear();
    }

    @Override
    public void handleEvent(Event event) {
        Object siteId = event.getProperty(CatalogueRegistry.EVENT_SITE_ID);
        if (siteId == null) {
            cache.clear();
        } else {
            cache.dropSite(siteId.toString());
        }
    }

    /**
     * Asks every enabled site in parallel; returns when the slowest has answered or used up its budget.
     * Without a series the answer is the sites' new episodes.
     */
    public SearchResult search(SearchQuery query) {
        if (query.series().isEmpty()) {
            return newReleases.feed();
        }
        List<CatalogueEntry> sites = registry.snapshot().enabled();
        // Once per search, not once per site.
        String key = queryKeys.of(query);
        long started = System.nanoTime();
        List<ResultEntry> entries = new ArrayList<>();
        List<SiteFailure> failures = new ArrayList<>();
        for (SiteFanOut.Answer<List<ResultEntry>> answer : SiteFanOut.ask(sites, site -> ask(site, query, key),
                site -> started + TimeUnit.SECONDS.toNanos(site.site().orElseThrow().searchTimeoutSeconds()))) {
            answer.value().ifPresent(entries::addAll);
            answer.failure().ifPresent(failures::add);
            // A site's own failures are recorded where they happen; running out of time is only seen here.
            answer.failure().filter(f -> f.reason() == Reason.TIMEOUT)
                    .ifPresent(f -> record(answer.site(), Reason.TIMEOUT, f.message(), System.nanoTime() - started));
        }
        failures.forEach(f -> LOG.warn("Search for {} on '{}' failed ({}): {}", query.describe(), f.siteId(),
                f.reason().name().toLowerCase(Locale.ROOT).replace('_', ' '), f.message()));
        // Free text keeps each site's order of series, best match first; a series query is ordered by episode.
        entries.sort(query.freeText() ? BY_SITE : BY_PRIORITY);
        return new SearchResult(entries, failures, sites.size());
    }

    /**
     * The site's cached answer, taken on this thread (handing it to the pool would only add latency), else
     * the search of the same query in flight, else a new one on the search pool.
     */
    private Pending<List<ResultEntry>> ask(CatalogueEntry site, SearchQuery query, String key) {
        Optional<List<ResultEntry>> cached = cache.get(site.siteId(), key);
        if (cached.isPresent()) {
            return Pending.done(cached.get());
        }
        long generation = cache.generation();
        return flights.join(new FlightKey(site.siteId(), key, generation),
                () -> searchPool.get().submit(() -> siteResults(site, query, key, generation)));
    }

    private static final Comparator<ResultEntry> BY_SITE = Comparator.comparingInt(ResultEntry::priorityRank)
            .thenComparing(ResultEntry::siteId);
    private static final Comparator<ResultEntry> BY_PRIORITY = BY_SITE
            .thenComparingInt(ResultEntry::season)
            .thenComparingInt(ResultEntry::episode);

    private List<ResultEntry> siteResults(CatalogueEntry site, SearchQuery query, String key, long askedAt)
            throws CatalogueException {
        long started = System.nanoTime();
        try {
            List<ResultEntry> entries = seriesResults(site, query);
            cache.put(site.siteId(), key, entries, config.result__cache__seconds(), askedAt);
            SiteActivity seen = activity;
            if (seen != null) {
                seen.searched(site.siteId(), Duration.ofNanos(System.nanoTime() - started));
            }
            return entries;
        } catch (CatalogueException e) {
            record(site, e.reason(), e.getMessage(), System.nanoTime() - started);
            throw e;
        }
    }

    private void record(CatalogueEntry site, Reason reason, String message, long nanos) {
        SiteActivity seen = activity;
        if (seen != null) {
            seen.failed(site.siteId(), reason, message, Optional.of(Duration.ofNanos(nanos)));
        }
    }

    private List<ResultEntry> seriesResults(CatalogueEntry site, SearchQuery query) throws CatalogueException {
        String series = query.series().orElseThrow();
        Optional<String> wholeTitle = query.wholeTitle();
        if (wholeTitle.isPresent() && titleIndex.exactTitle(site, wholeTitle.get()).isPresent()) {
            return seriesResults(site, query.asWholeTitle());
        }
        List<FoundSeries> found = new ArrayList<>();
        if (query.freeText()) {
            for (TitleIndex.TitleMatch match : titleIndex.resolveWords(site, series, FREE_TEXT_SERIES)) {
                // A near-identical title keeps the name asked for (Sonarr's anime search is a t=search and maps
                // releases by the name it searched); a series found by some words is named as the index names it.
                String title = !"words".equals(match.via()) ? series
                        : titleIndex.title(site.siteId(), match.slug()).orElse(match.titleKey());
                found.add(new FoundSeries(match.slug(), title));
            }
        } else {
            titleIndex.resolve(site, series)
                    .ifPresent(match -> found.add(new FoundSeries(match.slug(), series)));
        }
        EpisodeProbes probes = new EpisodeProbes(availability, probePool.get(), config.probe__concurrency());
        if (found.size() == 1) {
            return seriesEpisodes(site, found.get(0), query, probes);
        }
        // Several series are asked at once, sharing the site's probe limit, so that they fit its budget together.
        Map<FoundSeries, Outcome<List<ResultEntry>>> perSeries;
        try {
            perSeries = ParallelWork.run(probePool.get(), found.size(), found,
                    each -> seriesEpisodes(site, each, query, probes), ParallelWork.noDeadline());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CatalogueException(Reason.TIMEOUT, "The search on " + site.siteId() + " was stopped", e);
        }
        List<ResultEntry> entries = new ArrayList<>();
        CatalogueException firstFailure = null;
        for (Outcome<List<ResultEntry>> outcome : perSeries.values()) {
            if (!outcome.failed()) {
                entries.addAll(outcome.value());
            } else if (firstFailure == null) {
                firstFailure = outcome.failure() instanceof CatalogueException c ? c
                        : new CatalogueException(Reason.SITE_ERROR, String.valueOf(outcome.failure()), outcome.failure());
            }
        }
        if (firstFailure != null && entries.isEmpty()) {
            throw firstFailure;
        }
        return entries;
    }

    private static List<ResultEntry> seriesEpisodes(CatalogueEntry site, FoundSeries series, SearchQuery query,
            EpisodeProbes probes) throws CatalogueException {
        return probes.probe(site, series.title(), series.slug(), EpisodePlan.of(site.provider(), series.slug(), query));
    }
}
