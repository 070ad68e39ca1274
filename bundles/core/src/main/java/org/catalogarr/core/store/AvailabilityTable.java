package org.catalogarr.core.store;

/** SQL of the {@code availability_record} table. */
final class AvailabilityTable {

    /** Only a newer observation may overwrite: {@code checked_at} never goes backwards. */
    static final String UPDATE = """
            UPDATE availability_record SET is_available = ?, checked_at = ?
             WHERE site_id = ? AND slug = ? AND season = ? AND episode = ? AND language = ? AND checked_at <= ?""";

    static final String INSERT = """
            INSERT INTO availability_record (is_available, checked_at, site_id, slug, season, episode, language)
            VALUES (?, ?, ?, ?, ?, ?, ?)""";

    static final String SELECT_EPISODE = """
            SELECT language, is_available, checked_at FROM availability_record
             WHERE site_id = ? AND slug = ? AND season = ? AND episode = ?""";

    static final String DELETE_SITE = "DELETE FROM availability_record WHERE site_id = ?";

    private AvailabilityTable() {
    }
}
