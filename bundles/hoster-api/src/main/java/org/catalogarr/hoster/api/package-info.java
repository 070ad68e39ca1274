/**
 * The contract between Catalogarr's download engine and its hoster bundles: a hoster bundle registers
 * a {@link org.catalogarr.hoster.api.HosterResolver} service per hoster, the core finds it by name. Both
 * sides ask the core's {@link org.catalogarr.hoster.api.DestinationPolicy} before they fetch a URL a page
 * named (1.1: the policy, its {@link org.catalogarr.hoster.api.DestinationRules} and their refusal).
 */
@Export
@Version("1.2.0")
package org.catalogarr.hoster.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
