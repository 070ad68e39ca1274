package org.catalogarr.catalogue.api;

import java.net.URI;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One catalogue site (AniWorld, s.to, ...), registered as an OSGi service by the site's own bundle.
 * The core tracks every registered provider; a site whose bundle is removed simply disappears.
 * <p>
 * A provider fetches and parses; it stores nothing. Every call honours the site's
 * {@code search_timeout_seconds} per request and fails with a {@link CatalogueException} that says
 * what went wrong: an empty result only ever means "the site has none".
 */
@ProviderType
public interface CatalogueProvider {

    /** Service property naming the site, so consumers can filter providers without calling them. */
    String SITE_ID_PROPERTY = "catalogue.site.id";

    /**
     * The configuration this provider works with now, and the reason its newest configuration was
     * refused, if it was. Never null.
     */
    SiteConfiguration configuration();

    /** Every series of the site's full index, each slug once, with its main and alternative titles. */
    List<IndexedTitle> index() throws CatalogueException;

    /** The site's own search, for queries the index does not answer confidently. */
    List<IndexedTitle> search(String query) throws CatalogueException;

    /** A series with its seasons; season 0 holds the movies and specials. */
    Series series(String slug) throws CatalogueException;

    /** The episodes of one season (0 = movies and specials), in the site's order. */
    List<Episode> episodes(String slug, int season) throws CatalogueException;

    /**
     * What the episode page offers: per language, the hosters and their redirect links. The episode
     * page is the authority; season tables are not trusted for languages.
     */
    EpisodeOffers offers(String slug, int season, int episode) throws CatalogueException;

    /** Turns a site redirect link of an {@link Offer} into the hoster's embed URL, without loading it. */
    URI resolve(URI redirect) throws CatalogueException;
}
