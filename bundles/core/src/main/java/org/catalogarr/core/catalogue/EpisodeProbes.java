package org.catalogarr.core.catalogue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;

import org.catalogarr.catalogue.api.CatalogueException;
import org.catalogarr.catalogue.api.CatalogueException.Reason;
import org.catalogarr.catalogue.api.CatalogueSite;
import org.catalogarr.catalogue.api.Language;
import org.catalogarr.core.catalogue.AvailabilityCache.EpisodeAvailability;
import org.catalogarr.core.catalogue.EpisodePlan.EpisodeRef;
import org.catalogarr.core.threads.BoundedPool;
import org.catalogarr.core.threads.ParallelWork;
import org.catalogarr.core.threads.ParallelWork.Outcome;

/**
 * Asks a site's episode pages (or their stored answers) a few at a time, so a season search does not take
 * as many round trips as it has episodes, on the episode-page pool with the searching thread helping.
 * Episodes that do not exist are left out; when every page fails, the first failure is the site's answer.
 */
final class EpisodeProbes {

    private final AvailabilityCache availability;
    private final BoundedPool pool;
    private final int concurrency;
    /** Shared by the series one search asks on one site, so that together they keep to the site's limit. */
    private final Semaphore permits;

    EpisodeProbes(AvailabilityCache availability, BoundedPool pool, int concurrency) {
        this.availability = availability;
        this.pool = pool;
        this.concurrency = concurrency;
        this.permits = new Semaphore(concurrency);
    }

    List<ResultEntry> probe(CatalogueEntry site, String seriesTitle, String slug, List<EpisodeRef> episodes)
            throws CatalogueException {
        Map<EpisodeRef, Outcome<EpisodeAvailability>> outcomes;
        try {
            outcomes = ParallelWork.run(pool, concurrency, episodes, ref -> check(site, slug, ref),
                    ParallelWork.noDeadline());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CatalogueException(Reason.TIMEOUT, "The search on " + site.siteId() + " was stopped", e);
        }
        List<ResultEntry> entries = new ArrayList<>();
        CatalogueException firstFailure = null;
        int failed = 0;
        for (Map.Entry<EpisodeRef, Outcome<EpisodeAvailability>> outcome : outcomes.entrySet()) {
            if (!outcome.getValue().failed()) {
                entries.addAll(entries(site, seriesTitle, slug, outcome.getKey(), outcome.getValue().value()));
                continue;
            }
            Exception e = outcome.getValue().failure();
            CatalogueException cause = e instanceof CatalogueException c ? c
                    : new CatalogueException(Reason.SITE_ERROR, String.valueOf(e), e);
            if (cause.reason() != Reason.NOT_FOUND) {
                failed++;
                firstFailure = firstFailure == null ? cause : firstFailure;
            }
        }
        if (firstFailure != null && entries.isEmpty() && failed == episodes.size()) {
            throw firstFailure;
        }
        return entries;
    }

    private EpisodeAvailability check(CatalogueEntry site, String slug, EpisodeRef ref)
            throws CatalogueException, InterruptedException {
        permits.acquire();
        try {
            return availability.languages(site, slug, ref.season(), ref.episode());
        } finally {
            permits.release();
        }
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
