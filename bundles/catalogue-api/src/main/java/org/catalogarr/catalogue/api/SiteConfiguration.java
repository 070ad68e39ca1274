package org.catalogarr.catalogue.api;

import java.util.Objects;
import java.util.Optional;

/**
 * What a provider reports about its settings: the site as it is in force, and why the newest
 * settings were refused, if they were. A refused change leaves the previous settings in force; a
 * site that never had valid settings has none in force and must not be used.
 *
 * @param siteId the site's identifier, known even when no settings are in force
 * @param inForce the valid settings the provider works with
 * @param rejection a readable reason the newest settings were refused
 */
public record SiteConfiguration(String siteId, Optional<CatalogueSite> inForce, Optional<String> rejection) {

    public SiteConfiguration {
        Objects.requireNonNull(siteId, "siteId");
        Objects.requireNonNull(inForce, "inForce");
        Objects.requireNonNull(rejection, "rejection");
    }
}
