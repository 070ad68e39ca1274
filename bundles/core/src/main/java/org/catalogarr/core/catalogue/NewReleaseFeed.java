package org.catalogarr.core.catalogue;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.catalogarr.catalogue.api.CatalogueException;
import org.catalogarr.catalogue.api.CatalogueException.Reason;
import org.catalogarr.catalogue.api.CatalogueSite;
import org.catalogarr.catalogue.api.Language;
import org.catalogarr.catalogue.api.NewRelease;
import org.catalogarr.core.catalogue.AvailabilityCache.EpisodeAvailability;
import org.catalogarr.core.threads.BoundedPool;
import org.catalogarr.core.threads.ParallelWork;
import org.catalogarr.core.threads.ParallelWork.Outcome;
import org.catalogarr.core.threads.Pending;
import org.catalogarr.core.threads.ProbePool;
import org.catalogarr.core.threads.SearchPool;
import org.catalogarr.core.threads.SingleFlight;
import org.catalogarr.settings.Settings;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The feed without a query, which Sonarr's RSS sync reads every 15 minutes: each enabled site's own
 * listing of new episodes, read in parallel within the site's {@code search_timeout_seconds} and kept
 * for {@code new_releases_cache_seconds}. A listing's language flag is only a hint: an entry becomes an
 * item only for a language its episode page (through the {@link AvailabilityCache}) really offers. A
 * site whose listing fails becomes a warning, and its last good listing stands in. Items are merged
 * across sites newest first, dated with the site's release time.
 * <p>
 * Shares the PID {@code org.catalogarr.search} (and its metatype) with {@link SearchService}.
 */
@Component(service = {NewReleaseFeed.class, EventHandler.class}, configurationPid = SearchService.PID,
        property = EventConstants.EVENT_TOPIC + "=" + CatalogueRegistry.TOPIC_CHANGED)
public class NewReleaseFeed implements EventHandler {

    private static final Logger LOG = LoggerFactory.getLogger(NewReleaseFeed.class);
    /** Enough for the checks that stored answers settle, for a listing that arrived just at the deadline. */
    private static final long CHECK_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private static final Comparator<ResultEntry> NEWEST_FIRST = Comparator.comparing(ResultEntry::publishedAt)
            .reversed()
            .thenComparingInt(ResultEntry::priorityRank)
            .thenComparing(ResultEntry::siteId)
            .thenComparing(ResultEntry::slug)
            .thenComparingInt(ResultEntry::season)
            .thenComparingInt(ResultEntry::episode)
            .thenComparing(ResultEntry::language);

    /** A site's listing as fetched, from where, and when (for the cache). */
    private record Listing(List<NewRelease> releases, URI from, long fetchedAtNanos, Instant fetchedAt) {
    }

    /** The listing a site's items are made from, and the failure that made it a stand-in, if any. */
    private record Source(List<NewRelease> releases, Optional<SiteFailure> failure) {
    }

    private record EpisodeKey(String slug, int season, int episode) {
        static EpisodeKey of(NewRelease release) {
            return new EpisodeKey(release.slug(), release.season(), release.episode());
        }
    }

    private record ItemKey(EpisodeKey episode, Language language) {
    }

    /** A listing being read: the site and the address it is read from. */
    private record ListingKey(String siteId, URI from) {
    }

    private final CatalogueRegistry registry;
    private final TitleIndex titleIndex;
    private final AvailabilityCache availability;
    private final Map<String, Listing> listings = new ConcurrentHashMap<>();
    private final Set<String> withoutListing = ConcurrentHashMap.newKeySet();
    private final Supplier<BoundedPool> searchPool;
    private final Supplier<BoundedPool> probePool;
    /** Sonarr's and Prowlarr's feed requests arriving together read a site's listing once. */
    private final SingleFlight<ListingKey, List<NewRelease>> listingFlights = new SingleFlight<>();
    private volatile SearchService.Config config;

    /** Set when activated by DS; a configuration change is read through it. */
    private Settings settings;

    /** Reads the search settings as {@link SearchService} does, so both keep the same last good values. */
    @Activate
    public NewReleaseFeed(@Reference CatalogueRegistry registry, @Reference TitleIndex titleIndex,
            @Reference AvailabilityCache availability, @Reference SearchPool searchPool,
            @Reference ProbePool probePool, @Reference Settings settings, Map<String, Object> properties) {
        this(registry, titleIndex, availability, searchPool::pool, probePool::pool,
                settings.apply(SearchService.PID, SearchService.Config.class, SearchService.RULES, properties));
        this.settings = settings;
    }

    NewReleaseFeed(CatalogueRegistry registry, TitleIndex titleIndex, AvailabilityCache availability,
            Supplier<BoundedPool> searchPool, Supplier<BoundedPool> probePool, SearchService.Config config) {
        this.registry = registry;
        this.titleIndex = titleIndex;
        this.availability = availability;
        this.searchPool = searchPool;
        this.probePool = probePool;
        this.config = config;
    }

    @Modified
    void modified(Map<String, Object> properties) {
        use(settings.apply(SearchService.PID, SearchService.Config.class, SearchService.RULES, properties));
    }

    void use(SearchService.Config newConfig) {
        config = newConfig;
    }

    /** A changed site's listing (maybe of another base URL) is not its listing any more. */
    @Override
    public void handleEvent(Event event) {
        Object siteId = event.getProperty(CatalogueRegistry.EVENT_SITE_ID);
        if (siteId == null) {
            listings.clear();
        } else {
            listings.remove(siteId.toString());
        }
    }

    /** Every enabled site's new episodes, newest first; returns within the slowest site's budget. */
    public SearchResult feed() {
        List<CatalogueEntry> sites = registry.snapshot().enabled();
        long started = System.nanoTime();
        List<ResultEntry> entries = new ArrayList<>();
        List<SiteFailure> failures = new ArrayList<>();
        // A site's items are made by its deadline plus the checks' grace; the fan-out gives them a little more.
        for (SiteFanOut.Answer<SiteItems> answer : SiteFanOut.ask(sites, site -> siteItems(site, deadline(site, started)),
                site -> deadline(site, started) + 2 * CHECK_GRACE_NANOS)) {
            answer.value().ifPresent(items -> {
                entries.addAll(items.entries());
                items.failure().ifPresent(failures::add);
            });
            answer.failure().ifPresent(failures::add);
        }
        failures.forEach(f -> LOG.warn("New episodes of '{}' ({}): {}", f.siteId(), f.reason(), f.message()));
        entries.sort(NEWEST_FIRST);
        return new SearchResult(entries, failures, sites.size());
    }

    private static long deadline(CatalogueEntry site, long started) {
        return started + TimeUnit.SECONDS.toNanos(site.site().orElseThrow().searchTimeoutSeconds());
    }

    /**
     * Reads the listing (unless a fresh one is kept) and makes the site's items, each on the search pool:
     * the items wait for their own site's listing, so a slow site does not eat into another's checks. The
     * listing is read on to the end even when the items stop waiting for it, to be kept for the next feed,
     * and feeds asked at the same time share one reading.
     */
    private Pending<SiteItems> siteItems(CatalogueEntry site, long deadline) {
        Optional<Listing> fresh = fresh(site);
        Pending<List<NewRelease>> fetch;
        if (fresh.isPresent()) {
            fetch = Pending.done(fresh.get().releases());
        } else {
            try {
                fetch = listingFlights.join(new ListingKey(site.siteId(), site.site().orElseThrow().baseUrl()),
                        () -> searchPool.get().submit(() -> fetch(site)));
            } catch (RejectedExecutionException busy) {
                fetch = failed(busy);
            }
        }
        Pending<List<NewRelease>> listing = fetch;
        return searchPool.get().submit(() -> siteItems(site, listing, deadline));
    }

    private static <T> Pending<T> failed(RejectedExecutionException busy) {
        return new Pending<>() {
            @Override
            public T await(long deadlineNanos) throws ExecutionException {
                throw new ExecutionException(new CatalogueException(Reason.SITE_ERROR, busy.getMessage(), busy));
            }

            @Override
            public void abandon() {
                // Nothing runs.
            }
        };
    }

    /** A site's items, and why they are incomplete or stand-ins, if they are. */
    private record SiteItems(List<ResultEntry> entries, Optional<SiteFailure> failure) {
    }

    private SiteItems siteItems(CatalogueEntry site, Pending<List<NewRelease>> fetch, long deadline) {
        Source source = source(site, fetch, deadline);
        try {
            return new SiteItems(items(site, source.releases(), deadline), source.failure());
        } catch (RuntimeException e) {
            // Every check failed (a CompletionException), or something unforeseen: either way a warning, not a 500.
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            return new SiteItems(List.of(), source.failure().or(() -> Optional.of(failure(site, cause,
                    Optional.empty()))));
        }
    }

    private Optional<Listing> fresh(CatalogueEntry site) {
        Listing listing = listings.get(site.siteId());
        long maxAge = TimeUnit.SECONDS.toNanos(config.new__releases__cache__seconds());
        return Optional.ofNullable(listing).filter(l -> l.from().equals(site.site().orElseThrow().baseUrl()))
                .filter(l -> System.nanoTime() - l.fetchedAtNanos() < maxAge);
    }

    /** Reads the site's listing; a provider without one contributes nothing, which is said once. */
    private List<NewRelease> fetch(CatalogueEntry site) throws CatalogueException {
        try {
            List<NewRelease> releases = site.provider().newReleases();
            listings.put(site.siteId(), new Listing(List.copyOf(releases), site.site().orElseThrow().baseUrl(),
                    System.nanoTime(), Instant.now()));
            return releases;
        } catch (UnsupportedOperationException noListing) {
            if (withoutListing.add(site.siteId())) {
                LOG.info("Catalogue site '{}' lists no new episodes, so it adds nothing to the feed without a query",
                        site.siteId());
            }
            return List.of();
        }
    }

    /** The listing fetched within the budget, or the last good one (if any) with a warning. */
    private Source source(CatalogueEntry site, Pending<List<NewRelease>> fetch, long deadline) {
        try {
            return new Source(fetch.await(deadline), Optional.empty());
        } catch (TimeoutException e) {
            CatalogueSite settings = site.site().orElseThrow();
            return lastGood(site, new CatalogueException(Reason.TIMEOUT, settings.displayName() + " did not list its"
                    + " new episodes within its search budget of " + settings.searchTimeoutSeconds() + " s"));
        } catch (ExecutionException e) {
            return lastGood(site, e.getCause());
        } catch (CancellationException e) {
            return lastGood(site, new CatalogueException(Reason.TIMEOUT, "stopped"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return lastGood(site, new CatalogueException(Reason.TIMEOUT, "interrupted"));
        }
    }

    private Source lastGood(CatalogueEntry site, Throwable cause) {
        Optional<Listing> last = Optional.ofNullable(listings.get(site.siteId()))
                .filter(l -> l.from().equals(site.site().orElseThrow().baseUrl()));
        return new Source(last.map(Listing::releases).orElse(List.of()), Optional.of(failure(site, cause, last)));
    }

    private static SiteFailure failure(CatalogueEntry site, Throwable cause, Optional<Listing> standIn) {
        SiteFailure failure = SiteFanOut.failure(site, cause);
        String kept = standIn.map(l -> "; listing the new episodes as of " + l.fetchedAt()).orElse("");
        return new SiteFailure(failure.siteId(), failure.siteName(), failure.reason(), failure.message() + kept);
    }

    /**
     * One item per listed episode and language its page offers. The pages are asked a few at a time, as a
     * season search asks them; what is not known by the site's deadline is left out of this answer, and
     * the checks still running fill the availability cache for the next one. When every check failed,
     * the first failure is the site's answer.
     */
    private List<ResultEntry> items(CatalogueEntry site, List<NewRelease> releases, long siteDeadline) {
        long deadline = Math.max(siteDeadline, System.nanoTime() + CHECK_GRACE_NANOS);
        Set<EpisodeKey> episodes = new LinkedHashSet<>();
        releases.forEach(release -> episodes.add(EpisodeKey.of(release)));
        Map<EpisodeKey, Outcome<EpisodeAvailability>> checked;
        try {
            checked = ParallelWork.run(probePool.get(), config.probe__concurrency(), episodes,
                    key -> availability.languages(site.siteId(), key.slug(), key.season(), key.episode()), deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            checked = Map.of();
        }
        Map<EpisodeKey, EpisodeAvailability> offered = new LinkedHashMap<>();
        Throwable firstFailure = null;
        for (Map.Entry<EpisodeKey, Outcome<EpisodeAvailability>> check : checked.entrySet()) {
            if (check.getValue().failed()) {
                firstFailure = firstFailure == null ? check.getValue().failure() : firstFailure;
            } else {
                offered.put(check.getKey(), check.getValue().value());
            }
        }
        int unanswered = episodes.size() - checked.size();
        if (unanswered > 0) {
            LOG.info("{} of {} new episodes of '{}' were not checked within the budget; they follow in a later feed",
                    unanswered, episodes.size(), site.siteId());
        }
        if (firstFailure != null && offered.isEmpty() && unanswered == 0) {
            throw new CompletionException(firstFailure);
        }
        return entries(site, releases, offered);
    }

    private List<ResultEntry> entries(CatalogueEntry site, List<NewRelease> releases,
            Map<EpisodeKey, EpisodeAvailability> offered) {
        CatalogueSite settings = site.site().orElseThrow();
        Instant now = Instant.now();
        Map<ItemKey, ResultEntry> items = new LinkedHashMap<>();
        for (NewRelease release : releases) {
            EpisodeAvailability seen = offered.get(EpisodeKey.of(release));
            if (seen == null) {
                continue;
            }
            Set<Language> languages = EnumSet.noneOf(Language.class);
            languages.addAll(seen.languages());
            if (!release.languages().isEmpty()) {
                languages.retainAll(release.languages());
            }
            // A site clock ahead of ours must not date an item in the future, where Sonarr's paging would stop.
            Instant published = release.releasedAt().isAfter(now) ? now : release.releasedAt();
            String title = titleIndex.title(site.siteId(), release.slug()).orElse(release.seriesTitle());
            for (Language language : languages) {
                ResultEntry entry = new ResultEntry(site.siteId(), settings.displayName(), settings.searchPriority(),
                        settings.anime(), title, release.slug(), release.season(), release.episode(), language,
                        SizeEstimate.of(release.season()), published);
                items.merge(new ItemKey(EpisodeKey.of(release), language), entry,
                        (a, b) -> a.publishedAt().isAfter(b.publishedAt()) ? a : b);
            }
        }
        return List.copyOf(items.values());
    }
}
