package org.catalogarr.core.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.catalogarr.catalogue.api.Language;
import org.catalogarr.core.dto.DownloadJob;
import org.catalogarr.core.dto.JobStatus;
import org.catalogarr.core.dto.ShareLimits;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Download jobs and categories in Derby: every state change is written here before anyone is told.
 * Values longer than their column are refused with {@link IllegalArgumentException} before any SQL runs,
 * except the message, which is cut; database failures are {@link StoreException}s.
 */
@Component(service = JobStore.class)
public class JobStore {

    private final Database database;

    @Activate
    public JobStore(@Reference Database database) {
        this.database = database;
    }

    public void insert(DownloadJob job) {
        Columns.require(job.name(), Columns.JOB_NAME, "The name");
        Columns.require(job.sourceSite(), Columns.JOB_SITE, "The site id");
        Columns.require(job.slug(), Columns.JOB_SLUG, "The slug");
        Columns.require(job.category(), Columns.JOB_CATEGORY, "The category");
        String tags = Columns.require(String.join(",", job.tags()), Columns.JOB_TAGS, "The tags");
        Columns.require(job.savePath(), Columns.JOB_SAVE_PATH, "The save path");
        String file = Columns.require(job.filePath().orElse(null), Columns.JOB_RESULT_PATH, "The file path");
        database.withConnection("Job " + job.id() + " could not be stored", connection -> {
            try (PreparedStatement insert = connection.prepareStatement(JobTable.INSERT)) {
                insert.setString(1, job.id());
                insert.setString(2, job.infoHash());
                insert.setString(3, job.name());
                insert.setString(4, job.sourceSite());
                insert.setString(5, job.slug());
                insert.setInt(6, job.season());
                insert.setInt(7, job.episode());
                insert.setString(8, job.language().code());
                insert.setString(9, job.magnetMetadata());
                insert.setString(10, job.status().code());
                insert.setLong(11, job.downloadedBytes());
                setLong(insert, 12, job.totalBytes());
                insert.setDouble(13, job.bytesPerSecond());
                insert.setString(14, message(job));
                insert.setString(15, job.category());
                insert.setString(16, tags);
                insert.setString(17, job.savePath());
                insert.setString(18, file);
                insert.setTimestamp(19, Timestamp.from(job.createdAt()));
                insert.setTimestamp(20, Timestamp.from(job.updatedAt()));
                insert.setTimestamp(21, job.completedAt().map(Timestamp::from).orElse(null));
                insert.setDouble(22, job.shareLimits().ratioLimit());
                insert.setInt(23, job.shareLimits().seedingTimeLimit());
                insert.setInt(24, job.shareLimits().inactiveSeedingTimeLimit());
                insert.setLong(25, job.queuePosition());
                insert.setBoolean(26, job.forceStart());
                insert.setDouble(27, job.progress() * 100);
                return insert.executeUpdate();
            }
        });
    }

    /** Writes the job's state, progress, message (cut to its column), file and completion time. */
    public void updateState(DownloadJob job) {
        String file = Columns.require(job.filePath().orElse(null), Columns.JOB_RESULT_PATH, "The file path");
        database.withConnection("Job " + job.id() + " could not be written", connection -> {
            try (PreparedStatement update = connection.prepareStatement(JobTable.UPDATE_STATE)) {
                update.setString(1, job.status().code());
                update.setLong(2, job.downloadedBytes());
                setLong(update, 3, job.totalBytes());
                update.setDouble(4, job.bytesPerSecond());
                update.setString(5, message(job));
                update.setString(6, file);
                update.setTimestamp(7, job.completedAt().map(Timestamp::from).orElse(null));
                update.setDouble(8, job.progress() * 100);
                update.setTimestamp(9, Timestamp.from(job.updatedAt()));
                update.setString(10, job.id());
                return update.executeUpdate();
            }
        });
    }

    /**
     * Writes the job's progress and speed, but only while its row says {@code downloading}: a late report
     * from a worker that was just paused or stopped must never bring the job back.
     *
     * @return whether the row was still downloading and was written
     */
    public boolean updateProgress(DownloadJob job) {
        return database.withConnection("Progress of job " + job.id() + " could not be written", connection -> {
            try (PreparedStatement update = connection.prepareStatement(JobTable.UPDATE_PROGRESS)) {
                update.setLong(1, job.downloadedBytes());
                setLong(update, 2, job.totalBytes());
                update.setDouble(3, job.bytesPerSecond());
                update.setDouble(4, job.progress() * 100);
                update.setTimestamp(5, Timestamp.from(job.updatedAt()));
                update.setString(6, job.id());
                return update.executeUpdate() == 1;
            }
        });
    }

    public void updateCategory(String id, String category, Instant at) {
        Columns.require(category, Columns.JOB_CATEGORY, "The category");
        database.withConnection("Job " + id + " could not be changed", connection -> {
            try (PreparedStatement update = connection.prepareStatement(JobTable.UPDATE_CATEGORY)) {
                update.setString(1, category);
                update.setTimestamp(2, Timestamp.from(at));
                update.setString(3, id);
                return update.executeUpdate();
            }
        });
    }

    public void updateShareLimits(String id, ShareLimits limits, Instant at) {
        database.withConnection("Job " + id + " could not be changed", connection -> {
            try (PreparedStatement update = connection.prepareStatement(JobTable.UPDATE_SHARE_LIMITS)) {
                update.setDouble(1, limits.ratioLimit());
                update.setInt(2, limits.seedingTimeLimit());
                update.setInt(3, limits.inactiveSeedingTimeLimit());
                update.setTimestamp(4, Timestamp.from(at));
                update.setString(5, id);
                return update.executeUpdate();
            }
        });
    }

    /** Writes the queue positions and force-start flags of several jobs in one transaction. */
    public void updateQueue(List<DownloadJob> jobs, Instant at) {
        database.inTransaction("The download queue could not be saved", connection -> {
            try (PreparedStatement update = connection.prepareStatement(JobTable.UPDATE_QUEUE)) {
                for (DownloadJob job : jobs) {
                    update.setLong(1, job.queuePosition());
                    update.setBoolean(2, job.forceStart());
                    update.setTimestamp(3, Timestamp.from(at));
                    update.setString(4, job.id());
                    update.addBatch();
                }
                return update.executeBatch();
            }
        });
    }

    public long nextQueuePosition() {
        return database.withConnection("The download queue could not be read", connection -> {
            try (PreparedStatement select = connection.prepareStatement(JobTable.NEXT_QUEUE_POSITION);
                    ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    public void updateTags(String id, List<String> tags, Instant at) {
        String joined = Columns.require(String.join(",", tags), Columns.JOB_TAGS, "The tags");
        database.withConnection("Job " + id + " could not be changed", connection -> {
            try (PreparedStatement update = connection.prepareStatement(JobTable.UPDATE_TAGS)) {
                update.setString(1, joined);
                update.setTimestamp(2, Timestamp.from(at));
                update.setString(3, id);
                return update.executeUpdate();
            }
        });
    }

    public void delete(String id) {
        database.withConnection("Job " + id + " could not be deleted", connection -> {
            try (PreparedStatement delete = connection.prepareStatement(JobTable.DELETE)) {
                delete.setString(1, id);
                return delete.executeUpdate();
            }
        });
    }

    public List<DownloadJob> all() {
        return database.withConnection("Jobs could not be read", connection -> {
            try (PreparedStatement select = connection.prepareStatement(JobTable.SELECT_ALL);
                    ResultSet rows = select.executeQuery()) {
                List<DownloadJob> jobs = new ArrayList<>();
                while (rows.next()) {
                    jobs.add(job(rows));
                }
                return jobs;
            }
        });
    }

    public Optional<DownloadJob> byHash(String infoHash) {
        return database.withConnection("Jobs could not be read", connection -> {
            try (PreparedStatement select = connection.prepareStatement(JobTable.SELECT_HASH)) {
                select.setString(1, infoHash.toLowerCase(Locale.ROOT));
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(job(rows)) : Optional.empty();
                }
            }
        });
    }

    public Map<String, String> categories() {
        return database.withConnection("Categories could not be read", connection -> {
            Map<String, String> categories = new LinkedHashMap<>();
            try (PreparedStatement select = connection.prepareStatement(JobTable.CATEGORIES);
                    ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    categories.put(rows.getString(1), rows.getString(2));
                }
            }
            return categories;
        });
    }

    /** Creates the category, or changes its save path when it exists. */
    public void saveCategory(String name, String savePath) {
        Columns.require(name, Columns.CATEGORY_NAME, "The category name");
        Columns.require(savePath, Columns.CATEGORY_SAVE_PATH, "The save path");
        database.inTransaction("Category " + Columns.cut(name, 80) + " could not be saved", connection -> {
            try (PreparedStatement update = connection.prepareStatement(JobTable.UPDATE_CATEGORY_PATH);
                    PreparedStatement insert = connection.prepareStatement(JobTable.INSERT_CATEGORY)) {
                update.setString(1, savePath);
                update.setString(2, name);
                if (update.executeUpdate() == 0) {
                    insert.setString(1, name);
                    insert.setString(2, savePath);
                    insert.executeUpdate();
                }
                return null;
            }
        });
    }

    /** Removes the category; its jobs keep running without one, as in qBittorrent. */
    public void deleteCategory(String name) {
        database.inTransaction("Category " + Columns.cut(name, 80) + " could not be removed", connection -> {
            try (PreparedStatement delete = connection.prepareStatement(JobTable.DELETE_CATEGORY);
                    PreparedStatement clear = connection.prepareStatement(JobTable.CLEAR_CATEGORY)) {
                delete.setString(1, name);
                delete.executeUpdate();
                clear.setString(1, name);
                return clear.executeUpdate();
            }
        });
    }

    /** Every created tag, in order; tags of older databases that only jobs carry are not among them. */
    public List<String> tags() {
        return database.withConnection("Tags could not be read", connection -> {
            List<String> tags = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(JobTable.TAGS);
                    ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    tags.add(rows.getString(1));
                }
            }
            return tags;
        });
    }

    /** Creates the tags that do not exist yet, all or none. */
    public void saveTags(Collection<String> tags) {
        tags.forEach(tag -> Columns.require(tag, Columns.TAG_NAME, "A tag"));
        database.inTransaction("Tags could not be saved", connection -> {
            try (PreparedStatement exists = connection.prepareStatement(JobTable.TAG_EXISTS);
                    PreparedStatement insert = connection.prepareStatement(JobTable.INSERT_TAG)) {
                for (String tag : tags) {
                    exists.setString(1, tag);
                    try (ResultSet rows = exists.executeQuery()) {
                        if (rows.next()) {
                            continue;
                        }
                    }
                    insert.setString(1, tag);
                    insert.executeUpdate();
                }
                return null;
            }
        });
    }

    /**
     * Deletes the tags and takes them off every job that carries them, in one transaction, so that no job
     * keeps a tag that no longer exists.
     *
     * @return the ids of the jobs whose tags changed
     */
    public List<String> deleteTags(Collection<String> tags, Instant at) {
        return database.inTransaction("Tags could not be deleted", connection -> {
            try (PreparedStatement delete = connection.prepareStatement(JobTable.DELETE_TAG);
                    PreparedStatement tagged = connection.prepareStatement(JobTable.TAGGED_JOBS);
                    PreparedStatement update = connection.prepareStatement(JobTable.UPDATE_TAGS)) {
                for (String tag : tags) {
                    delete.setString(1, tag);
                    delete.executeUpdate();
                }
                List<String> changed = new ArrayList<>();
                try (ResultSet rows = tagged.executeQuery()) {
                    while (rows.next()) {
                        List<String> had = tags(rows.getString("tags"));
                        List<String> kept = had.stream().filter(t -> !tags.contains(t)).toList();
                        if (kept.size() != had.size()) {
                            changed.add(rows.getString("id"));
                            update.setString(1, String.join(",", kept));
                            update.setTimestamp(2, Timestamp.from(at));
                            update.setString(3, rows.getString("id"));
                            update.addBatch();
                        }
                    }
                }
                update.executeBatch();
                return changed;
            }
        });
    }

    private static List<String> tags(String joined) {
        return joined == null || joined.isBlank() ? List.of() : Arrays.asList(joined.split(","));
    }

    private static String message(DownloadJob job) {
        return job.message().map(m -> Columns.cut(m, Columns.JOB_MESSAGE)).orElse(null);
    }

    private static DownloadJob job(ResultSet rows) throws SQLException {
        long total = rows.getLong("total_bytes");
        Optional<Long> totalBytes = rows.wasNull() ? Optional.empty() : Optional.of(total);
        Timestamp completed = rows.getTimestamp("completed_at");
        return new DownloadJob(rows.getString("id"), rows.getString("info_hash"), rows.getString("name"),
                rows.getString("source_site"), rows.getString("slug"), rows.getInt("season"), rows.getInt("episode"),
                Language.fromCode(rows.getString("language")).orElse(Language.GERMAN_DUB),
                rows.getString("magnet_metadata"), JobStatus.valueOf(rows.getString("status").toUpperCase(Locale.ROOT)),
                rows.getLong("downloaded_bytes"), totalBytes, rows.getDouble("speed"),
                Optional.ofNullable(rows.getString("message")), rows.getString("category"),
                tags(rows.getString("tags")),
                rows.getString("save_path"), Optional.ofNullable(rows.getString("result_path")),
                rows.getTimestamp("created_at").toInstant(), rows.getTimestamp("updated_at").toInstant(),
                Optional.ofNullable(completed).map(Timestamp::toInstant), shareLimits(rows),
                rows.getLong("queue_position"), rows.getBoolean("force_start"));
    }

    /** Limits as stored; a value out of range (edited by hand) falls back to the global limit, not an error. */
    private static ShareLimits shareLimits(ResultSet rows) throws SQLException {
        try {
            return new ShareLimits(rows.getDouble("ratio_limit"), rows.getInt("seeding_time_limit"),
                    rows.getInt("inactive_seeding_time_limit"));
        } catch (IllegalArgumentException e) {
            return ShareLimits.DEFAULT;
        }
    }

    private static void setLong(PreparedStatement statement, int index, Optional<Long> value) throws SQLException {
        if (value.isPresent()) {
            statement.setLong(index, value.get());
        } else {
            statement.setNull(index, Types.BIGINT);
        }
    }
}
