package org.catalogarr.site.aniworld;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.catalogarr.catalogue.api.CatalogueException;
import org.catalogarr.catalogue.api.CatalogueProvider;
import org.catalogarr.catalogue.api.Episode;
import org.catalogarr.catalogue.api.EpisodeOffers;
import org.catalogarr.catalogue.api.IndexedTitle;
import org.catalogarr.catalogue.api.NewRelease;
import org.catalogarr.catalogue.api.Series;
import org.catalogarr.catalogue.kit.Page;
import org.catalogarr.catalogue.kit.SiteCatalogue;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;

/** The AniWorld catalogue, configured through the PID {@value #PID}. */
@Component(service = CatalogueProvider.class, configurationPid = AniWorldCatalogue.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = CatalogueProvider.SITE_ID_PROPERTY + "=" + AniWorldCatalogue.SITE_ID)
@Designate(ocd = AniWorldConfig.class)
public class AniWorldCatalogue extends SiteCatalogue<AniWorldUrls> {

    static final String PID = "org.catalogarr.site.aniworld";
    static final String SITE_ID = "aniworld";

    public AniWorldCatalogue() {
        super(SITE_ID, AniWorldUrls::new);
    }

    /**
     * The annotation describes the settings (metatype) and gives their defaults; the values are read
     * from the properties so that a malformed one is refused with its reason, not read as false or 0.
     */
    @Activate
    @Modified
    void configure(AniWorldConfig defaults, Map<String, Object> properties) {
        applySettings(properties);
    }

    @Override
    public List<IndexedTitle> index() throws CatalogueException {
        Call<AniWorldUrls> site = call();
        Page page = site.get(site.access().indexUrl());
        return IndexPageParser.parse(page.body(), page.uri());
    }

    @Override
    public List<IndexedTitle> search(String query) throws CatalogueException {
        if (query == null || query.isBlank()) {
            throw new IllegalArgumentException("An AniWorld search needs a non-blank query");
        }
        Call<AniWorldUrls> site = call();
        Page page = site.postForm(site.urls().search(), Map.of("keyword", query.strip()));
        return SearchResultsParser.parse(page.body(), page.uri());
    }

    @Override
    public Series series(String slug) throws CatalogueException {
        Call<AniWorldUrls> site = call();
        Page page = site.get(site.urls().series(slug));
        return SeriesPageParser.parse(page.body(), page.uri());
    }

    @Override
    public List<Episode> episodes(String slug, int season) throws CatalogueException {
        Call<AniWorldUrls> site = call();
        Page page = site.get(site.urls().season(slug, season));
        return SeasonPageParser.parse(page.body(), page.uri(), season);
    }

    @Override
    public EpisodeOffers offers(String slug, int season, int episode) throws CatalogueException {
        Call<AniWorldUrls> site = call();
        Page page = site.get(site.urls().episode(slug, season, episode));
        return EpisodePageParser.parse(page.body(), page.uri(), season, episode);
    }

    /** The home page's "Neue Episoden", the same request a visitor's browser makes first. */
    @Override
    public List<NewRelease> newReleases() throws CatalogueException {
        Call<AniWorldUrls> site = call();
        Page page = site.get(site.urls().home());
        return NewEpisodesParser.parse(page.body(), page.uri());
    }

    /** Redirect links are read from the episode page, so after a domain move they are on the new host. */
    @Override
    public URI resolve(URI redirect) throws CatalogueException {
        Call<AniWorldUrls> site = call();
        if (!site.isOwn(redirect)) {
            throw new IllegalArgumentException("Not an AniWorld redirect link of " + site.site().baseUrl() + ": "
                    + redirect);
        }
        return RedirectAnswer.target(site.getRedirect(redirect));
    }
}
