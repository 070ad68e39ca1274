package org.catalogarr.core.qbit;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.catalogarr.core.dto.DownloadJob;
import org.catalogarr.core.dto.JobStatus;
import org.catalogarr.core.dto.ShareLimits;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * A download job as qBittorrent 4.x describes a torrent ({@code torrents/info}, {@code properties},
 * {@code files}). Catalogarr has no peers and no upload, so those fields carry the values qBittorrent
 * shows for a torrent without them; everything else, share limits included, comes from the job. The hash is
 * a v1-style one, so {@code infohash_v1} repeats it and {@code infohash_v2} is empty, as for a v1 torrent;
 * and the torrent is private, as the {@code info} dictionary behind every hash says.
 */
public final class TorrentView {

    /** qBittorrent's "unknown / infinite" ETA. */
    static final long ETA_UNKNOWN = 8_640_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private TorrentView() {
    }

    /**
     * The state name. A download without speed stays {@code downloading} rather than {@code stalledDL}:
     * Sonarr shows stalled torrents as warnings, and a pause between two site requests is not a fault.
     * A cancelled job is stopped and never resumes by itself, which is what {@code pausedDL} says.
     * A finished download is stopped, not seeding: Catalogarr never uploads.
     */
    public static String state(DownloadJob job) {
        return switch (job.status()) {
            case QUEUED -> "queuedDL";
            case DOWNLOADING -> job.forceStart() ? "forcedDL" : "downloading";
            case PAUSED, CANCELLED -> "pausedDL";
            case COMPLETED -> "pausedUP";
            case FAILED -> "error";
        };
    }

    /**
     * The {@code torrents/info} object.
     *
     * @param priority the queue position, 0 for finished jobs
     * @param now the current time, for {@code time_active}
     */
    public static Map<String, Object> info(DownloadJob job, int priority, Instant now) {
        Map<String, Object> t = new LinkedHashMap<>();
        long size = size(job);
        long done = completed(job);
        long dlspeed = job.status() == JobStatus.DOWNLOADING ? Math.round(job.bytesPerSecond()) : 0;
        t.put("added_on", job.createdAt().getEpochSecond());
        t.put("amount_left", Math.max(0, size - done));
        t.put("auto_tmm", false);
        t.put("availability", -1.0);
        t.put("category", nonNull(job.category()));
        t.put("completed", done);
        t.put("completion_on", job.completedAt().map(Instant::getEpochSecond).orElse(-1L));
        t.put("content_path", contentPath(job));
        t.put("dl_limit", 0);
        t.put("dlspeed", dlspeed);
        t.put("download_path", "");
        t.put("downloaded", job.downloadedBytes());
        t.put("downloaded_session", job.downloadedBytes());
        t.put("eta", eta(job, size, dlspeed));
        t.put("f_l_piece_prio", false);
        t.put("force_start", job.forceStart());
        t.put("hash", hash(job));
        t.put("infohash_v1", hash(job));
        t.put("infohash_v2", "");
        t.put("isPrivate", true);
        t.put("last_activity", job.updatedAt().getEpochSecond());
        t.put("magnet_uri", magnetUri(job));
        ShareLimits limits = job.shareLimits();
        t.put("max_inactive_seeding_time", effective(limits.inactiveSeedingTimeLimit(), Preferences.NO_LIMIT));
        t.put("max_ratio", limits.ratioLimit() == ShareLimits.GLOBAL ? Preferences.MAX_RATIO : limits.ratioLimit());
        t.put("max_seeding_time", effective(limits.seedingTimeLimit(), Preferences.NO_LIMIT));
        t.put("name", name(job));
        t.put("num_complete", 0);
        t.put("num_incomplete", 0);
        t.put("num_leechs", 0);
        t.put("num_seeds", 0);
        t.put("priority", priority);
        t.put("progress", job.progress());
        t.put("ratio", 0.0);
        t.put("ratio_limit", limits.ratioLimit());
        t.put("inactive_seeding_time_limit", limits.inactiveSeedingTimeLimit());
        t.put("reannounce", 0);
        t.put("save_path", nonNull(job.savePath()));
        t.put("seeding_time", 0);
        t.put("seeding_time_limit", limits.seedingTimeLimit());
        t.put("seen_complete", job.completedAt().map(Instant::getEpochSecond).orElse(-1L));
        t.put("seq_dl", false);
        t.put("size", size);
        t.put("state", state(job));
        t.put("super_seeding", false);
        t.put("tags", String.join(", ", job.tags()));
        t.put("time_active", timeActive(job, now));
        t.put("total_size", size);
        t.put("tracker", "");
        t.put("trackers_count", 0);
        t.put("up_limit", 0);
        t.put("uploaded", 0);
        t.put("uploaded_session", 0);
        t.put("upspeed", 0);
        t.put("catalogarr_source_site", job.sourceSite());
        t.put("catalogarr_magnet_metadata", metadata(job.magnetMetadata()));
        t.put("catalogarr_message", job.message().orElse(""));
        return t;
    }

    /** The {@code torrents/properties} object; qBittorrent's unknown numbers are -1. */
    public static Map<String, Object> properties(DownloadJob job, Instant now) {
        Map<String, Object> p = new LinkedHashMap<>();
        long size = size(job);
        long elapsed = timeActive(job, now);
        long dlspeed = job.status() == JobStatus.DOWNLOADING ? Math.round(job.bytesPerSecond()) : 0;
        p.put("hash", hash(job));
        p.put("name", name(job));
        p.put("infohash_v1", hash(job));
        p.put("infohash_v2", "");
        p.put("save_path", nonNull(job.savePath()));
        p.put("download_path", "");
        p.put("creation_date", -1);
        p.put("piece_size", -1);
        p.put("comment", "");
        p.put("total_wasted", 0);
        p.put("total_uploaded", 0);
        p.put("total_uploaded_session", 0);
        p.put("total_downloaded", job.downloadedBytes());
        p.put("total_downloaded_session", job.downloadedBytes());
        p.put("up_limit", -1);
        p.put("dl_limit", -1);
        p.put("time_elapsed", elapsed);
        p.put("seeding_time", 0);
        p.put("nb_connections", 0);
        p.put("nb_connections_limit", -1);
        p.put("share_ratio", 0.0);
        p.put("addition_date", job.createdAt().getEpochSecond());
        p.put("completion_date", job.completedAt().map(Instant::getEpochSecond).orElse(-1L));
        p.put("created_by", "");
        p.put("dl_speed", dlspeed);
        p.put("dl_speed_avg", elapsed > 0 ? job.downloadedBytes() / elapsed : 0);
        p.put("up_speed", 0);
        p.put("up_speed_avg", 0);
        p.put("eta", eta(job, size, dlspeed));
        p.put("last_seen", job.completedAt().map(Instant::getEpochSecond).orElse(-1L));
        p.put("peers", 0);
        p.put("peers_total", 0);
        p.put("pieces_have", -1);
        p.put("pieces_num", -1);
        p.put("reannounce", 0);
        p.put("seeds", 0);
        p.put("seeds_total", 0);
        p.put("total_size", size);
        p.put("is_private", true);
        return p;
    }

    /**
     * The {@code torrents/files} array: a job is one file, listed once the job knows it (it started or
     * finished); before that nothing, as qBittorrent lists no files of a torrent without metadata. Its
     * name is relative to the save path, so that save path plus the name's first segment is the content
     * path, as Sonarr's older-API import assumes.
     */
    public static List<Map<String, Object>> files(DownloadJob job) {
        if (job.filePath().isEmpty()) {
            return List.of();
        }
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("index", 0);
        f.put("name", relativeName(job));
        f.put("size", size(job));
        f.put("progress", job.progress());
        f.put("priority", 1);
        f.put("is_seed", job.status() == JobStatus.COMPLETED);
        f.put("piece_range", List.of(0, 0));
        f.put("availability", -1.0);
        return List.of(f);
    }

    /** A time limit as the torrent lives by it: its own, or the global one, where -1 means none. */
    private static int effective(int limit, int global) {
        return limit == ShareLimits.GLOBAL ? global : limit;
    }

    public static String hash(DownloadJob job) {
        return job.infoHash().toLowerCase(Locale.ROOT);
    }

    /**
     * The file once there is one, otherwise where it will be; never the save path itself, because Sonarr
     * refuses to import when the two are equal.
     */
    static String contentPath(DownloadJob job) {
        return job.filePath().orElseGet(() -> join(nonNull(job.savePath()), name(job)));
    }

    private static String relativeName(DownloadJob job) {
        String content = contentPath(job);
        try {
            Path save = Path.of(nonNull(job.savePath()));
            Path file = Path.of(content);
            if (!save.toString().isEmpty() && file.startsWith(save) && !file.equals(save)) {
                return save.relativize(file).toString().replace('\\', '/');
            }
            Path fileName = file.getFileName();
            return fileName == null ? name(job) : fileName.toString();
        } catch (InvalidPathException e) {
            return name(job);
        }
    }

    private static String join(String folder, String name) {
        return folder.endsWith("/") ? folder + name : folder + "/" + name;
    }

    private static String name(DownloadJob job) {
        return job.name() == null || job.name().isBlank() ? hash(job) : job.name();
    }

    private static long size(DownloadJob job) {
        return job.totalBytes().orElse(job.status() == JobStatus.COMPLETED ? job.downloadedBytes() : 0L);
    }

    private static long completed(DownloadJob job) {
        return job.status() == JobStatus.COMPLETED ? size(job) : job.downloadedBytes();
    }

    private static long eta(DownloadJob job, long size, long dlspeed) {
        if (job.status() == JobStatus.COMPLETED) {
            return 0;
        }
        if (dlspeed <= 0 || size <= 0) {
            return ETA_UNKNOWN;
        }
        return Math.min(ETA_UNKNOWN, Math.max(0, size - job.downloadedBytes()) / dlspeed);
    }

    /**
     * Seconds from adding to completion, or to now while downloading. A job that waits or is stopped
     * counts up to its last change and no further: qBittorrent's active time does not grow while a torrent
     * is not running, and {@code sync/maindata} would otherwise report every waiting torrent as changed.
     */
    private static long timeActive(DownloadJob job, Instant now) {
        Instant end = job.completedAt().orElse(job.status() == JobStatus.DOWNLOADING ? now : job.updatedAt());
        return Math.max(0, Duration.between(job.createdAt(), end).getSeconds());
    }

    private static String magnetUri(DownloadJob job) {
        return "magnet:?xt=urn:btih:" + hash(job) + "&dn=" + URLEncoder.encode(name(job), StandardCharsets.UTF_8);
    }

    /** The metadata as a JSON object; text that is not JSON is passed on as a string rather than lost. */
    private static JsonNode metadata(String text) {
        if (text == null || text.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return TextNode.valueOf(text);
        }
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
