/**
 * What every catalogue site bundle needs and no site owns: a library, no components.
 */
@Export
@Version("1.3.0")
package org.catalogarr.catalogue.kit;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
