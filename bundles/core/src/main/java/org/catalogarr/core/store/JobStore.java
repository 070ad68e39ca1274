package org.catalogarr.core.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.catalogarr.catalogue.api.Language;
import org.catalogarr.core.jobs.DownloadJob;
import org.catalogarr.core.jobs.JobStatus;
import org.catalogarr.core.jobs.ShareLimits;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Download jobs and categories in Derby: every state change is written here before anyone is told. */
@Component(service = JobStore.class)
public class JobStore {

    private final Database database;

    @Activate
    public JobStore(@Reference Database database) {
        this.database = database;
    }

    public void insert(DownloadJob job) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement insert = connection.prepareStatement(JobTable.INSERT)) {
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
            insert.setString(14, job.message().orElse(null));
            insert.setString(15, job.category());
            insert.setString(16, String.join(",", job.tags()));
            insert.setString(17, job.savePath());
            insert.setString(18, job.filePath().orElse(null));
            insert.setTimestamp(19, Timestamp.from(job.createdAt()));
            insert.setTimestamp(20, Timestamp.from(job.updatedAt()));
            insert.setTimestamp(21, job.completedAt().map(Timestamp::from).orElse(null));
            insert.setDouble(22, job.shareLimits().ratioLimit());
            insert.setInt(23, job.shareLimits().seedingTimeLimit());
            insert.setInt(24, job.shareLimits().inactiveSeedingTimeLimit());
            insert.setLong(25, job.queuePosition());
            insert.setBoolean(26, job.forceStart());
            insert.setDouble(27, job.progress() * 100);
            insert.executeUpdate();
        }
    }

    /** Writes the job's state, progress, message, file and completion time. */
    public void updateState(DownloadJob job) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement update = connection.prepareStatement(JobTable.UPDATE_STATE)) {
            update.setString(1, job.status().code());
            update.setLong(2, job.downloadedBytes());
            setLong(update, 3, job.totalBytes());
            update.setDouble(4, job.bytesPerSecond());
            update.setString(5, job.message().orElse(null));
            update.setString(6, job.filePath().orElse(null));
            update.setTimestamp(7, job.completedAt().map(Timestamp::from).orElse(null));
            update.setDouble(8, job.progress() * 100);
            update.setTimestamp(9, Timestamp.from(job.updatedAt()));
            update.setString(10, job.id());
            update.executeUpdate();
        }
    }

    public void updateCategory(String id, String category, Instant at) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement update = connection.prepareStatement(JobTable.UPDATE_CATEGORY)) {
            update.setString(1, category);
            update.setTimestamp(2, Timestamp.from(at));
            update.setString(3, id);
            update.executeUpdate();
        }
    }

    public void updateShareLimits(String id, ShareLimits limits, Instant at) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement update = connection.prepareStatement(JobTable.UPDATE_SHARE_LIMITS)) {
            update.setDouble(1, limits.ratioLimit());
            update.setInt(2, limits.seedingTimeLimit());
            update.setInt(3, limits.inactiveSeedingTimeLimit());
            update.setTimestamp(4, Timestamp.from(at));
            update.setString(5, id);
            update.executeUpdate();
        }
    }

    /** Writes the queue positions and force-start flags of several jobs in one transaction. */
    public void updateQueue(List<DownloadJob> jobs, Instant at) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement update = connection.prepareStatement(JobTable.UPDATE_QUEUE)) {
            connection.setAutoCommit(false);
            for (DownloadJob job : jobs) {
                update.setLong(1, job.queuePosition());
                update.setBoolean(2, job.forceStart());
                update.setTimestamp(3, Timestamp.from(at));
                update.setString(4, job.id());
                update.addBatch();
            }
            update.executeBatch();
            connection.commit();
        }
    }

    public long nextQueuePosition() throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement select = connection.prepareStatement(JobTable.NEXT_QUEUE_POSITION);
                ResultSet rows = select.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    public void updateTags(String id, List<String> tags, Instant at) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement update = connection.prepareStatement(JobTable.UPDATE_TAGS)) {
            update.setString(1, String.join(",", tags));
            update.setTimestamp(2, Timestamp.from(at));
            update.setString(3, id);
            update.executeUpdate();
        }
    }

    public void delete(String id) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement delete = connection.prepareStatement(JobTable.DELETE)) {
            delete.setString(1, id);
            delete.executeUpdate();
        }
    }

    public List<DownloadJob> all() throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement select = connection.prepareStatement(JobTable.SELECT_ALL);
                ResultSet rows = select.executeQuery()) {
            List<DownloadJob> jobs = new ArrayList<>();
            while (rows.next()) {
                jobs.add(job(rows));
            }
            return jobs;
        }
    }

    public Optional<DownloadJob> byHash(String infoHash) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement select = connection.prepareStatement(JobTable.SELECT_HASH)) {
            select.setString(1, infoHash.toLowerCase(Locale.ROOT));
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(job(rows)) : Optional.empty();
            }
        }
    }

    public Map<String, String> categories() throws SQLException {
        Map<String, String> categories = new LinkedHashMap<>();
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement select = connection.prepareStatement(JobTable.CATEGORIES);
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                categories.put(rows.getString(1), rows.getString(2));
            }
        }
        return categories;
    }

    /** Creates the category, or changes its save path when it exists. */
    public void saveCategory(String name, String savePath) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement update = connection.prepareStatement(JobTable.UPDATE_CATEGORY_PATH);
                PreparedStatement insert = connection.prepareStatement(JobTable.INSERT_CATEGORY)) {
            update.setString(1, savePath);
            update.setString(2, name);
            if (update.executeUpdate() == 0) {
                insert.setString(1, name);
                insert.setString(2, savePath);
                insert.executeUpdate();
            }
        }
    }

    /** Removes the category; its jobs keep running without one, as in qBittorrent. */
    public void deleteCategory(String name) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement delete = connection.prepareStatement(JobTable.DELETE_CATEGORY);
                PreparedStatement clear = connection.prepareStatement(JobTable.CLEAR_CATEGORY)) {
            connection.setAutoCommit(false);
            delete.setString(1, name);
            delete.executeUpdate();
            clear.setString(1, name);
            clear.executeUpdate();
            connection.commit();
        }
    }

    private static DownloadJob job(ResultSet rows) throws SQLException {
        long total = rows.getLong("total_bytes");
        Optional<Long> totalBytes = rows.wasNull() ? Optional.empty() : Optional.of(total);
        String tags = rows.getString("tags");
        Timestamp completed = rows.getTimestamp("completed_at");
        return new DownloadJob(rows.getString("id"), rows.getString("info_hash"), rows.getString("name"),
                rows.getString("source_site"), rows.getString("slug"), rows.getInt("season"), rows.getInt("episode"),
                Language.fromCode(rows.getString("language")).orElse(Language.GERMAN_DUB),
                rows.getString("magnet_metadata"), JobStatus.valueOf(rows.getString("status").toUpperCase(Locale.ROOT)),
                rows.getLong("downloaded_bytes"), totalBytes, rows.getDouble("speed"),
                Optional.ofNullable(rows.getString("message")), rows.getString("category"),
                tags == null || tags.isBlank() ? List.of() : Arrays.asList(tags.split(",")),
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
