package org.catalogarr.core.store;

/** SQL of the {@code download_job} and {@code download_category} tables. */
final class JobTable {

    static final String COLUMNS = """
            id, info_hash, name, source_site, slug, season, episode, language, magnet_metadata, status,
            downloaded_bytes, total_bytes, speed, message, category, tags, save_path, result_path, created_at,
            updated_at, completed_at, ratio_limit, seeding_time_limit, inactive_seeding_time_limit, queue_position,
            force_start""";

    static final String INSERT = "INSERT INTO download_job (" + COLUMNS + ", progress) VALUES "
            + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** Jobs added through the torrent API; rows of older versions have no hash and are not torrents. */
    static final String SELECT_ALL = "SELECT " + COLUMNS + " FROM download_job WHERE info_hash IS NOT NULL"
            + " ORDER BY created_at, id";

    /** Where a new job joins the queue: behind every other. */
    static final String NEXT_QUEUE_POSITION = "SELECT COALESCE(MAX(queue_position), 0) + 1 FROM download_job";

    static final String SELECT_HASH = "SELECT " + COLUMNS + " FROM download_job WHERE info_hash = ?";

    static final String UPDATE_STATE = """
            UPDATE download_job SET status = ?, downloaded_bytes = ?, total_bytes = ?, speed = ?, message = ?,
                   result_path = ?, completed_at = ?, progress = ?, updated_at = ? WHERE id = ?""";

    /** Progress never changes the state: a row that left {@code downloading} is not touched. */
    static final String UPDATE_PROGRESS = """
            UPDATE download_job SET downloaded_bytes = ?, total_bytes = ?, speed = ?, progress = ?, updated_at = ?
             WHERE id = ? AND status = 'downloading'""";

    static final String UPDATE_CATEGORY = "UPDATE download_job SET category = ?, updated_at = ? WHERE id = ?";

    static final String UPDATE_SHARE_LIMITS = """
            UPDATE download_job SET ratio_limit = ?, seeding_time_limit = ?, inactive_seeding_time_limit = ?,
                   updated_at = ? WHERE id = ?""";

    static final String UPDATE_QUEUE =
            "UPDATE download_job SET queue_position = ?, force_start = ?, updated_at = ? WHERE id = ?";

    static final String UPDATE_TAGS = "UPDATE download_job SET tags = ?, updated_at = ? WHERE id = ?";

    static final String DELETE = "DELETE FROM download_job WHERE id = ?";

    static final String CATEGORIES = "SELECT name, save_path FROM download_category ORDER BY name";

    static final String INSERT_CATEGORY = "INSERT INTO download_category (name, save_path) VALUES (?, ?)";

    static final String UPDATE_CATEGORY_PATH = "UPDATE download_category SET save_path = ? WHERE name = ?";

    static final String DELETE_CATEGORY = "DELETE FROM download_category WHERE name = ?";

    static final String CLEAR_CATEGORY = "UPDATE download_job SET category = '' WHERE category = ?";

    static final String TAGS = "SELECT name FROM download_tag ORDER BY name";

    static final String TAG_EXISTS = "SELECT 1 FROM download_tag WHERE name = ?";

    static final String INSERT_TAG = "INSERT INTO download_tag (name) VALUES (?)";

    static final String DELETE_TAG = "DELETE FROM download_tag WHERE name = ?";

    /** The jobs that carry any tag, to take deleted tags off them. */
    static final String TAGGED_JOBS = "SELECT id, tags FROM download_job WHERE tags <> ''";

    private JobTable() {
    }
}
