package org.catalogarr.core.store;

/** SQL of the {@code catalogue_site} table. */
final class CatalogueSiteTable {

    static final String UPDATE = """
            UPDATE catalogue_site SET display_name = ?, base_url = ?, search_priority = ?, default_languages = ?,
                   enabled = ?, search_timeout_seconds = ?, updated_at = CURRENT_TIMESTAMP
             WHERE site_id = ?""";

    static final String INSERT = """
            INSERT INTO catalogue_site (display_name, base_url, search_priority, default_languages, enabled,
                   search_timeout_seconds, updated_at, site_id)
            VALUES (?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP, ?)""";

    private CatalogueSiteTable() {
    }
}
