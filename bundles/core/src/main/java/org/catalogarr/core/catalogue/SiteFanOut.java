package org.catalogarr.core.catalogue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.ToLongFunction;

import org.catalogarr.catalogue.api.CatalogueException;
import org.catalogarr.catalogue.api.CatalogueException.Reason;
import org.catalogarr.catalogue.api.CatalogueSite;
import org.catalogarr.core.threads.Pending;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks every site at once and waits for each until its own deadline, so the answer takes as long as the
 * slowest site's budget, never the sum. What a site does not answer in time is given up (and its work
 * stopped, when nobody else waits for it); a site that fails, runs out of time or finds the pool full
 * becomes a {@link SiteFailure} next to the others' answers. Shared by the searches and the feed without
 * a query.
 */
final class SiteFanOut {

    private static final Logger LOG = LoggerFactory.getLogger(SiteFanOut.class);

    /** A site's answer or why there is none. */
    record Answer<T>(CatalogueEntry site, Optional<T> value, Optional<SiteFailure> failure) {
    }

    private SiteFanOut() {
    }

    /**
     * @param ask      starts (or finds) the site's work; may refuse with a {@link RejectedExecutionException}
     * @param deadline the {@link System#nanoTime()} by which each site must have answered
     */
    static <T> List<Answer<T>> ask(List<CatalogueEntry> sites, Function<CatalogueEntry, Pending<T>> ask,
            ToLongFunction<CatalogueEntry> deadline) {
        List<Pending<T>> pending = new ArrayList<>();
        List<Answer<T>> answers = new ArrayList<>();
        for (CatalogueEntry site : sites) {
            try {
                pending.add(ask.apply(site));
            } catch (RejectedExecutionException busy) {
                pending.add(null);
                LOG.warn("Did not ask '{}': {}", site.siteId(), busy.getMessage());
            }
        }
        for (int i = 0; i < sites.size(); i++) {
            CatalogueEntry site = sites.get(i);
            Pending<T> answer = pending.get(i);
            if (answer == null) {
                answers.add(failed(site, Reason.SITE_ERROR, "Catalogarr is busy with other searches and did not ask "
                        + name(site) + "; try again shortly"));
                continue;
            }
            try {
                answers.add(new Answer<>(site, Optional.of(answer.await(deadline.applyAsLong(site))), Optional.empty()));
            } catch (TimeoutException e) {
                answer.abandon();
                CatalogueSite settings = site.site().orElseThrow();
                answers.add(failed(site, Reason.TIMEOUT, settings.displayName() + " did not answer within its search"
                        + " budget of " + settings.searchTimeoutSeconds() + " s"));
            } catch (ExecutionException e) {
                answers.add(new Answer<>(site, Optional.empty(), Optional.of(failure(site, e.getCause()))));
            } catch (CancellationException e) {
                answers.add(failed(site, Reason.TIMEOUT, "the search on " + name(site) + " was stopped"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                pending.subList(i, pending.size()).forEach(p -> {
                    if (p != null) {
                        p.abandon();
                    }
                });
                sites.subList(i, sites.size()).forEach(s -> answers.add(failed(s, Reason.TIMEOUT, "interrupted")));
                break;
            }
        }
        return answers;
    }

    private static <T> Answer<T> failed(CatalogueEntry site, Reason reason, String message) {
        return new Answer<>(site, Optional.empty(), Optional.of(new SiteFailure(site.siteId(), name(site), reason,
                message)));
    }

    private static String name(CatalogueEntry site) {
        return site.site().orElseThrow().displayName();
    }

    /** A site's failure as a warning: its own reason when it gave one, else a site error. */
    static SiteFailure failure(CatalogueEntry site, Throwable cause) {
        Throwable root = cause instanceof CompletionException && cause.getCause() != null ? cause.getCause() : cause;
        if (root instanceof CatalogueException failure) {
            return new SiteFailure(site.siteId(), name(site), failure.reason(), failure.getMessage());
        }
        LOG.warn("Asking '{}' failed unexpectedly", site.siteId(), root);
        return new SiteFailure(site.siteId(), name(site), Reason.SITE_ERROR, String.valueOf(root));
    }
}
