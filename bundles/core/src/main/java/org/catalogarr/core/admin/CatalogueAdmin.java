package org.catalogarr.core.admin;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Lists the catalogues and changes their settings the way an edit of their configuration would: the
 * change is applied without restart and kept in the site's configuration file.
 */
@ProviderType
public interface CatalogueAdmin {

    /** Which way {@link #move} shifts a site among the enabled ones. */
    enum Direction {
        /** Searched earlier: a lower priority. */
        UP,
        /** Searched later: a higher priority. */
        DOWN
    }

    /** Every catalogue, enabled ones first in search order. */
    List<CatalogueRow> catalogues();

    /**
     * Enables or disables a site. A site enabled with a priority another enabled site already has is given
     * the next free priority, so it is not refused.
     */
    void setEnabled(String siteId, boolean enabled) throws AdminException;

    /** Swaps an enabled site with its neighbour in search order; priorities stay unique at every step. */
    void move(String siteId, Direction direction) throws AdminException;
}
