package org.catalogarr.core.catalogue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.catalogarr.catalogue.api.CatalogueException;
import org.catalogarr.catalogue.api.CatalogueSite;
import org.catalogarr.catalogue.api.IndexedTitle;
import org.catalogarr.core.catalogue.TitleMatcher.Candidate;
import org.catalogarr.core.store.TitleMappingStore;
import org.catalogarr.core.store.TitleMappingStore.IndexState;
import org.catalogarr.core.store.TitleMappingStore.Mapping;
import org.catalogarr.core.store.StoreException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.catalogarr.core.threads.DaemonThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each enabled site's title index, kept as {@code TitleMapping} rows and matched with one
 * {@link TitleMatcher} for every site. An index is fetched when the site comes up, again after its
 * {@code index_refresh_hours}, when its settings change, and on a {@link #TOPIC_REFRESH} event. A
 * failed fetch keeps the last good index; a disabled site is never contacted.
 */
@Component(service = {TitleIndex.class, EventHandler.class}, property = {
    EventConstants.EVENT_TOPIC + "=" + CatalogueRegistry.TOPIC_CHANGED,
    EventConstants.EVENT_TOPIC + "=" + TitleIndex.TOPIC_REFRESH})
public class TitleIndex implements EventHandler {

    /** Post this (optionally with {@code site.id}) to fetch indexes now rather than when they expire. */
    public static final String TOPIC_REFRESH = "org/catalogarr/catalogue/REFRESH";

    private static final Logger LOG = LoggerFactory.getLogger(TitleIndex.class);
    private static final Duration CHECK_EVERY = Duration.ofMinutes(15);

    /** How a query was resolved on one site; {@code titleKey} is the title (or alternative) that matched. */
    public record TitleMatch(String siteId, String slug, String via, double score, String titleKey) {
    }

    /** What /health shows about a site's index. */
    public record Status(int titles, Optional<Instant> refreshedAt, Optional<String> lastError) {
    }

    private final CatalogueRegistry registry;
    private final TitleMappingStore store;
    private final Map<String, List<Candidate>> candidates = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> mainTitles = new ConcurrentHashMap<>();
    private final Map<String, URI> indexedFrom = new ConcurrentHashMap<>();
    private final Map<String, Instant> refreshedAt = new ConcurrentHashMap<>();
    private final Map<String, String> lastErrors = new ConcurrentHashMap<>();
    private final Map<String, Object> refreshLocks = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("catalogarr-title-index"));

    /** Told whether the site answered its index request; optional, as it only feeds the console and /health. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile SiteActivity activity;

    @Activate
    public TitleIndex(@Reference CatalogueRegistry registry, @Reference TitleMappingStore store) {
        this.registry = registry;
        this.store = store;
        scheduler.scheduleWithFixedDelay(this::refreshDue, 0, CHECK_EVERY.toSeconds(), TimeUnit.SECONDS);
    }

    /** Waits briefly for a running fetch, so that it does not write into a database that is closing. */
    @Deactivate
    void stop() throws InterruptedException {
        scheduler.shutdownNow();
        if (!scheduler.awaitTermination(5, TimeUnit.SECONDS)) {
            LOG.warn("A title index fetch was still running when the index stopped");
        }
    }

    @Override
    public void handleEvent(Event event) {
        String siteId = (String) event.getProperty(CatalogueRegistry.EVENT_SITE_ID);
        if (TOPIC_REFRESH.equals(event.getTopic())) {
            scheduler.execute(() -> enabledSites(siteId).forEach(this::refreshQuietly));
        } else if (siteId != null) {
            scheduler.execute(() -> enabledSites(siteId).stream().filter(this::due).forEach(this::refreshQuietly));
        }
    }

    /**
     * The slug of the series the query names on one site: from the index, else from the site's own
     * search; empty when neither has a confident match.
     *
     * @throws CatalogueException when the site has no index yet and cannot be reached, or its search fails
     */
    public Optional<TitleMatch> resolve(String siteId, String query) throws CatalogueException {
        CatalogueEntry entry = registry.snapshot().entry(siteId).filter(CatalogueEntry::enabled)
                .orElseThrow(() -> new IllegalArgumentException("catalogue site '" + siteId + "' is not enabled"));
        Optional<TitleMatcher.Match> fromIndex = TitleMatcher.best(query, candidates(entry));
        if (fromIndex.isPresent()) {
            return Optional.of(found(siteId, query, fromIndex.get(), "index"));
        }
        List<Candidate> hits = new ArrayList<>();
        for (IndexedTitle title : entry.provider().search(query)) {
            hits.addAll(candidatesOf(title));
        }
        Optional<TitleMatcher.Match> fromSearch = TitleMatcher.best(query, hits);
        LOG.debug("'{}' on {}: {} by the site's search", query, siteId, fromSearch.map(m -> m.slug()).orElse("no match"));
        return fromSearch.map(match -> found(siteId, query, match, "search"));
    }

    /**
     * Free text: the series of one site whose titles contain every word of the query, the near-identical
     * match (if any) first, at most {@code limit}; when the index has none, what {@link #resolve} finds.
     *
     * @throws CatalogueException as {@link #resolve}
     */
    public List<TitleMatch> resolveWords(String siteId, String query, int limit) throws CatalogueException {
        CatalogueEntry entry = registry.snapshot().entry(siteId).filter(CatalogueEntry::enabled)
                .orElseThrow(() -> new IllegalArgumentException("catalogue site '" + siteId + "' is not enabled"));
        List<Candidate> known = candidates(entry);
        List<TitleMatch> found = new ArrayList<>();
        TitleMatcher.best(query, known).ifPresent(match -> found.add(found(siteId, query, match, "index")));
        for (TitleMatcher.Match match : TitleMatcher.containingAllWords(query, known, limit)) {
            if (found.size() < limit && found.stream().noneMatch(f -> f.slug().equals(match.slug()))) {
                found.add(found(siteId, query, match, "words"));
            }
        }
        return found.isEmpty() ? resolve(siteId, query).stream().toList() : found;
    }

    /**
     * The series whose title (main or alternative) is exactly this text, in the site's index only: for a
     * title that ends in a number ({@code Mob Psycho 100}), which must not be read as an episode number.
     */
    public Optional<String> exactTitle(String siteId, String text) throws CatalogueException {
        CatalogueEntry entry = registry.snapshot().entry(siteId).filter(CatalogueEntry::enabled)
                .orElseThrow(() -> new IllegalArgumentException("catalogue site '" + siteId + "' is not enabled"));
        String key = TitleMatcher.key(text);
        return candidates(entry).stream().filter(c -> c.titleKey().equals(key)).map(Candidate::slug).findFirst();
    }

    private static TitleMatch found(String siteId, String query, TitleMatcher.Match match, String via) {
        LOG.debug("'{}' on {}: {} by {} (score {}, runner-up {})", query, siteId, match.slug(), via,
                Math.round(match.score() * 10) / 10.0, Math.round(match.runnerUpScore() * 10) / 10.0);
        return new TitleMatch(siteId, match.slug(), via, match.score(), match.titleKey());
    }

    /**
     * The main title of a series as the site's index names it, for feed items that no query named. Known
     * once the index was fetched in this run; a stored index keeps title keys only.
     */
    public Optional<String> title(String siteId, String slug) {
        return Optional.ofNullable(mainTitles.getOrDefault(siteId, Map.of()).get(slug));
    }

    public Status status(String siteId) {
        IndexState state;
        try {
            state = store.state(siteId);
        } catch (StoreException e) {
            return new Status(0, Optional.empty(), Optional.of("database: " + e.getMessage()));
        }
        return new Status(state.titles(), state.refreshedAt(), Optional.ofNullable(lastErrors.get(siteId)));
    }

    /** Fetches the site's index now; the old one stays when this fails. */
    public int refresh(String siteId) throws CatalogueException {
        synchronized (refreshLocks.computeIfAbsent(siteId, id -> new Object())) {
            CatalogueEntry entry = registry.snapshot().entry(siteId).filter(CatalogueEntry::enabled)
                    .orElseThrow(() -> new IllegalArgumentException("catalogue site '" + siteId + "' is not enabled"));
            long started = System.nanoTime();
            CatalogueSite site = entry.site().orElseThrow();
            try {
                List<IndexedTitle> titles = entry.provider().index();
                List<Mapping> mappings = mappings(titles);
                Instant now = Instant.now();
                int stored = store.replace(siteId, mappings, now);
                candidates.put(siteId, mappings.stream().map(m -> new Candidate(m.titleKey(), m.slug())).toList());
                Map<String, String> titlesBySlug = new HashMap<>();
                titles.forEach(t -> titlesBySlug.putIfAbsent(t.slug(), t.title().strip()));
                mainTitles.put(siteId, Map.copyOf(titlesBySlug));
                refreshedAt.put(siteId, now);
                indexedFrom.put(siteId, site.baseUrl());
                lastErrors.remove(siteId);
                SiteActivity seen = activity;
                if (seen != null) {
                    seen.answered(siteId);
                }
                LOG.info("Indexed {} series ({} titles) of catalogue site '{}' in {} ms", titles.size(), stored, siteId,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                return stored;
            } catch (CatalogueException | StoreException e) {
                lastErrors.put(siteId, e.getMessage());
                SiteActivity seen = activity;
                if (seen != null && e instanceof CatalogueException failure) {
                    seen.failed(siteId, failure.reason(), failure.getMessage(), Optional.empty());
                }
                throw e;
            }
        }
    }

    /** Main titles first, so that no alternative title of one series shadows the main title of another. */
    private static List<Mapping> mappings(List<IndexedTitle> titles) {
        List<Mapping> mappings = new ArrayList<>();
        titles.forEach(t -> mappings.add(new Mapping(TitleMatcher.key(t.title()), t.slug())));
        titles.forEach(t -> t.alternativeTitles().forEach(a -> mappings.add(new Mapping(TitleMatcher.key(a), t.slug()))));
        return mappings;
    }

    private static List<Candidate> candidatesOf(IndexedTitle title) {
        List<Candidate> list = new ArrayList<>();
        list.add(new Candidate(TitleMatcher.key(title.title()), title.slug()));
        title.alternativeTitles().forEach(a -> list.add(new Candidate(TitleMatcher.key(a), title.slug())));
        return list;
    }

    /** The site's candidates: from memory, else from the database, else fetched now; an expired index is refreshed behind. */
    private List<Candidate> candidates(CatalogueEntry entry) throws CatalogueException {
        String siteId = entry.siteId();
        List<Candidate> known = candidates.get(siteId);
        try {
            if (known == null) {
                List<Mapping> stored = store.mappings(siteId);
                if (stored.isEmpty()) {
                    refresh(siteId);
                    return candidates.get(siteId);
                }
                known = stored.stream().map(m -> new Candidate(m.titleKey(), m.slug())).toList();
                candidates.putIfAbsent(siteId, known);
            }
        } catch (StoreException e) {
            throw new CatalogueException(CatalogueException.Reason.SITE_ERROR,
                    "The title index of '" + siteId + "' could not be read: " + e.getMessage(), e);
        }
        if (due(entry)) {
            scheduler.execute(() -> refreshQuietly(entry));
        }
        return known;
    }

    private void refreshDue() {
        registry.snapshot().enabled().stream().filter(this::due).forEach(this::refreshQuietly);
    }

    private List<CatalogueEntry> enabledSites(String siteIdOrNull) {
        return registry.snapshot().enabled().stream()
                .filter(e -> siteIdOrNull == null || e.siteId().equals(siteIdOrNull)).toList();
    }

    /** Never fetched, expired, or fetched from another base URL than the one configured now. */
    private boolean due(CatalogueEntry entry) {
        CatalogueSite site = entry.site().orElseThrow();
        URI from = indexedFrom.get(entry.siteId());
        if (from != null && !from.equals(site.baseUrl())) {
            return true;
        }
        Instant refreshed = refreshedAt.get(entry.siteId());
        if (refreshed == null) {
            try {
                Optional<Instant> stored = store.state(entry.siteId()).refreshedAt();
                if (stored.isEmpty()) {
                    return true;
                }
                refreshed = stored.get();
                refreshedAt.putIfAbsent(entry.siteId(), refreshed);
            } catch (StoreException e) {
                return false;
            }
        }
        return refreshed.plus(Duration.ofHours(site.indexRefreshHours())).isBefore(Instant.now());
    }

    private void refreshQuietly(CatalogueEntry entry) {
        String siteId = entry.siteId();
        try {
            refresh(siteId);
        } catch (CatalogueException | StoreException e) {
            Status kept = status(siteId);
            LOG.warn("Could not refresh the title index of catalogue site '{}': {}; {}", siteId, e.getMessage(),
                    kept.titles() > 0 ? "keeping the " + kept.titles() + " titles from " + kept.refreshedAt().orElseThrow()
                            : "there is no earlier index");
        } catch (IllegalArgumentException disabledMeanwhile) {
            LOG.debug("Not indexing '{}': {}", siteId, disabledMeanwhile.getMessage());
        }
    }
}
