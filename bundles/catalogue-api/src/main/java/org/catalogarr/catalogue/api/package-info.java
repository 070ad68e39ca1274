/**
 * The contract between Catalogarr's core and its catalogue site bundles: a site bundle registers a
 * {@link org.catalogarr.catalogue.api.CatalogueProvider} service, the core finds it dynamically.
 * <p>
 * 1.1: {@code CatalogueProvider.newReleases()} and {@code NewRelease}, the listing of new episodes.
 * 1.2: {@code CatalogueProvider.movedTo()}, a site's new address after a domain move.
 */
@Export
@Version("1.2.0")
package org.catalogarr.catalogue.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
