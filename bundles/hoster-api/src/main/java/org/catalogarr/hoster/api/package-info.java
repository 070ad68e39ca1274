/**
 * The contract between Catalogarr's download engine and its hoster bundles: a hoster bundle registers
 * a {@link org.catalogarr.hoster.api.HosterResolver} service per hoster, the core finds it by name.
 */
@Export
@Version("1.0.0")
package org.catalogarr.hoster.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
