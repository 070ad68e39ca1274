package org.catalogarr.catalogue.kit;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.catalogarr.catalogue.api.CatalogueException;
import org.catalogarr.catalogue.api.CatalogueProvider;
import org.catalogarr.catalogue.api.CatalogueSite;
import org.catalogarr.catalogue.api.SiteConfiguration;

/**
 * What every catalogue site's component does alike, so that a site is its URLs, its parsers and its
 * configuration: the settings from Config Admin, validated strictly; one HTTP client per component (a
 * challenge seen by one call pauses the others); the settings in force read once per call; a domain move;
 * and whether a link read from a page is the site's own. The subclass is the DS component: it passes its
 * properties to {@link #applySettings} from its own activate/modified method, whose configuration annotation
 * gives the metatype and the defaults.
 *
 * @param <U> the site's URL builder, made from the base URL in force
 */
public abstract class SiteCatalogue<U> implements CatalogueProvider {

    private final SiteSettings settings;
    private final SiteHttp http;
    private final Function<URI, U> urls;

    protected SiteCatalogue(String siteId, Function<URI, U> urls) {
        this.settings = new SiteSettings(siteId);
        this.http = new SiteHttp(siteId);
        this.urls = urls;
    }

    /** Validates and applies the component's properties; a refused value keeps the previous settings. */
    protected final void applySettings(Map<String, Object> properties) {
        settings.apply(properties);
    }

    @Override
    public final SiteConfiguration configuration() {
        return settings.current();
    }

    @Override
    public final Optional<URI> movedTo() {
        return settings.current().inForce().flatMap(http::movedTo);
    }

    /**
     * The settings in force for one call, read once so that a change mid-call cannot mix two sites.
     *
     * @throws CatalogueException SITE_ERROR while the site has no valid settings
     */
    protected final Call<U> call() throws CatalogueException {
        SiteSettings.InForce inForce = settings.inForce();
        return new Call<>(inForce.site(), inForce.access(), urls.apply(inForce.site().baseUrl()), http);
    }

    /** Whether the two URLs have the same scheme, host and port (the port defaulted by the scheme). */
    public static boolean sameOrigin(URI a, URI b) {
        return a.getScheme() != null && a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost() != null
                && b.getHost() != null
                && a.getHost().toLowerCase(Locale.ROOT).equals(b.getHost().toLowerCase(Locale.ROOT))
                && port(a) == port(b);
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /**
     * One call's view of the site: its settings, access rules and URLs, and the requests made with them.
     *
     * @param <U> the site's URL builder
     */
    public record Call<U>(CatalogueSite site, SiteAccess access, U urls, SiteHttp http) {

        public Page get(URI uri) throws CatalogueException {
            return http.get(site, access, uri);
        }

        /** Without following a redirect: the answer's {@link Page#location()} says where it points. */
        public Page getRedirect(URI uri) throws CatalogueException {
            return http.getRedirect(site, access, uri);
        }

        public Page postForm(URI uri, Map<String, String> form) throws CatalogueException {
            return http.postForm(site, access, uri, form);
        }

        /** Where the site moved its domain to, if it answers from another host now. */
        public Optional<URI> movedTo() {
            return http.movedTo(site);
        }

        /**
         * Whether a link is the site's own: on its base URL, or on the host it moved to (links read from
         * a page after a domain move are on the new host).
         */
        public boolean isOwn(URI link) {
            return link != null && (sameOrigin(link, site.baseUrl()) || movedTo().map(m -> sameOrigin(link, m))
                    .orElse(false));
        }
    }
}
