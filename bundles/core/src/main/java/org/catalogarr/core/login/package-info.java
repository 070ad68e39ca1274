/**
 * Login throttling shared by the qBittorrent API and the admin console: failed logins in a row per
 * address and the bans they lead to, and warnings logged at most once per interval. Exported so that
 * both logins are throttled the same way by the same code.
 */
@Export
@Version("1.0.0")
package org.catalogarr.core.login;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
