/**
 * The contract between Catalogarr's core and its catalogue site bundles: a site bundle registers a
 * {@link org.catalogarr.catalogue.api.CatalogueProvider} service, the core finds it dynamically.
 */
@Export
@Version("1.0.0")
package org.catalogarr.catalogue.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
