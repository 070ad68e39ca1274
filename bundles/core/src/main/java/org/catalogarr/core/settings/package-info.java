/**
 * Validated configurations: typed values with ranges, the last good settings kept in force, problems
 * reported in the log and in {@code /health}. Exported so that the console validates its own
 * configuration the same way.
 */
@Export
@Version("1.0.0")
package org.catalogarr.core.settings;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
