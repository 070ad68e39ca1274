package org.catalogarr.catalogue.api;

import java.net.URI;
import java.util.List;
import java.util.Optional;

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

    /** The most entries {@link #newReleases()} returns: a listing is read whole, so it must stay small. */
    int MAX_NEW_RELEASES = 300;

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

    /**
     * The site's newest episode releases as its own listing shows them, newest first, at most
     * {@link #MAX_NEW_RELEASES}. Dates the site writes without a zone are read in the site's local time.
     * <p>
     * Added in version 1.1 of this package. The default throws {@link UnsupportedOperationException}
     * rather than returning an empty list, so that a provider written before 1.1 is told apart from a
     * site that released nothing: the core leaves such a site out of the feed of new episodes instead of
     * reporting it as failing. The default keeps such a provider's class linking (no
     * {@code AbstractMethodError}); as this is a {@code @ProviderType}, its bundle still has to be
     * rebuilt against 1.1 to import the new package version.
     *
     * @throws CatalogueException when the listing cannot be fetched or no longer has its structure
     * @throws UnsupportedOperationException when the site has no such listing
     */
    default List<NewRelease> newReleases() throws CatalogueException {
        throw new UnsupportedOperationException(configuration().siteId() + " does not list new releases");
    }

    /**
     * The address the site moved to, when its configured {@code base_url} now answers every page with a
     * permanent redirect to the same page elsewhere: what the operator should put into {@code base_url}.
     * Requests follow the redirects meanwhile.
     * <p>
     * Added in version 1.2 of this package; a provider that does not watch for moves reports none.
     */
    default Optional<URI> movedTo() {
        return Optional.empty();
    }

    /** Turns a site redirect link of an {@link Offer} into the hoster's embed URL, without loading it. */
    URI resolve(URI redirect) throws CatalogueException;
}
