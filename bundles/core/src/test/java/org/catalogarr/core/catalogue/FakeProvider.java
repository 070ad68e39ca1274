package org.catalogarr.core.catalogue;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.catalogarr.catalogue.api.CatalogueException;
import org.catalogarr.catalogue.api.CatalogueProvider;
import org.catalogarr.catalogue.api.CatalogueSite;
import org.catalogarr.catalogue.api.Episode;
import org.catalogarr.catalogue.api.EpisodeOffers;
import org.catalogarr.catalogue.api.IndexedTitle;
import org.catalogarr.catalogue.api.Series;
import org.catalogarr.catalogue.api.SiteConfiguration;

/** A provider whose answers a test sets, and which counts what it was asked. */
public final class FakeProvider implements CatalogueProvider {

    private volatile SiteConfiguration configuration;
    private volatile List<IndexedTitle> index = List.of();
    private volatile CatalogueException indexFailure;
    private final Map<String, List<IndexedTitle>> searchResults = new HashMap<>();
    private final Map<String, EpisodeOffers> offers = new HashMap<>();
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
        called("index");
        if (indexFailure != null) {
            throw indexFailure;
        }
        return index;
    }

    @Override
    public List<IndexedTitle> search(String query) {
        called("search " + query);
        return searchResults.getOrDefault(query, List.of());
    }

    @Override
    public Series series(String slug) throws CatalogueException {
        throw new CatalogueException(CatalogueException.Reason.NOT_FOUND, "not set up: series " + slug);
    }

    @Override
    public List<Episode> episodes(String slug, int season) throws CatalogueException {
        throw new CatalogueException(CatalogueException.Reason.NOT_FOUND, "not set up: episodes " + slug);
    }

    @Override
    public EpisodeOffers offers(String slug, int season, int episode) throws CatalogueException {
        called("offers " + slug + " " + season + " " + episode);
        EpisodeOffers answer = offers.get(slug + "/" + season + "/" + episode);
        if (answer == null) {
            throw new CatalogueException(CatalogueException.Reason.NOT_FOUND, "no episode " + slug + " " + season
                    + "x" + episode);
        }
        return answer;
    }

    @Override
    public URI resolve(URI redirect) throws CatalogueException {
        throw new CatalogueException(CatalogueException.Reason.NOT_FOUND, "not set up: " + redirect);
    }
}
