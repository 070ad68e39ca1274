/**
 * The contract between Catalogarr's core and its catalogue site bundles: a site bundle registers a
 * {@link org.catalogarr.catalogue.api.CatalogueProvider} service, the core finds it dynamically.
 * <p>
 * 1.1: {@code CatalogueProvider.newReleases()} and {@code NewRelease}, the listing of new episodes.
 */
@Export
@Version("1.1.0")
package org.catalogarr.catalogue.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
