package org.catalogarr.catalogue.kit;

import java.net.URI;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import org.catalogarr.catalogue.api.CatalogueException;
import org.catalogarr.catalogue.api.CatalogueException.Reason;
import org.catalogarr.catalogue.api.CatalogueSite;
import org.catalogarr.hoster.api.DestinationRules;
import org.catalogarr.hoster.api.RefusedDestinationException;

/**
 * Where a site's redirect may lead. The site the operator configured is trusted: its {@code base_url}'s host
 * and the hosts in its {@code plain_http_hosts}, on any port. Anywhere else a redirect must lead to a public
 * address, so that a hostile or hijacked site cannot make Catalogarr fetch its own API, the LAN or a cloud's
 * metadata and parse the answer as a catalogue page. The public/private classification is the one the
 * download engine uses for hosters and media ({@link DestinationRules}), so both cannot disagree.
 */
final class SiteRedirects {

    /** As many hops as the JDK client followed by default; a real site needs one or two. */
    static final int MAX_HOPS = 5;

    private SiteRedirects() {
    }

    /**
     * @throws CatalogueException SITE_ERROR naming the refused destination when {@code to} may not be fetched
     */
    static void check(String siteId, CatalogueSite site, URI from, URI to) throws CatalogueException {
        Set<String> trusted = new HashSet<>(site.plainHttpHosts());
        trusted.add(site.baseUrl().getHost());
        String toHost = to.getHost() == null ? "" : unbracketed(to.getHost());
        boolean plainHttpAllowed = site.plainHttpHosts().stream().anyMatch(host -> unbracketed(host).equals(toHost));
        // The JDK client never followed a site from https to plain http; a page that tries has no need to.
        if ("https".equalsIgnoreCase(from.getScheme()) && "http".equalsIgnoreCase(to.getScheme())
                && !plainHttpAllowed) {
            throw refused(siteId, from, "refusing " + to + ": a redirect from https to plain http is not followed");
        }
        try {
            DestinationRules.allowing("plain_http_hosts of catalogue site '" + siteId + "'", trusted).check(to);
        } catch (RefusedDestinationException e) {
            throw refused(siteId, from, e.getMessage());
        }
    }

    private static String unbracketed(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        return lower.startsWith("[") && lower.endsWith("]") ? lower.substring(1, lower.length() - 1) : lower;
    }

    private static CatalogueException refused(String siteId, URI from, String why) {
        return new CatalogueException(Reason.SITE_ERROR, siteId + " redirected " + from
                + " to a destination that is not followed: " + why);
    }
}
