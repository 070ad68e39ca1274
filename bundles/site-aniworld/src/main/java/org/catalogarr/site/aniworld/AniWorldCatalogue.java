package org.catalogarr.site.aniworld;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.catalogarr.catalogue.api.CatalogueException;
import org.catalogarr.catalogue.api.CatalogueProvider;
import org.catalogarr.catalogue.api.CatalogueSite;
import org.catalogarr.catalogue.api.Episode;
import org.catalogarr.catalogue.api.EpisodeOffers;
import org.catalogarr.catalogue.api.IndexedTitle;
import org.catalogarr.catalogue.api.NewRelease;
import org.catalogarr.catalogue.api.Series;
import org.catalogarr.catalogue.api.SiteConfiguration;
import org.catalogarr.catalogue.kit.Page;
import org.catalogarr.catalogue.kit.SiteAccess;
import org.catalogarr.catalogue.kit.SiteHttp;
import org.catalogarr.catalogue.kit.SiteSettings;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;

/** The AniWorld catalogue, configured through the PID {@value #PID}. */
@Component(configurationPid = AniWorldCatalogue.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = CatalogueProvider.SITE_ID_PROPERTY + "=" + AniWorldCatalogue.SITE_ID)
@Designate(ocd = AniWorldConfig.class)
public class AniWorldCatalogue implements CatalogueProvider {

    static final String PID = "org.catalogarr.site.aniworld";
    static final String SITE_ID = "aniworld";

    private final SiteSettings settings = new SiteSettings(SITE_ID);
    /** One client for the component, so a challenge seen by one call pauses every other call too. */
    private final SiteHttp http = new SiteHttp(SITE_ID);

    /**
     * The annotation describes the settings (metatype) and gives their defaults; the values are read
     * from the properties so that a malformed one is refused with its reason, not read as false or 0.
     */
    @Activate
    @Modified
    void configure(AniWorldConfig defaults, Map<String, Object> properties) {
        settings.apply(properties);
    }

    @Override
    public SiteConfiguration configuration() {
        return settings.current();
    }

    @Override
    public List<IndexedTitle> index() throws CatalogueException {
        Connection site = connection();
        Page page = http.get(site.settings(), site.access(), site.access().indexUrl());
        return IndexPageParser.parse(page.body(), page.uri());
    }

    @Override
    public List<IndexedTitle> search(String query) throws CatalogueException {
        if (query == null || query.isBlank()) {
            throw new IllegalArgumentException("An AniWorld search needs a non-blank query");
        }
        Connection site = connection();
        Page page = http.postForm(site.settings(), site.access(), site.urls().search(), Map.of("keyword", query.strip()));
        return SearchResultsParser.parse(page.body(), page.uri());
    }

    @Override
    public Series series(String slug) throws CatalogueException {
        Connection site = connection();
        Page page = http.get(site.settings(), site.access(), site.urls().series(slug));
        return SeriesPageParser.parse(page.body(), page.uri());
    }

    @Override
    public List<Episode> episodes(String slug, int season) throws CatalogueException {
        Connection site = connection();
        URI url = site.urls().season(slug, season);
        Page page = http.get(site.settings(), site.access(), url);
        return SeasonPageParser.parse(page.body(), page.uri(), season);
    }

    @Override
    public EpisodeOffers offers(String slug, int season, int episode) throws CatalogueException {
        Connection site = connection();
        URI url = site.urls().episode(slug, season, episode);
        Page page = http.get(site.settings(), site.access(), url);
        return EpisodePageParser.parse(page.body(), page.uri(), season, episode);
    }

    /** The home page's "Neue Episoden", the same request a visitor's browser makes first. */
    @Override
    public List<NewRelease> newReleases() throws CatalogueException {
        Connection site = connection();
        Page page = http.get(site.settings(), site.access(), site.urls().home());
        return NewEpisodesParser.parse(page.body(), page.uri());
    }

    @Override
    public Optional<URI> movedTo() {
        return settings.current().inForce().flatMap(http::movedTo);
    }

    /** Redirect links are read from the episode page, so after a domain move they are on the new host. */
    @Override
    public URI resolve(URI redirect) throws CatalogueException {
        Connection site = connection();
        Optional<URI> moved = http.movedTo(site.settings());
        if (redirect == null || !RedirectAnswer.sameOrigin(redirect, site.settings().baseUrl())
                && moved.map(m -> !RedirectAnswer.sameOrigin(redirect, m)).orElse(true)) {
            throw new IllegalArgumentException("Not an AniWorld redirect link of " + site.settings().baseUrl() + ": "
                    + redirect);
        }
        return RedirectAnswer.target(http.getRedirect(site.settings(), site.access(), redirect));
    }

    private Connection connection() throws CatalogueException {
        SiteSettings.InForce inForce = settings.inForce();
        return new Connection(inForce.site(), inForce.access(), new AniWorldUrls(inForce.site().baseUrl()));
    }

    /** The settings in force for one call, read once so that a change mid-call cannot mix two sites. */
    private record Connection(CatalogueSite settings, SiteAccess access, AniWorldUrls urls) {
    }
}
