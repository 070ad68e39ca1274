package org.catalogarr.catalogue.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One catalogue site (AniWorld, s.to, ...), registered as an OSGi service by the site's own bundle.
 * The core tracks every registered provider; a site whose bundle is removed simply disappears.
 */
@ConsumerType
public interface CatalogueProvider {

    /** Service property naming the site, so consumers can filter providers without calling them. */
    String SITE_ID_PROPERTY = "catalogue.site.id";

    /**
     * The configuration this provider works with now, and the reason its newest configuration was
     * refused, if it was. Never null.
     */
    SiteConfiguration configuration();
}
