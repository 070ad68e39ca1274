package org.catalogarr.catalogue.api;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A catalogue site as configured: the seed's {@code CatalogueSite}.
 *
 * @param siteId stable identifier ({@code aniworld}, {@code sto}); lowercase letters, digits, dashes
 * @param displayName label for people (logs, console, release names)
 * @param baseUrl root of the site; HTTPS, or plain HTTP only for a host in {@code plainHttpHosts}
 * @param searchPriority order of this site's results in a merged search, lowest first; unique among
 *        enabled sites
 * @param defaultLanguages languages to prefer on this site, most wanted first
 * @param enabled whether searches and downloads may use this site
 * @param searchTimeoutSeconds the budget of one request to this site
 * @param plainHttpHosts hosts (typically loopback IPs of test sites) that may be reached without TLS
 * @param indexRefreshHours how long a fetched title index stays fresh
 * @param availabilityTtlHours how long what an episode page offered stays fresh
 * @param anime whether the site is an anime catalogue, which decides how its releases are categorised
 */
public record CatalogueSite(
        String siteId,
        String displayName,
        URI baseUrl,
        int searchPriority,
        List<Language> defaultLanguages,
        boolean enabled,
        int searchTimeoutSeconds,
        Set<String> plainHttpHosts,
        int indexRefreshHours,
        int availabilityTtlHours,
        boolean anime) {

    public CatalogueSite {
        Objects.requireNonNull(siteId, "siteId");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(baseUrl, "baseUrl");
        defaultLanguages = List.copyOf(defaultLanguages);
        plainHttpHosts = Set.copyOf(plainHttpHosts);
    }

    /** The same site with another enablement, e.g. to park a site whose settings were refused. */
    public CatalogueSite withEnabled(boolean newEnabled) {
        return new CatalogueSite(siteId, displayName, baseUrl, searchPriority, defaultLanguages, newEnabled,
                searchTimeoutSeconds, plainHttpHosts, indexRefreshHours, availabilityTtlHours, anime);
    }
}
