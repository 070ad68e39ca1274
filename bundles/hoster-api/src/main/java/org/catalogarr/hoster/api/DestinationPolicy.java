package org.catalogarr.hoster.api;

import java.net.URI;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Decides whether a URL taken from a hoster's or site's page may be fetched. Pages are written by
 * strangers: without this check a page could point the service at the machine it runs on or at the
 * owner's LAN (the qBittorrent API on loopback, a router, a cloud's metadata address) and have the answer
 * stored as an episode. Registered as a service by the core from the operator's settings; the hoster
 * bundles and the download engine ask it before every request, redirects included.
 */
@ProviderType
public interface DestinationPolicy {

    /**
     * Passes when the URL is http(s) and its host is public or explicitly allowed.
     *
     * @throws RefusedDestinationException when the scheme is not http(s), or the host resolves to a loopback,
     *     private, link-local, CGNAT, multicast or unspecified address and is not on the allow-list
     */
    void check(URI uri) throws RefusedDestinationException;
}
