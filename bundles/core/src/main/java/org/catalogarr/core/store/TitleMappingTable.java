package org.catalogarr.core.store;

/** SQL of the {@code title_mapping} table. */
final class TitleMappingTable {

    static final String DELETE_SITE = "DELETE FROM title_mapping WHERE site_id = ?";

    static final String DELETE_KEY = "DELETE FROM title_mapping WHERE site_id = ? AND title_key = ?";

    static final String INSERT =
            "INSERT INTO title_mapping (title_key, site_id, slug, last_refreshed_at, origin) VALUES (?, ?, ?, ?, ?)";

    static final String SELECT_SITE = "SELECT title_key, slug, origin FROM title_mapping WHERE site_id = ?";

    static final String SELECT_ALIASES =
            "SELECT title_key, slug, last_refreshed_at FROM title_mapping WHERE site_id = ? AND origin = 'alias'";

    static final String SELECT_KEY = "SELECT origin FROM title_mapping WHERE site_id = ? AND title_key = ?";

    static final String LAST_REFRESHED = "SELECT MAX(last_refreshed_at), COUNT(*) FROM title_mapping"
            + " WHERE site_id = ? AND origin = 'index'";

    private TitleMappingTable() {
    }
}
