package org.catalogarr.catalogue.kit;

import java.net.URI;
import java.time.Duration;

/**
 * How a site bundle reaches its site, beyond the catalogue settings the core sees.
 *
 * @param indexUrl the page listing every series of the site
 * @param userAgent the browser User-Agent sent with every request
 * @param challengeBackoff how long to leave the site alone after it answered with a challenge page
 */
public record SiteAccess(URI indexUrl, String userAgent, Duration challengeBackoff) {
}
