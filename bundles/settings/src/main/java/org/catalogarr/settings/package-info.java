/**
 * Validated configurations: typed values with ranges, the last good settings kept in force, problems
 * reported in the log and in {@code /health}. A bundle of its own, so that core, console and the hoster
 * bundles, which must not import core, validate their configurations the same way through one
 * {@link org.catalogarr.settings.Settings} service.
 */
@Export
@Version("1.1.0")
package org.catalogarr.settings;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
