package org.catalogarr.core.store;

import java.util.List;

/** The schema's history, oldest first. Only ever append. */
final class MigrationSql {

    /**
     * Version 1 is the single-catalogue job table as AniBridge-era databases have it: no notion of a
     * source site yet.
     */
    static final Migration V1_DOWNLOAD_JOBS = new Migration(1, "download jobs", List.of("""
            CREATE TABLE download_job (
                id               VARCHAR(64)   NOT NULL PRIMARY KEY,
                status           VARCHAR(16)   NOT NULL,
                progress         DOUBLE        NOT NULL DEFAULT 0,
                downloaded_bytes BIGINT        NOT NULL DEFAULT 0,
                total_bytes      BIGINT,
                speed            DOUBLE,
                eta              INTEGER,
                message          VARCHAR(2000),
                result_path      VARCHAR(4000),
                created_at       TIMESTAMP     NOT NULL,
                updated_at       TIMESTAMP     NOT NULL,
                CONSTRAINT download_job_status_ck
                    CHECK (status IN ('queued', 'downloading', 'completed', 'failed', 'cancelled'))
            )""",
            "CREATE INDEX download_job_status_ix ON download_job (status)",
            "CREATE INDEX download_job_created_ix ON download_job (created_at)"));

    /**
     * Version 2 makes the store multi-catalogue. Jobs gain a required {@code source_site}: rows written
     * before it existed all came from AniWorld, so they get {@code aniworld}; the default is dropped
     * again so that every new row has to name its site.
     */
    static final Migration V2_CATALOGUES = new Migration(2, "catalogue sites, title mappings, availability", List.of("""
            CREATE TABLE catalogue_site (
                site_id                VARCHAR(32)   NOT NULL PRIMARY KEY,
                display_name           VARCHAR(200)  NOT NULL,
                base_url               VARCHAR(2000) NOT NULL,
                search_priority        INTEGER       NOT NULL,
                default_languages      VARCHAR(200)  NOT NULL,
                enabled                BOOLEAN       NOT NULL,
                search_timeout_seconds INTEGER       NOT NULL,
                updated_at             TIMESTAMP     NOT NULL
            )""", """
            CREATE TABLE title_mapping (
                title_key         VARCHAR(500) NOT NULL,
                site_id           VARCHAR(32)  NOT NULL,
                slug              VARCHAR(300) NOT NULL,
                last_refreshed_at TIMESTAMP    NOT NULL,
                PRIMARY KEY (title_key, site_id)
            )""",
            "CREATE INDEX title_mapping_slug_ix ON title_mapping (site_id, slug)",
            // episode is part of the key, which Derby keeps NOT NULL: a season pack is stored as -1.
            """
            CREATE TABLE availability_record (
                site_id      VARCHAR(32)  NOT NULL,
                slug         VARCHAR(300) NOT NULL,
                season       INTEGER      NOT NULL,
                episode      INTEGER      NOT NULL,
                language     VARCHAR(32)  NOT NULL,
                quality      VARCHAR(100),
                checked_at   TIMESTAMP    NOT NULL,
                is_available BOOLEAN      NOT NULL,
                PRIMARY KEY (site_id, slug, season, episode, language),
                CONSTRAINT availability_season_ck CHECK (season >= 0),
                CONSTRAINT availability_episode_ck CHECK (episode >= -1)
            )""",
            "ALTER TABLE download_job ADD COLUMN source_site VARCHAR(32) NOT NULL DEFAULT 'aniworld'",
            "ALTER TABLE download_job ALTER COLUMN source_site DROP DEFAULT",
            "ALTER TABLE download_job ADD COLUMN magnet_metadata CLOB",
            "CREATE INDEX download_job_site_ix ON download_job (source_site)"));

    /**
     * Version 3 gives jobs what a torrent client shows: the info-hash they were added with (unique; old
     * rows have none), the episode they fetch, category, tags, save path, completion time, and a paused
     * state; categories get their own table.
     */
    static final Migration V3_TORRENT_JOBS = new Migration(3, "jobs as torrents, categories", List.of(
            "ALTER TABLE download_job DROP CONSTRAINT download_job_status_ck",
            """
            ALTER TABLE download_job ADD CONSTRAINT download_job_status_ck
                CHECK (status IN ('queued', 'downloading', 'paused', 'completed', 'failed', 'cancelled'))""",
            "ALTER TABLE download_job ADD COLUMN info_hash CHAR(40)",
            "ALTER TABLE download_job ADD CONSTRAINT download_job_hash_uq UNIQUE (info_hash)",
            "ALTER TABLE download_job ADD COLUMN name VARCHAR(1000)",
            "ALTER TABLE download_job ADD COLUMN slug VARCHAR(300)",
            "ALTER TABLE download_job ADD COLUMN season INTEGER",
            "ALTER TABLE download_job ADD COLUMN episode INTEGER",
            "ALTER TABLE download_job ADD COLUMN language VARCHAR(32)",
            "ALTER TABLE download_job ADD COLUMN category VARCHAR(200) NOT NULL DEFAULT ''",
            "ALTER TABLE download_job ADD COLUMN tags VARCHAR(2000) NOT NULL DEFAULT ''",
            "ALTER TABLE download_job ADD COLUMN save_path VARCHAR(4000)",
            "ALTER TABLE download_job ADD COLUMN completed_at TIMESTAMP",
            """
            CREATE TABLE download_category (
                name      VARCHAR(200)  NOT NULL PRIMARY KEY,
                save_path VARCHAR(4000) NOT NULL
            )"""));

    /**
     * Version 4 gives jobs their share limits, a queue position and the force-start flag. Existing jobs get
     * position 0 and keep their order, since equal positions are ordered by the time they were added.
     */
    static final Migration V4_QUEUE_AND_LIMITS = new Migration(4, "share limits, queue positions, force start",
            List.of("ALTER TABLE download_job ADD COLUMN ratio_limit DOUBLE NOT NULL DEFAULT -2",
                    "ALTER TABLE download_job ADD COLUMN seeding_time_limit INTEGER NOT NULL DEFAULT -2",
                    "ALTER TABLE download_job ADD COLUMN inactive_seeding_time_limit INTEGER NOT NULL DEFAULT -2",
                    "ALTER TABLE download_job ADD COLUMN queue_position BIGINT NOT NULL DEFAULT 0",
                    "ALTER TABLE download_job ADD COLUMN force_start BOOLEAN NOT NULL DEFAULT FALSE"));

    /**
     * Version 5 keeps tags on their own, as qBittorrent does: a tag is created and deleted by itself and
     * outlives the torrents that carried it. Tags that older databases have only on jobs are still listed,
     * as the job service reads both.
     */
    static final Migration V5_TAGS = new Migration(5, "tags",
            List.of("CREATE TABLE download_tag (name VARCHAR(200) NOT NULL PRIMARY KEY)"));

    /**
     * Version 6 tells a site's own titles from the aliases its search taught us (a query the index did not
     * know, answered by the site's search): a fetched index replaces the former, the latter outlive it.
     * Existing rows all came from indexes.
     */
    static final Migration V6_TITLE_ALIASES = new Migration(6, "title aliases learnt from site searches",
            List.of("ALTER TABLE title_mapping ADD COLUMN origin VARCHAR(8) NOT NULL DEFAULT 'index'"));

    static final List<Migration> ALL = List.of(V1_DOWNLOAD_JOBS, V2_CATALOGUES, V3_TORRENT_JOBS,
            V4_QUEUE_AND_LIMITS, V5_TAGS, V6_TITLE_ALIASES);

    static final String SCHEMA_VERSION_TABLE = """
            CREATE TABLE schema_version (
                version     INTEGER      NOT NULL PRIMARY KEY,
                description VARCHAR(200) NOT NULL,
                applied_at  TIMESTAMP    NOT NULL
            )""";

    static final String CURRENT_VERSION = "SELECT MAX(version) FROM schema_version";

    static final String RECORD_VERSION =
            "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, CURRENT_TIMESTAMP)";

    private MigrationSql() {
    }
}
