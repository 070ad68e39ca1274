package org.catalogarr.core.catalogue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;

import org.catalogarr.catalogue.api.CatalogueException;
import org.catalogarr.catalogue.api.CatalogueException.Reason;
import org.catalogarr.catalogue.api.CatalogueSite;
import org.catalogarr.catalogue.api.Language;
import org.catalogarr.core.login.LogLimiter;
import org.catalogarr.core.store.AvailabilityStore;
import org.catalogarr.core.store.AvailabilityStore.Availability;
import org.catalogarr.core.store.StoreException;
import org.catalogarr.core.threads.ProbePool;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which languages an episode is offered in, per site: answered from the stored
 * {@code AvailabilityRecord}s while they are younger than the site's {@code availability_ttl_hours},
 * otherwise from the episode page, whose answer is stored behind the answer (on the episode-page pool), so
 * that no search waits for the database's commit. An episode the site does not have (yet) counts as
 * offered in no language until the TTL is over. A site's records are dropped when its settings change or its
 * bundle leaves the running service; a stop of the whole service is no such change (see {@link CatalogueRegistry}).
 */
@Component(service = {AvailabilityCache.class, EventHandler.class},
        property = EventConstants.EVENT_TOPIC + "=" + CatalogueRegistry.TOPIC_CHANGED)
public class AvailabilityCache implements EventHandler {

    private static final Logger LOG = LoggerFactory.getLogger(AvailabilityCache.class);

    private final CatalogueRegistry registry;
    private final AvailabilityStore store;
    /**
     * Answers being asked or not yet stored, by {@link #key}: a search asking meanwhile shares them. An answer
     * still here when its write runs is stored; a change of the site's settings takes its answers out first.
     */
    private final Map<String, CompletableFuture<EpisodeAvailability>> inFlight = new ConcurrentHashMap<>();
    /** Per site: a write and the dropping of the site's records do not interleave. */
    private final Map<String, Object> siteLocks = new ConcurrentHashMap<>();
    private final LogLimiter storeWarnings = new LogLimiter(Clock.systemUTC(), Duration.ofMinutes(1));
    /** Where a site's answer is stored once the search has it. */
    private final Executor writes;

    @Activate
    public AvailabilityCache(@Reference CatalogueRegistry registry, @Reference AvailabilityStore store,
            @Reference ProbePool probePool) {
        this(registry, store, work -> probePool.pool().runSoon(work));
    }

    AvailabilityCache(CatalogueRegistry registry, AvailabilityStore store, Executor writes) {
        this.registry = registry;
        this.store = store;
        this.writes = writes;
    }

    /**
     * What an episode is offered in, and when that was seen.
     *
     * @param languages the languages offered
     * @param checkedAt when the episode page said so
     */
    public record EpisodeAvailability(Set<Language> languages, Instant checkedAt) {
    }

    /** The languages the episode is offered in on the site; asks the site when what we know is too old. */
    public EpisodeAvailability languages(String siteId, String slug, int season, int episode)
            throws CatalogueException {
        return languages(registry.snapshot().entry(siteId).filter(CatalogueEntry::enabled)
                .orElseThrow(() -> new IllegalArgumentException("catalogue site '" + siteId + "' is not enabled")),
                slug, season, episode);
    }

    /**
     * As {@link #languages(String, String, int, int)}, for the site as a search's snapshot has it: a search
     * that started before the site was disabled or removed finishes with it instead of failing.
     */
    public EpisodeAvailability languages(CatalogueEntry entry, String slug, int season, int episode)
            throws CatalogueException {
        String siteId = entry.siteId();
        CatalogueSite site = entry.site().orElseThrow();
        Instant freshAfter = Instant.now().minus(Duration.ofHours(site.availabilityTtlHours()));
        String key = key(siteId, slug, season, episode);
        // An answer in flight first: while its write runs, the store may show some of its rows and not others.
        CompletableFuture<EpisodeAvailability> pending = inFlight.get(key);
        if (pending != null) {
            return answerOf(pending, siteId);
        }
        try {
            List<Availability> known = store.records(siteId, slug, season, episode);
            if (!known.isEmpty() && known.stream().allMatch(a -> a.checkedAt().isAfter(freshAfter))) {
                Set<Language> languages = EnumSet.noneOf(Language.class);
                known.stream().filter(Availability::available).forEach(a -> languages.add(a.language()));
                Instant checkedAt = known.stream().map(Availability::checkedAt).min(Instant::compareTo).orElseThrow();
                return new EpisodeAvailability(languages, checkedAt);
            }
        } catch (StoreException e) {
            LOG.warn("Availability records of {} {} S{}E{} could not be read, asking the site: {}", siteId, slug,
                    season, episode, e.getMessage());
        }
        // Searches asking for the same episode at once (many clients right after the site's records were
        // dropped) share one request to the site instead of each sending its own.
        CompletableFuture<EpisodeAvailability> mine = new CompletableFuture<>();
        CompletableFuture<EpisodeAvailability> asked = inFlight.putIfAbsent(key, mine);
        if (asked != null) {
            return answerOf(asked, siteId);
        }
        EpisodeAvailability answer;
        try {
            answer = ask(entry, slug, season, episode);
        } catch (CatalogueException | RuntimeException | Error e) {
            mine.completeExceptionally(e);
            inFlight.remove(key, mine);
            throw e;
        }
        mine.complete(answer);
        // The answer stays in flight until it is stored, so that a search asking meanwhile shares it rather
        // than missing it in the store and asking the site again.
        writes.execute(() -> {
            synchronized (siteLock(siteId)) {
                try {
                    if (inFlight.get(key) == mine) {
                        store(siteId, slug, season, episode, answer);
                    }
                } finally {
                    inFlight.remove(key, mine);
                }
            }
        });
        return answer;
    }

    private static String key(String siteId, String slug, int season, int episode) {
        return siteId + "|" + slug + "|" + season + "|" + episode;
    }

    private Object siteLock(String siteId) {
        return siteLocks.computeIfAbsent(siteId, id -> new Object());
    }

    private static EpisodeAvailability answerOf(CompletableFuture<EpisodeAvailability> asked, String siteId)
            throws CatalogueException {
        try {
            return asked.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CatalogueException(Reason.TIMEOUT, "Interrupted while " + siteId + " was asked", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof CatalogueException failure) {
                throw failure;
            }
            throw new CatalogueException(Reason.SITE_ERROR, String.valueOf(e.getCause()), e.getCause());
        }
    }

    private static EpisodeAvailability ask(CatalogueEntry entry, String slug, int season, int episode)
            throws CatalogueException {
        Set<Language> offered;
        try {
            offered = entry.provider().offers(slug, season, episode).languages();
        } catch (CatalogueException e) {
            if (e.reason() != Reason.NOT_FOUND) {
                throw e;
            }
            offered = Set.of();
        }
        return new EpisodeAvailability(offered.isEmpty() ? EnumSet.noneOf(Language.class) : EnumSet.copyOf(offered),
                Instant.now());
    }

    private void store(String siteId, String slug, int season, int episode, EpisodeAvailability seen) {
        try {
            // Every language is recorded, the missing ones as unavailable, so that an episode without
            // languages or without a page (not yet released) is not asked for again within the TTL.
            store.record(siteId, slug, season, episode, seen.languages(), EnumSet.allOf(Language.class),
                    seen.checkedAt());
        } catch (RuntimeException e) {
            // The site answered; only remembering it failed (e.g. two searches stored the same episode at once,
            // as happens when a site's cache was just dropped, or the database is closing). The answer stands, also
            // when a full pool made the search store it itself; the next search asks again.
            if (storeWarnings.allow("store")) {
                LOG.warn("Availability of {} {} S{}E{} could not be stored, so it will be asked again: {} (logged at"
                        + " most once a minute)", siteId, slug, season, episode, e.getMessage());
            }
        }
    }

    @Override
    public void handleEvent(Event event) {
        String siteId = (String) event.getProperty(CatalogueRegistry.EVENT_SITE_ID);
        if (siteId == null || "added".equals(event.getProperty(CatalogueRegistry.EVENT_CHANGE))) {
            return;
        }
        synchronized (siteLock(siteId)) {
            // Answers asked or not yet stored came from the old settings too: they are neither shared nor stored.
            inFlight.keySet().removeIf(key -> key.startsWith(siteId + "|"));
            try {
                int dropped = store.forgetSite(siteId);
                LOG.debug("Dropped {} availability records of '{}' after its settings changed", dropped, siteId);
            } catch (StoreException e) {
                LOG.warn("Could not drop the availability records of '{}': {}", siteId, e.getMessage());
            }
        }
    }
}
