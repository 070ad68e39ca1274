package org.catalogarr.core.admin;

import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Lists the catalogues and changes their settings the way an edit of their configuration would: the
 * change is applied without restart and kept in the site's configuration file. Nothing is written
 * when a change would be refused.
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

    /** One catalogue. */
    CatalogueRow catalogue(String siteId) throws AdminException;

    /**
     * Enables or disables a site. A site enabled with a priority another enabled site already has is given
     * the next free priority, so it is not refused. Enabling a site whose settings are refused is a
     * {@link AdminException.Reason#CONFLICT} naming the reasons, and nothing is written.
     */
    void setEnabled(String siteId, boolean enabled) throws AdminException;

    /** Swaps an enabled site with its neighbour in search order; priorities stay unique at every step. */
    void move(String siteId, Direction direction) throws AdminException;

    /**
     * Gives the site this search priority. A priority another enabled site has is a
     * {@link AdminException.Reason#CONFLICT}; below 1 is {@link AdminException.Reason#INVALID}.
     */
    void setPriority(String siteId, int priority) throws AdminException;

    /** Fetches the site's title index now and says how it went; a failure is an answer, not an exception. */
    SiteTest test(String siteId) throws AdminException;

    /** Starts fetching the site's title index again, in the background. */
    void refreshIndex(String siteId) throws AdminException;

    /** The site's settings with their metatype descriptions and current values. */
    SettingsForm settings(String siteId) throws AdminException;

    /**
     * Checks the values (setting name → value; unnamed settings keep theirs) with the rules the site applies
     * and, when all pass, writes them to the site's configuration (and so its {@code .cfg} file).
     *
     * @throws AdminException {@link AdminException.Reason#INVALID} with a reason per refused setting, and
     *         nothing written
     */
    SettingsForm updateSettings(String siteId, Map<String, Object> values) throws AdminException;
}
