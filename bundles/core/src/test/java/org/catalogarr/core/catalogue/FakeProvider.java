package org.catalogarr.core.catalogue;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.catalogarr.catalogue.api.CatalogueException;
import org.catalogarr.catalogue.api.CatalogueProvider;
import org.catalogarr.catalogue.api.CatalogueSite;
import org.catalogarr.catalogue.api.Episode;
import org.catalogarr.catalogue.api.EpisodeOffers;
import org.catalogarr.catalogue.api.IndexedTitle;
import org.catalogarr.catalogue.api.NewRelease;
import org.catalogarr.catalogue.api.Series;
import org.catalogarr.catalogue.api.SiteConfiguration;

/** A provider whose answers a test sets, and which counts what it was asked. */
public final class FakeProvider implements CatalogueProvider {

    private volatile SiteConfiguration configuration;
    private volatile List<IndexedTitle> index = List.of();
    private volatile CatalogueException indexFailure;
    private final Map<String, List<IndexedTitle>> searchResults = new HashMap<>();
    private final Map<String, EpisodeOffers> offers = new HashMap<>();
    private final Map<String, Series> series = new HashMap<>();
    private final Map<String, List<Episode>> episodes = new HashMap<>();
    private volatile List<NewRelease> newReleases;
    private volatile CatalogueException newReleasesFailure;
    private volatile long delayMillis;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();
    private volatile CatalogueException everyCallFails;
    private volatile Redirects redirects = redirect -> {
        throw new CatalogueException(CatalogueException.Reason.NOT_FOUND, "not set up: " + redirect);
    };
    private final List<String> calls = new ArrayList<>();

    public FakeProvider(CatalogueSite site) {
        set(site);
    }

    public FakeProvider(SiteConfiguration configuration) {
        this.configuration = configuration;
    }

    public void set(CatalogueSite site) {
        configuration = new SiteConfiguration(site.siteId(), Optional.of(site), Optional.empty());
    }

    public void index(List<IndexedTitle> titles) {
        index = List.copyOf(titles);
        indexFailure = null;
    }

    public void failIndex(CatalogueException failure) {
        indexFailure = failure;
    }

    public void searchResult(String query, List<IndexedTitle> titles) {
        searchResults.put(query, List.copyOf(titles));
    }

    public void offers(String slug, EpisodeOffers episodeOffers) {
        offers.put(slug + "/" + episodeOffers.season() + "/" + episodeOffers.episode(), episodeOffers);
    }

    public void series(Series value) {
        series.put(value.slug(), value);
    }

    public void episodes(String slug, int season, List<Episode> list) {
        episodes.put(slug + "/" + season, List.copyOf(list));
    }

    /** The site's listing of new episodes; until set, the provider has none, like one written before API 1.1. */
    public void newReleases(List<NewRelease> releases) {
        newReleases = List.copyOf(releases);
        newReleasesFailure = null;
    }

    /** The listing of new episodes fails from now on (the episode pages still answer). */
    public void failNewReleases(CatalogueException failure) {
        newReleasesFailure = failure;
    }

    /** Every call but configuration() fails from now on, like a site that blocks us. */
    public void failAll(CatalogueException failure) {
        everyCallFails = failure;
    }

    /** How {@link #resolve(URI)} answers. */
    @FunctionalInterface
    public interface Redirects {
        URI resolve(URI redirect) throws CatalogueException;
    }

    public void redirects(Redirects answers) {
        redirects = answers;
    }

    /** Every call waits this long first, like a slow site. */
    public void delayMillis(long millis) {
        delayMillis = millis;
    }

    private void pause() throws CatalogueException {
        if (everyCallFails != null) {
            throw everyCallFails;
        }
        if (delayMillis > 0) {
            int now = running.incrementAndGet();
            mostAtOnce.accumulateAndGet(now, Math::max);
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                running.decrementAndGet();
            }
        }
    }

    /** The delayed calls running now: a call stopped by an interrupt ends its delay at once. */
    public int callsRunning() {
        return running.get();
    }

    /** The most delayed calls that ran at the same time. */
    public int mostCallsAtOnce() {
        return mostAtOnce.get();
    }

    public synchronized void clearCalls() {
        calls.clear();
    }

    public synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    private synchronized void called(String call) {
        calls.add(call);
    }

    @Override
    public SiteConfiguration configuration() {
        return configuration;
    }

    @Override
    public List<IndexedTitle> index() throws CatalogueException {
        if (everyCallFails != null) {
            throw everyCallFails;
        }
        called("index");
        if (indexFailure != null) {
            throw indexFailure;
        }
        return index;
    }

    @Override
    public List<IndexedTitle> search(String query) throws CatalogueException {
        called("search " + query);
        pause();
        return searchResults.getOrDefault(query, List.of());
    }

    @Override
    public Series series(String slug) throws CatalogueException {
        called("series " + slug);
        pause();
        Series answer = series.get(slug);
        if (answer == null) {
            throw new CatalogueException(CatalogueException.Reason.NOT_FOUND, "no series " + slug);
        }
        return answer;
    }

    @Override
    public List<Episode> episodes(String slug, int season) throws CatalogueException {
        called("episodes " + slug + " " + season);
        pause();
        List<Episode> answer = episodes.get(slug + "/" + season);
        if (answer == null) {
            throw new CatalogueException(CatalogueException.Reason.NOT_FOUND, "no season " + season + " of " + slug);
        }
        return answer;
    }

    @Override
    public EpisodeOffers offers(String slug, int season, int episode) throws CatalogueException {
        called("offers " + slug + " " + season + " " + episode);
        pause();
        EpisodeOffers answer = offers.get(slug + "/" + season + "/" + episode);
        if (answer == null) {
            throw new CatalogueException(CatalogueException.Reason.NOT_FOUND, "no episode " + slug + " " + season
                    + "x" + episode);
        }
        return answer;
    }

    @Override
    public List<NewRelease> newReleases() throws CatalogueException {
        if (newReleases == null) {
            return CatalogueProvider.super.newReleases();
        }
        called("newReleases");
        pause();
        if (newReleasesFailure != null) {
            throw newReleasesFailure;
        }
        return newReleases;
    }

    @Override
    public URI resolve(URI redirect) throws CatalogueException {
        called("resolve " + redirect);
        return redirects.resolve(redirect);
    }
}
