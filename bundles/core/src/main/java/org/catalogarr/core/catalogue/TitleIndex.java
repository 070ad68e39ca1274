package org.catalogarr.core.catalogue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.catalogarr.catalogue.api.CatalogueException;
import org.catalogarr.catalogue.api.CatalogueSite;
import org.catalogarr.catalogue.api.IndexedTitle;
import org.catalogarr.catalogue.api.Series;
import org.catalogarr.core.cache.Recently;
import org.catalogarr.core.catalogue.TitleMatcher.Candidate;
import org.catalogarr.core.store.TitleMappingStore;
import org.catalogarr.core.store.TitleMappingStore.IndexState;
import org.catalogarr.core.store.TitleMappingStore.Mapping;
import org.catalogarr.core.store.TitleMappingStore.Origin;
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
import org.catalogarr.core.threads.BoundedPool;
import org.catalogarr.core.threads.DaemonThreads;
import org.catalogarr.core.threads.ParallelWork;
import org.catalogarr.core.threads.ProbePool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each enabled site's title index, kept as {@code TitleMapping} rows and matched with one
 * {@link TitleMatcher} for every site. An index is fetched when the site comes up, again after its
 * {@code index_refresh_hours}, when its settings change, when its bundle comes back after it was removed, and
 * on a {@link #TOPIC_REFRESH} event. A failed fetch keeps the last good index; a disabled site is never
 * contacted. Immediate: the indexes are fetched and refreshed from the start, not only once a search happens
 * to need the component.
 */
@Component(service = {TitleIndex.class, EventHandler.class}, immediate = true, property = {
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
    /**
     * What the resolver knows of one site: the titles matched by score (index titles and learnt aliases),
     * which of their keys are aliases, and the short forms, which only match exactly.
     */
    private record SiteTitles(List<Candidate> candidates, Set<String> aliasKeys, Map<String, String> shortForms) {

        static SiteTitles of(List<Mapping> mappings) {
            List<Candidate> scored = new ArrayList<>();
            Set<String> aliases = new HashSet<>();
            Map<String, String> shortForms = new HashMap<>();
            for (Mapping mapping : mappings) {
                switch (mapping.origin()) {
                    case SHORT -> shortForms.put(mapping.titleKey(), mapping.slug());
                    case ALIAS -> {
                        aliases.add(mapping.titleKey());
                        scored.add(new Candidate(mapping.titleKey(), mapping.slug()));
                    }
                    default -> scored.add(new Candidate(mapping.titleKey(), mapping.slug()));
                }
            }
            return new SiteTitles(List.copyOf(scored), Set.copyOf(aliases), Map.copyOf(shortForms));
        }

        SiteTitles withAlias(String key, String slug) {
            if (candidates.contains(new Candidate(key, slug))) {
                return this;
            }
            List<Candidate> scored = new ArrayList<>(candidates);
            scored.add(new Candidate(key, slug));
            Set<String> aliases = new HashSet<>(aliasKeys);
            aliases.add(key);
            return new SiteTitles(List.copyOf(scored), Set.copyOf(aliases), shortForms);
        }

        /** Whether a query key may become an alias: it is no title of the index nor a short form. */
        boolean learns(String key) {
            return aliasKeys.contains(key) || !hasTitle(key) && !shortForms.containsKey(key);
        }

        boolean hasTitle(String key) {
            return candidates.stream().anyMatch(c -> c.titleKey().equals(key));
        }
    }

    /** How many hits of a site's search have their series page read, at once, to confirm one by its titles. */
    static final int CONFIRMED_HITS = 3;
    /** How many queries whose hits no series page confirmed are remembered, so their pages are not read again. */
    static final int MAX_UNCONFIRMED = 1_000;

    private final Map<String, SiteTitles> candidates = new ConcurrentHashMap<>();
    /**
     * Site and query key of searches whose hits no series page confirmed, so that their pages are not read for
     * every repeat of the query; forgotten when the site's index is refreshed or the set is full.
     */
    private final Set<String> unconfirmed = ConcurrentHashMap.newKeySet();
    private final Map<String, Map<String, String>> mainTitles = new ConcurrentHashMap<>();
    private final Map<String, URI> indexedFrom = new ConcurrentHashMap<>();
    private final Map<String, Instant> refreshedAt = new ConcurrentHashMap<>();
    private final Map<String, String> lastErrors = new ConcurrentHashMap<>();
    private final Map<String, Object> refreshLocks = new ConcurrentHashMap<>();
    private final Recently<String, IndexState> storedStates = new Recently<>(Duration.ofSeconds(1));
    /** Set when the index stops: a fetch it interrupts did not fail, the site was not asked to the end. */
    private volatile boolean stopped;
    /** Sites whose bundle left during this run: their index is fetched again when they come back. */
    private final Set<String> returning = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("catalogarr-title-index"));
    /**
     * The episode-page pool: reads the series pages of search hits a few at once, so that confirming them
     * costs one round trip, and stores learnt aliases behind the answer.
     */
    private final Supplier<BoundedPool> pages;

    /** Told whether the site answered its index request; optional, as it only feeds the console and /health. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile SiteActivity activity;

    @Activate
    public TitleIndex(@Reference CatalogueRegistry registry, @Reference TitleMappingStore store,
            @Reference ProbePool probePool) {
        this(registry, store, probePool::pool);
    }

    TitleIndex(CatalogueRegistry registry, TitleMappingStore store, Supplier<BoundedPool> pages) {
        this.registry = registry;
        this.store = store;
        this.pages = pages;
        scheduler.scheduleWithFixedDelay(this::refreshDue, 0, CHECK_EVERY.toSeconds(), TimeUnit.SECONDS);
    }

    /** Waits briefly for a running fetch, so that it does not write into a database that is closing. */
    @Deactivate
    void stop() throws InterruptedException {
        stopped = true;
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
        } else if (siteId != null && "removed".equals(event.getProperty(CatalogueRegistry.EVENT_CHANGE))) {
            // A site bundle taken out may come back as another version, whose parser reads the index differently.
            returning.add(siteId);
        } else if (siteId != null && "added".equals(event.getProperty(CatalogueRegistry.EVENT_CHANGE))
                && returning.remove(siteId)) {
            scheduler.execute(() -> enabledSites(siteId).forEach(this::refreshQuietly));
        } else if (siteId != null) {
            scheduler.execute(() -> enabledSites(siteId).forEach(this::refreshIfDue));
        }
    }

    /**
     * The slug of the series the query names on one site: from the index (a title, alternative or learnt
     * alias), else from a short form that names one series only, else from the site's own search. A search
     * hit counts when its title matches, or when it is no look-alike of the query and its series page lists
     * the query among its titles (the pages of the first {@value #CONFIRMED_HITS} such hits are read at
     * once); the query is then remembered as an alias, so the next one needs no search. A query the index
     * does not know costs the site one round trip, and a second one only when the search offers hits that
     * only their pages can confirm; a query whose hits were not confirmed is not confirmed again until the
     * index is refreshed. Empty when nothing is confident.
     *
     * @throws CatalogueException when the site has no index yet and cannot be reached, or its search fails
     */
    public Optional<TitleMatch> resolve(String siteId, String query) throws CatalogueException {
        return resolve(enabled(siteId), query);
    }

    /**
     * As {@link #resolve(String, String)}, for the site as a search's snapshot has it: a search that started
     * before the site was disabled or removed finishes with it instead of failing.
     */
    public Optional<TitleMatch> resolve(CatalogueEntry entry, String query) throws CatalogueException {
        String siteId = entry.siteId();
        SiteTitles titles = titles(entry);
        Optional<TitleMatcher.Match> fromIndex = TitleMatcher.best(query, titles.candidates());
        if (fromIndex.isPresent()) {
            String via = titles.aliasKeys().contains(fromIndex.get().titleKey()) ? "alias" : "index";
            return Optional.of(found(siteId, query, fromIndex.get(), via));
        }
        Optional<TitleMatch> shortForm = shortForm(entry, titles, query);
        if (shortForm.isPresent()) {
            return shortForm;
        }
        Optional<TitleMatch> fromSearch = fromSearch(entry, query);
        fromSearch.ifPresent(match -> remember(siteId, query, match.slug()));
        if (fromSearch.isEmpty()) {
            LOG.debug("'{}' on {}: no match in the index nor by the site's search", query, siteId);
        }
        return fromSearch;
    }

    /**
     * A query that is exactly the short form of one series' title, unless it is a whole title of a series on
     * any enabled site: "Dark" stays the series Dark, even where only "Dark: Something" is listed.
     */
    private Optional<TitleMatch> shortForm(CatalogueEntry entry, SiteTitles titles, String query) {
        for (String variant : TitleMatcher.variants(query)) {
            String slug = titles.shortForms().get(variant);
            if (slug == null) {
                continue;
            }
            for (CatalogueEntry other : registry.snapshot().enabled()) {
                SiteTitles known = other.siteId().equals(entry.siteId()) ? titles : candidates.get(other.siteId());
                if (known != null && known.hasTitle(variant)) {
                    LOG.debug("'{}' on {}: not read as the short form of {}, it is a title on {}", query,
                            entry.siteId(), slug, other.siteId());
                    return Optional.empty();
                }
            }
            return Optional.of(found(entry.siteId(), query, new TitleMatcher.Match(slug, variant, TitleMatcher.THRESHOLD, 0),
                    "short form"));
        }
        return Optional.empty();
    }

    private Optional<TitleMatch> fromSearch(CatalogueEntry entry, String query) throws CatalogueException {
        String siteId = entry.siteId();
        List<IndexedTitle> hits = entry.provider().search(query);
        List<Candidate> hitTitles = new ArrayList<>();
        hits.forEach(hit -> hitTitles.addAll(candidatesOf(hit)));
        Optional<TitleMatcher.Match> byTitle = TitleMatcher.best(query, hitTitles);
        if (byTitle.isPresent()) {
            return Optional.of(found(siteId, query, byTitle.get(), "search"));
        }
        // A hit whose title does not match may still be the series under another name (the sites search their
        // alternative titles too), or junk the search found in a description: only its series page tells.
        // Look-alikes ("Rick and Morty: The Anime" for "Rick and Morty") are other series and not asked.
        String queryKey = TitleMatcher.key(query);
        List<IndexedTitle> unlike = hits.stream()
                .filter(hit -> candidatesOf(hit).stream().noneMatch(c -> TitleMatcher.lookAlike(queryKey, c.titleKey())))
                .limit(CONFIRMED_HITS).toList();
        if (unlike.isEmpty()) {
            return Optional.empty();
        }
        // The user asks for this series now: a match found only on the next query would be a search Sonarr
        // does not repeat. Pages that confirmed nothing are not read again for the same query.
        String asked = siteId + "\n" + queryKey;
        if (unconfirmed.contains(asked)) {
            return Optional.empty();
        }
        Optional<TitleMatcher.Match> confirmed = awaitConfirmation(entry, query, unlike);
        if (confirmed.isEmpty()) {
            if (unconfirmed.size() >= MAX_UNCONFIRMED) {
                unconfirmed.clear();
            }
            unconfirmed.add(asked);
        }
        return confirmed.map(match -> found(siteId, query, match, "search + series page"));
    }

    /**
     * The series pages of the hits, read at once: the first hit, in the site's order, whose page lists a title
     * that matches the query. The searching thread reads one page itself and borrows pool threads for the
     * others when there is room ({@link ParallelWork}), so confirmations never wait for a thread that has not
     * started; a search stopped for its budget stops its page reads too.
     */
    private Optional<TitleMatcher.Match> awaitConfirmation(CatalogueEntry entry, String query, List<IndexedTitle> hits)
            throws CatalogueException {
        List<String> slugs = hits.stream().map(IndexedTitle::slug).distinct().toList();
        try {
            // seriesTitlesMatch turns every failure of a page into "not confirmed".
            return ParallelWork.run(pages.get(), CONFIRMED_HITS, slugs, slug -> seriesTitlesMatch(entry, query, slug),
                    ParallelWork.noDeadline()).values().stream().filter(page -> !page.failed())
                    .flatMap(page -> page.value().stream()).findFirst();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CatalogueException(CatalogueException.Reason.TIMEOUT, "The search on " + entry.siteId() + " was stopped",
                    e);
        }
    }

    private static Optional<TitleMatcher.Match> seriesTitlesMatch(CatalogueEntry entry, String query, String slug) {
        try {
            Series series = entry.provider().series(slug);
            List<Candidate> titles = new ArrayList<>();
            titles.add(new Candidate(TitleMatcher.key(series.title()), slug));
            series.alternativeTitles().forEach(a -> titles.add(new Candidate(TitleMatcher.key(a), slug)));
            return TitleMatcher.best(query, titles);
        } catch (CatalogueException | RuntimeException e) {
            // One unreadable page only means this hit stays unconfirmed.
            LOG.debug("The series page of {} on {} could not confirm '{}': {}", slug, entry.siteId(), query,
                    e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Keeps what the site's search taught us, so that the next query finds it in the index: in memory at once,
     * in the database behind the answer (the search does not wait for the commit). As in the store, a key the
     * index has as a title or short form is left alone: the site's own titles win over what we learnt.
     */
    private void remember(String siteId, String query, String slug) {
        String key = TitleMatcher.key(query);
        learn(siteId, key, slug);
        Instant learntAt = Instant.now();
        pages.get().runSoon(() -> {
            try {
                if (store.remember(siteId, key, slug, learntAt)) {
                    // An index refresh that read the stored titles before this write would have dropped it.
                    learn(siteId, key, slug);
                    LOG.info("Remembered '{}' as an alias of {} on catalogue site '{}'", query, slug, siteId);
                }
            } catch (StoreException e) {
                LOG.warn("Could not remember '{}' as an alias of {} on '{}': {}", query, slug, siteId, e.getMessage());
            }
        });
    }

    private void learn(String siteId, String key, String slug) {
        candidates.computeIfPresent(siteId, (id, known) -> known.learns(key) ? known.withAlias(key, slug) : known);
    }

    /**
     * Free text: the series of one site whose titles contain every word of the query, the near-identical
     * match (if any) first, at most {@code limit}; when the index has none, what {@link #resolve} finds.
     *
     * @throws CatalogueException as {@link #resolve}
     */
    public List<TitleMatch> resolveWords(String siteId, String query, int limit) throws CatalogueException {
        return resolveWords(enabled(siteId), query, limit);
    }

    /** As {@link #resolveWords(String, String, int)}, for the site as a search's snapshot has it. */
    public List<TitleMatch> resolveWords(CatalogueEntry entry, String query, int limit) throws CatalogueException {
        String siteId = entry.siteId();
        List<Candidate> known = titles(entry).candidates();
        List<TitleMatch> found = new ArrayList<>();
        TitleMatcher.best(query, known).ifPresent(match -> found.add(found(siteId, query, match, "index")));
        for (TitleMatcher.Match match : TitleMatcher.containingAllWords(query, known, limit)) {
            if (found.size() < limit && found.stream().noneMatch(f -> f.slug().equals(match.slug()))) {
                found.add(found(siteId, query, match, "words"));
            }
        }
        return found.isEmpty() ? resolve(entry, query).stream().toList() : found;
    }

    /**
     * The series whose title (main or alternative) is exactly this text, in the site's index only: for a
     * title that ends in a number ({@code Mob Psycho 100}), which must not be read as an episode number.
     */
    public Optional<String> exactTitle(String siteId, String text) throws CatalogueException {
        return exactTitle(enabled(siteId), text);
    }

    /** As {@link #exactTitle(String, String)}, for the site as a search's snapshot has it. */
    public Optional<String> exactTitle(CatalogueEntry entry, String text) throws CatalogueException {
        String key = TitleMatcher.key(text);
        return titles(entry).candidates().stream().filter(c -> c.titleKey().equals(key)).map(Candidate::slug)
                .findFirst();
    }

    private CatalogueEntry enabled(String siteId) {
        return registry.snapshot().entry(siteId).filter(CatalogueEntry::enabled)
                .orElseThrow(() -> new IllegalArgumentException("catalogue site '" + siteId + "' is not enabled"));
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
            // /health asks on every poll; the stored count may be a second old.
            state = storedStates.get(siteId, store::state);
        } catch (StoreException e) {
            return new Status(0, Optional.empty(), Optional.of("database: " + e.getMessage()));
        }
        return new Status(state.titles(), state.refreshedAt(), Optional.ofNullable(lastErrors.get(siteId)));
    }

    /** Fetches the site's index now; the old one stays when this fails. */
    public int refresh(String siteId) throws CatalogueException {
        return refresh(enabled(siteId));
    }

    /** As {@link #refresh(String)}, for the site as a search's snapshot has it. */
    private int refresh(CatalogueEntry entry) throws CatalogueException {
        String siteId = entry.siteId();
        synchronized (refreshLocks.computeIfAbsent(siteId, id -> new Object())) {
            long started = System.nanoTime();
            CatalogueSite site = entry.site().orElseThrow();
            try {
                List<IndexedTitle> titles = entry.provider().index();
                List<Mapping> mappings = mappings(titles);
                Instant now = Instant.now();
                int stored = store.replace(siteId, mappings, now);
                storedStates.forget(siteId);
                // Read back, so that the aliases the store kept are known too.
                candidates.put(siteId, SiteTitles.of(store.mappings(siteId)));
                Map<String, String> titlesBySlug = new HashMap<>();
                titles.forEach(t -> titlesBySlug.putIfAbsent(t.slug(), t.title().strip()));
                mainTitles.put(siteId, Map.copyOf(titlesBySlug));
                refreshedAt.put(siteId, now);
                indexedFrom.put(siteId, site.baseUrl());
                // A new index may list what earlier searches could not confirm.
                unconfirmed.removeIf(asked -> asked.startsWith(siteId + "\n"));
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

    /**
     * Main titles first, so that no alternative title of one series shadows the main title of another; then
     * the short forms that name exactly one series and are no whole title of another.
     */
    static List<Mapping> mappings(List<IndexedTitle> titles) {
        List<Mapping> mappings = new ArrayList<>();
        titles.forEach(t -> mappings.add(new Mapping(TitleMatcher.key(t.title()), t.slug())));
        titles.forEach(t -> t.alternativeTitles().forEach(a -> mappings.add(new Mapping(TitleMatcher.key(a), t.slug()))));
        Set<String> wholeTitles = new HashSet<>();
        mappings.forEach(m -> wholeTitles.add(m.titleKey()));
        Map<String, Set<String>> shortForms = new LinkedHashMap<>();
        for (IndexedTitle title : titles) {
            List<String> all = new ArrayList<>(title.alternativeTitles());
            all.add(0, title.title());
            for (String name : all) {
                TitleMatcher.shortForm(name).filter(key -> !wholeTitles.contains(key))
                        .ifPresent(key -> shortForms.computeIfAbsent(key, k -> new HashSet<>()).add(title.slug()));
            }
        }
        shortForms.forEach((key, slugs) -> {
            if (slugs.size() == 1) {
                mappings.add(new Mapping(key, slugs.iterator().next(), Origin.SHORT));
            }
        });
        return mappings;
    }

    private static List<Candidate> candidatesOf(IndexedTitle title) {
        List<Candidate> list = new ArrayList<>();
        list.add(new Candidate(TitleMatcher.key(title.title()), title.slug()));
        title.alternativeTitles().forEach(a -> list.add(new Candidate(TitleMatcher.key(a), title.slug())));
        return list;
    }

    /** The site's titles: from memory, else from the database, else fetched now; an expired index is refreshed behind. */
    private SiteTitles titles(CatalogueEntry entry) throws CatalogueException {
        String siteId = entry.siteId();
        SiteTitles known = candidates.get(siteId);
        try {
            if (known == null) {
                List<Mapping> stored = store.mappings(siteId);
                if (stored.stream().noneMatch(m -> m.origin() == Origin.INDEX)) {
                    refresh(entry);
                    return candidates.get(siteId);
                }
                known = SiteTitles.of(stored);
                candidates.putIfAbsent(siteId, known);
            }
        } catch (StoreException e) {
            throw new CatalogueException(CatalogueException.Reason.SITE_ERROR,
                    "The title index of '" + siteId + "' could not be read: " + e.getMessage(), e);
        }
        if (due(entry)) {
            scheduler.execute(() -> refreshIfDue(entry));
        }
        return known;
    }

    private void refreshDue() {
        registry.snapshot().enabled().forEach(this::refreshIfDue);
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

    /**
     * Refreshes an index that is due, deciding under the site's refresh lock: a fetch that was running when
     * the refresh was asked for makes the index fresh, and the whole index is not fetched twice in a row.
     */
    private void refreshIfDue(CatalogueEntry entry) {
        synchronized (refreshLocks.computeIfAbsent(entry.siteId(), id -> new Object())) {
            if (due(entry)) {
                refreshQuietly(entry);
            }
        }
    }

    private void refreshQuietly(CatalogueEntry entry) {
        String siteId = entry.siteId();
        try {
            refresh(siteId);
        } catch (CatalogueException | StoreException e) {
            if (stopped) {
                LOG.debug("The title index fetch of catalogue site '{}' was stopped with the service: {}", siteId,
                        e.getMessage());
                return;
            }
            Status kept = status(siteId);
            LOG.warn("Could not refresh the title index of catalogue site '{}': {}; {}", siteId, e.getMessage(),
                    kept.titles() > 0 ? "keeping the " + kept.titles() + " titles from " + kept.refreshedAt().orElseThrow()
                            : "there is no earlier index");
        } catch (IllegalArgumentException disabledMeanwhile) {
            LOG.debug("Not indexing '{}': {}", siteId, disabledMeanwhile.getMessage());
        }
    }
}
