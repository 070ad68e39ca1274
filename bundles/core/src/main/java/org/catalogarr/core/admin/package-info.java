/**
 * What the admin console and the admin REST API may see and do: list, test, configure and toggle catalogues,
 * list and steer downloads, see the service's status and recent warnings. The only
 * package the core exports, so the console depends on this small contract and not on the core's inner
 * types; the core implements it. 2.0: the rows carry more (state, activity, retry time), so their
 * constructors changed.
 */
@Export
@Version("2.0.0")
package org.catalogarr.core.admin;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
