package org.catalogarr.site.sto;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.catalogarr.catalogue.api.CatalogueException;
import org.catalogarr.catalogue.api.CatalogueException.Reason;
import org.catalogarr.catalogue.api.CatalogueProvider;
import org.catalogarr.catalogue.api.Episode;
import org.catalogarr.catalogue.api.EpisodeOffers;
import org.catalogarr.catalogue.api.IndexedTitle;
import org.catalogarr.catalogue.api.NewRelease;
import org.catalogarr.catalogue.api.Series;
import org.catalogarr.catalogue.kit.Page;
import org.catalogarr.catalogue.kit.SiteCatalogue;
import org.catalogarr.catalogue.kit.SiteThreads;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The s.to catalogue in its "v2" layout (since January 2026), configured through the PID {@value #PID}.
 * Pages are fetched with the settings in force at the time of the call, so a configuration change
 * applies to the next request. The site only comes up with its configuration, never with built-in
 * defaults that would send requests to the public site before the operator's settings arrive.
 */
@Component(service = CatalogueProvider.class, configurationPid = StoCatalogue.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = CatalogueProvider.SITE_ID_PROPERTY + "=" + StoCatalogue.SITE_ID)
@Designate(ocd = StoConfig.class)
public class StoCatalogue extends SiteCatalogue<StoUrls> {

    static final String PID = "org.catalogarr.site.sto";
    static final String SITE_ID = "sto";

    private static final Logger LOG = LoggerFactory.getLogger(StoCatalogue.class);

    public StoCatalogue() {
        super(SITE_ID, StoUrls::new);
    }

    /**
     * The annotation describes the settings (metatype) and gives their defaults; the values are read
     * from the properties so that a malformed one is refused with its reason, not read as false or 0.
     */
    @Activate
    @Modified
    void configure(StoConfig defaults, Map<String, Object> properties) {
        applySettings(properties);
    }

    @Override
    public List<IndexedTitle> index() throws CatalogueException {
        Call<StoUrls> target = call();
        Page page = target.get(target.access().indexUrl());
        return SeriesListParser.parse(page.body(), page.uri());
    }

    /**
     * Asks the suggest API with every {@link SearchTerms term} of the query, all terms at once: asked one
     * after the other, a query with punctuation cost the core's search two round trips to this site (the
     * p95 of the Torznab fan-out). The answers are merged in the order of the terms. When the API answers
     * in a shape we do not know, the HTML search page answers instead, so a changed API does not stop search.
     */
    @Override
    public List<IndexedTitle> search(String query) throws CatalogueException {
        if (query == null || query.isBlank()) {
            throw new IllegalArgumentException("An s.to search needs a non-empty query");
        }
        Call<StoUrls> target = call();
        List<Callable<List<IndexedTitle>>> calls = new ArrayList<>();
        for (String term : SearchTerms.of(query)) {
            calls.add(() -> suggest(target, term));
        }
        List<SiteThreads.Outcome<List<IndexedTitle>>> answers;
        try {
            answers = SiteThreads.callAll(calls);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CatalogueException(Reason.TIMEOUT, "The s.to search for '" + query + "' was stopped", e);
        }
        Map<String, IndexedTitle> found = new LinkedHashMap<>();
        for (SiteThreads.Outcome<List<IndexedTitle>> answer : answers) {
            if (answer.failure() == null) {
                answer.value().forEach(title -> found.putIfAbsent(title.slug(), title));
                continue;
            }
            if (answer.failure() instanceof RuntimeException unexpected) {
                throw unexpected;
            }
            if (!(answer.failure() instanceof CatalogueException failure)) {
                throw new IllegalStateException(answer.failure());
            }
            if (failure.reason() != Reason.LAYOUT_CHANGED) {
                throw failure;
            }
            LOG.warn("{}; falling back to the s.to search page", failure.getMessage());
            searchPage(target, query.strip()).forEach(title -> found.putIfAbsent(title.slug(), title));
            break;
        }
        return List.copyOf(found.values());
    }

    private List<IndexedTitle> suggest(Call<StoUrls> target, String term) throws CatalogueException {
        Page page = target.get(target.urls().suggest(term));
        return SuggestParser.parse(page.body(), page.uri());
    }

    private List<IndexedTitle> searchPage(Call<StoUrls> target, String query) throws CatalogueException {
        Page page = target.get(target.urls().search(query));
        return SearchPageParser.parse(page.body(), page.uri());
    }

    @Override
    public Series series(String slug) throws CatalogueException {
        Call<StoUrls> target = call();
        URI url = target.urls().series(slug);
        Page page = target.get(url);
        // The site may send an unknown or renamed series elsewhere instead of answering 404.
        Optional<String> servedSlug = SeriesLinks.slug(page.uri());
        if (servedSlug.isEmpty()) {
            // A v1 site sends /serie/{slug} on to /serie/stream/{slug}: that is no missing series.
            V1Markup.reject(page.body(), page.uri(), SeriesPageParser.HEADER);
            throw new CatalogueException(Reason.NOT_FOUND, "s.to has no series at " + url + "; it sent us to "
                    + page.uri());
        }
        return SeriesPageParser.parse(page.body(), page.uri(), servedSlug.get());
    }

    @Override
    public List<Episode> episodes(String slug, int season) throws CatalogueException {
        Call<StoUrls> target = call();
        Page page = target.get(target.urls().season(slug, season));
        return SeasonPageParser.parse(page.body(), page.uri());
    }

    @Override
    public EpisodeOffers offers(String slug, int season, int episode) throws CatalogueException {
        Call<StoUrls> target = call();
        Page page = target.get(target.urls().episode(slug, season, episode));
        return EpisodePageParser.parse(page.body(), page.uri(), season, episode);
    }

    /** The home page's "Neue Episoden", the same request a visitor's browser makes first. */
    @Override
    public List<NewRelease> newReleases() throws CatalogueException {
        Call<StoUrls> target = call();
        Page page = target.get(target.urls().home());
        return LatestEpisodesParser.parse(page.body(), page.uri());
    }

    /**
     * Reads where the play link points without going there: following it would spend the one-shot
     * token and load the hoster with the site's headers. A link that leads back onto s.to is gone. Play
     * links are read from the episode page, so after a domain move they are on the new host.
     */
    @Override
    public URI resolve(URI redirect) throws CatalogueException {
        Call<StoUrls> target = call();
        if (!target.isOwn(redirect)) {
            throw new IllegalArgumentException("Not a play link of s.to at " + target.site().baseUrl() + ": "
                    + redirect);
        }
        Page page = target.getRedirect(redirect);
        Optional<URI> location = page.location();
        if (location.isEmpty()) {
            throw CatalogueException.layoutChanged("Location", redirect + " (HTTP " + page.status()
                    + " instead of a redirect)");
        }
        if (target.isOwn(location.get())) {
            throw new CatalogueException(Reason.NOT_FOUND, "s.to link gone: " + redirect + " leads back to the site ("
                    + location.get() + ")");
        }
        return location.get();
    }
}
