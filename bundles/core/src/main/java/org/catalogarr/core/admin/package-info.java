/**
 * What the admin console may see and do: list and toggle catalogues, list and steer downloads. The only
 * package the core exports, so the console depends on this small contract and not on the core's inner
 * types; the core implements it.
 */
@Export
@Version("1.0.0")
package org.catalogarr.core.admin;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
