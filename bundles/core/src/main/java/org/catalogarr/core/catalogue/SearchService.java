package org.catalogarr.core.catalogue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.catalogarr.catalogue.api.CatalogueException;
import org.catalogarr.catalogue.api.CatalogueException.Reason;
import org.catalogarr.catalogue.api.CatalogueProvider;
import org.catalogarr.catalogue.api.CatalogueSite;
import org.catalogarr.catalogue.api.Episode;
import org.catalogarr.catalogue.api.Language;
import org.catalogarr.core.catalogue.AvailabilityCache.EpisodeAvailability;
import org.catalogarr.core.threads.DaemonThreads;
import org.catalogarr.settings.Settings;
import org.catalogarr.settings.SettingsRules;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
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
 * Asks every enabled site at once, each within its own {@code search_timeout_seconds}, and merges the
 * answers by site priority. A site that fails or runs out of time becomes a {@link SiteFailure} next to
 * the others' results; the same episode on two sites stays two entries. A site's answers are reused
 * for {@code result_cache_seconds}, until that site changes.
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

    private record EpisodeRef(int season, int episode) {
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
    private final ExecutorService pool = Executors.newCachedThreadPool(DaemonThreads.named("catalogarr-search"));
    private volatile Config config;

    /** Told how each site answered; optional so that a search never waits for the console's bookkeeping. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile SiteActivity activity;
    /** Set when activated by DS; a configuration change is read through it. */
    private Settings settings;

    @Activate
    public SearchService(@Reference CatalogueRegistry registry, @Reference TitleIndex titleIndex,
            @Reference AvailabilityCache availability, @Reference NewReleaseFeed newReleases,
            @Reference Settings settings, Map<String, Object> properties) {
        this(registry, titleIndex, availability, newReleases, settings.apply(PID, Config.class, RULES, properties));
        this.settings = settings;
    }

    SearchService(CatalogueRegistry registry, TitleIndex titleIndex, AvailabilityCache availability,
            NewReleaseFeed newReleases, Config config) {
        this.registry = registry;
        this.titleIndex = titleIndex;
        this.availability = availability;
        this.newReleases = newReleases;
        this.config = config;
    }

    @Modified
    void modified(Map<String, Object> properties) {
        config = settings.apply(PID, Config.class, RULES, properties);
        cache.clear();
    }

    @Deactivate
    void stop() {
        pool.shutdownNow();
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
        long started = System.nanoTime();
        Map<CatalogueEntry, CompletableFuture<List<ResultEntry>>> answers = new LinkedHashMap<>();
        for (CatalogueEntry site : sites) {
            // A cached answer is taken on this thread: handing it to the pool would only add latency.
            Optional<List<ResultEntry>> cached = cache.get(site.siteId(), query);
            answers.put(site, cached.isPresent() ? CompletableFuture.completedFuture(cached.get())
                    : CompletableFuture.supplyAsync(() -> siteResults(site, query), pool));
        }
        List<ResultEntry> entries = new ArrayList<>();
        List<SiteFailure> failures = new ArrayList<>();
        answers.forEach((site, answer) -> {
            CatalogueSite settings = site.site().orElseThrow();
            long budget = TimeUnit.SECONDS.toNanos(settings.searchTimeoutSeconds());
            try {
                entries.addAll(answer.get(Math.max(0, started + budget - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
                answer.cancel(true);
                record(site, Reason.TIMEOUT, "did not answer within " + settings.searchTimeoutSeconds() + " s",
                        System.nanoTime() - started);
                failures.add(new SiteFailure(site.siteId(), settings.displayName(), Reason.TIMEOUT, settings.displayName()
                        + " did not answer within its search budget of " + settings.searchTimeoutSeconds() + " s"));
            } catch (ExecutionException e) {
                failures.add(failure(site, e.getCause()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failures.add(new SiteFailure(site.siteId(), settings.displayName(), Reason.TIMEOUT, "interrupted"));
            }
        });
        failures.forEach(f -> LOG.warn("Search for {} on '{}' failed ({}): {}", query.describe(), f.siteId(),
                f.reason().name().toLowerCase(Locale.ROOT).replace('_', ' '), f.message()));
        // Free text keeps each site's order of series, best match first; a series query is ordered by episode.
        entries.sort(query.freeText() ? BY_SITE : BY_PRIORITY);
        return new SearchResult(entries, failures, sites.size());
    }

    private static final Comparator<ResultEntry> BY_SITE = Comparator.comparingInt(ResultEntry::priorityRank)
            .thenComparing(ResultEntry::siteId);
    private static final Comparator<ResultEntry> BY_PRIORITY = BY_SITE
            .thenComparingInt(ResultEntry::season)
            .thenComparingInt(ResultEntry::episode);

    private static SiteFailure failure(CatalogueEntry site, Throwable cause) {
        Throwable root = cause instanceof CompletionException && cause.getCause() != null ? cause.getCause() : cause;
        String name = site.site().orElseThrow().displayName();
        if (root instanceof CatalogueException failure) {
            return new SiteFailure(site.siteId(), name, failure.reason(), failure.getMessage());
        }
        LOG.warn("Search on '{}' failed unexpectedly", site.siteId(), root);
        return new SiteFailure(site.siteId(), name, Reason.SITE_ERROR, String.valueOf(root));
    }

    private List<ResultEntry> siteResults(CatalogueEntry site, SearchQuery query) {
        long askedAt = cache.generation();
        long started = System.nanoTime();
        try {
            List<ResultEntry> entries = seriesResults(site, query);
            cache.put(site.siteId(), query, entries, config.result__cache__seconds(), askedAt);
            SiteActivity seen = activity;
            if (seen != null) {
                seen.searched(site.siteId(), Duration.ofNanos(System.nanoTime() - started));
            }
            return entries;
        } catch (CatalogueException e) {
            record(site, e.reason(), e.getMessage(), System.nanoTime() - started);
            throw new CompletionException(e);
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
        if (wholeTitle.isPresent() && titleIndex.exactTitle(site.siteId(), wholeTitle.get()).isPresent()) {
            return seriesResults(site, query.asWholeTitle());
        }
        List<FoundSeries> found = new ArrayList<>();
        if (query.freeText()) {
            for (TitleIndex.TitleMatch match : titleIndex.resolveWords(site.siteId(), series, FREE_TEXT_SERIES)) {
                // A near-identical title keeps the name asked for (Sonarr's anime search is a t=search and maps
                // releases by the name it searched); a series found by some words is named as the index names it.
                String title = !"words".equals(match.via()) ? series
                        : titleIndex.title(site.siteId(), match.slug()).orElse(match.titleKey());
                found.add(new FoundSeries(match.slug(), title));
            }
        } else {
            titleIndex.resolve(site.siteId(), series)
                    .ifPresent(match -> found.add(new FoundSeries(match.slug(), series)));
        }
        Semaphore permits = new Semaphore(config.probe__concurrency());
        if (found.size() == 1) {
            return seriesEpisodes(site, found.get(0), query, permits);
        }
        // Several series are asked at once, sharing the site's probe permits, so that they fit its budget together.
        List<CompletableFuture<List<ResultEntry>>> perSeries = found.stream()
                .map(f -> CompletableFuture.supplyAsync(() -> {
                    try {
                        return seriesEpisodes(site, f, query, permits);
                    } catch (CatalogueException e) {
                        throw new CompletionException(e);
                    }
                }, pool)).toList();
        List<ResultEntry> entries = new ArrayList<>();
        CatalogueException firstFailure = null;
        for (CompletableFuture<List<ResultEntry>> answer : perSeries) {
            try {
                entries.addAll(answer.join());
            } catch (CompletionException e) {
                firstFailure = firstFailure != null ? firstFailure : e.getCause() instanceof CatalogueException c ? c
                        : new CatalogueException(Reason.SITE_ERROR, String.valueOf(e.getCause()), e.getCause());
            }
        }
        if (firstFailure != null && entries.isEmpty()) {
            throw firstFailure;
        }
        return entries;
    }

    private List<ResultEntry> seriesEpisodes(CatalogueEntry site, FoundSeries series, SearchQuery query,
            Semaphore permits) throws CatalogueException {
        List<EpisodeRef> episodes = episodesAskedFor(site.provider(), series.slug(), query);
        return probe(site, series.title(), series.slug(), episodes, permits);
    }

    /** The episodes a query names: one, a season's, an absolute number's, or without any the latest season's. */
    private static List<EpisodeRef> episodesAskedFor(CatalogueProvider provider, String slug, SearchQuery query)
            throws CatalogueException {
        try {
            if (query.episode().isPresent()) {
                return List.of(new EpisodeRef(query.season().getAsInt(), query.episode().getAsInt()));
            }
            if (query.season().isPresent()) {
                return refs(provider.episodes(slug, query.season().getAsInt()));
            }
            List<Integer> seasons = provider.series(slug).seasons();
            if (query.absoluteEpisode().isPresent()) {
                return absolute(provider, slug, seasons, query.absoluteEpisode().getAsInt());
            }
            int latest = seasons.stream().mapToInt(Integer::intValue).filter(s -> s > 0).max().orElse(0);
            return seasons.contains(latest) ? refs(provider.episodes(slug, latest)) : List.of();
        } catch (CatalogueException e) {
            if (e.reason() == Reason.NOT_FOUND) {
                return List.of();
            }
            throw e;
        }
    }

    /** Counts through the regular seasons in order: anime absolute number N is the N-th episode of all of them. */
    private static List<EpisodeRef> absolute(CatalogueProvider provider, String slug, List<Integer> seasons, int number)
            throws CatalogueException {
        int before = 0;
        for (int season : seasons.stream().filter(s -> s > 0).sorted().toList()) {
            List<Episode> episodes = provider.episodes(slug, season);
            if (number <= before + episodes.size()) {
                return List.of(new EpisodeRef(season, episodes.get(number - before - 1).number()));
            }
            before += episodes.size();
        }
        return List.of();
    }

    private static List<EpisodeRef> refs(List<Episode> episodes) {
        return episodes.stream().map(e -> new EpisodeRef(e.season(), e.number())).toList();
    }

    /**
     * Asks the episode pages (or their stored answers) a few at a time, so a season search does not take
     * as many round trips as it has episodes. Episodes that do not exist are left out; when every page
     * fails, the first failure is the site's answer.
     */
    private List<ResultEntry> probe(CatalogueEntry site, String seriesTitle, String slug, List<EpisodeRef> episodes,
            Semaphore permits) throws CatalogueException {
        List<CompletableFuture<List<ResultEntry>>> probes = new ArrayList<>();
        for (EpisodeRef ref : episodes) {
            probes.add(CompletableFuture.supplyAsync(() -> {
                permits.acquireUninterruptibly();
                try {
                    EpisodeAvailability seen = availability.languages(site.siteId(), slug, ref.season(), ref.episode());
                    return entries(site, seriesTitle, slug, ref, seen);
                } catch (CatalogueException e) {
                    throw new CompletionException(e);
                } finally {
                    permits.release();
                }
            }, pool));
        }
        List<ResultEntry> entries = new ArrayList<>();
        CatalogueException firstFailure = null;
        int failed = 0;
        for (CompletableFuture<List<ResultEntry>> probe : probes) {
            try {
                entries.addAll(probe.join());
            } catch (CompletionException e) {
                CatalogueException cause = e.getCause() instanceof CatalogueException c ? c
                        : new CatalogueException(Reason.SITE_ERROR, String.valueOf(e.getCause()), e.getCause());
                if (cause.reason() != Reason.NOT_FOUND) {
                    failed++;
                    firstFailure = firstFailure == null ? cause : firstFailure;
                }
            }
        }
        if (firstFailure != null && entries.isEmpty() && failed == episodes.size()) {
            throw firstFailure;
        }
        return entries;
    }

    /** One entry per offered language, the site's preferred languages first. */
    private static List<ResultEntry> entries(CatalogueEntry site, String seriesTitle, String slug, EpisodeRef ref,
            EpisodeAvailability seen) {
        CatalogueSite settings = site.site().orElseThrow();
        List<Language> order = new ArrayList<>(settings.defaultLanguages());
        for (Language language : Language.values()) {
            if (!order.contains(language)) {
                order.add(language);
            }
        }
        return order.stream().filter(seen.languages()::contains)
                .map(language -> new ResultEntry(site.siteId(), settings.displayName(), settings.searchPriority(),
                        settings.anime(), seriesTitle, slug, ref.season(), ref.episode(), language,
                        SizeEstimate.of(ref.season()), seen.checkedAt()))
                .toList();
    }
}
