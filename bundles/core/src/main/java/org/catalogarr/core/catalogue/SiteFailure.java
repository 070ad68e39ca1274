package org.catalogarr.core.catalogue;

import org.catalogarr.catalogue.api.CatalogueException.Reason;

/**
 * A site that could not answer a search, for the warning next to the other sites' results.
 *
 * @param siteId the site
 * @param siteName its display name
 * @param reason what went wrong
 * @param message the readable detail
 */
public record SiteFailure(String siteId, String siteName, Reason reason, String message) {
}
