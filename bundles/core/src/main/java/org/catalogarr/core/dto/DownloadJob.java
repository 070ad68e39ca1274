package org.catalogarr.core.dto;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.catalogarr.catalogue.api.Language;

/**
 * The seed's {@code DownloadJob}: one episode in one language from one site, as a torrent to Sonarr.
 *
 * @param id the job's id
 * @param infoHash the 40 lowercase hex info-hash of the magnet it was added with
 * @param name the release name (the torrent's name)
 * @param sourceSite the site whose links are used; always the magnet's site
 * @param slug the site's slug of the series
 * @param season the season
 * @param episode the episode
 * @param language the language
 * @param magnetMetadata the magnet's parameters as JSON, naming the site
 * @param status where the job is in its lifecycle
 * @param downloadedBytes bytes written so far
 * @param totalBytes the size, when known
 * @param bytesPerSecond the current speed, 0 when not downloading
 * @param message the last error or note, for people
 * @param category the qBittorrent category
 * @param tags the qBittorrent tags
 * @param savePath the folder the download goes into
 * @param filePath the file, once the job started: where the download goes, then the finished file
 * @param createdAt when the job was added
 * @param updatedAt when it last changed
 * @param completedAt when it completed
 * @param shareLimits the seeding goals the client set
 * @param queuePosition orders the unfinished jobs: lower runs first
 * @param forceStart whether the job runs even when the concurrency limit is reached
 */
public record DownloadJob(String id, String infoHash, String name, String sourceSite, String slug, int season,
        int episode, Language language, String magnetMetadata, JobStatus status, long downloadedBytes,
        Optional<Long> totalBytes, double bytesPerSecond, Optional<String> message, String category, List<String> tags,
        String savePath, Optional<String> filePath, Instant createdAt, Instant updatedAt,
        Optional<Instant> completedAt, ShareLimits shareLimits, long queuePosition, boolean forceStart) {

    /** The queue order: lower position first, then the order of adding. */
    public static final Comparator<DownloadJob> QUEUE_ORDER = Comparator.comparingLong(DownloadJob::queuePosition)
            .thenComparing(DownloadJob::createdAt).thenComparing(DownloadJob::id);

    public DownloadJob {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(infoHash, "infoHash");
        Objects.requireNonNull(sourceSite, "sourceSite");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(shareLimits, "shareLimits");
        tags = List.copyOf(tags);
    }

    /** Progress from 0 to 1; 1 only when completed. */
    public double progress() {
        if (status == JobStatus.COMPLETED) {
            return 1;
        }
        return totalBytes.filter(t -> t > 0).map(t -> Math.min(0.999, (double) downloadedBytes / t)).orElse(0.0);
    }

    /** The job in another state, speed reset: speed only means something while downloading. */
    public DownloadJob withStatus(JobStatus newStatus, Optional<String> newMessage, Instant at) {
        return new DownloadJob(id, infoHash, name, sourceSite, slug, season, episode, language, magnetMetadata,
                newStatus, downloadedBytes, totalBytes, 0, newMessage, category, tags, savePath, filePath, createdAt, at,
                completedAt, shareLimits, queuePosition, forceStart);
    }

    public DownloadJob withProgress(long bytes, Optional<Long> total, double speed, Instant at) {
        return new DownloadJob(id, infoHash, name, sourceSite, slug, season, episode, language, magnetMetadata, status,
                bytes, total, speed, message, category, tags, savePath, filePath, createdAt, at, completedAt,
                shareLimits, queuePosition, forceStart);
    }

    /** The job with the file it downloads to, known once it starts. */
    public DownloadJob withFile(Optional<String> file, Instant at) {
        return new DownloadJob(id, infoHash, name, sourceSite, slug, season, episode, language, magnetMetadata, status,
                downloadedBytes, totalBytes, bytesPerSecond, message, category, tags, savePath, file, createdAt, at,
                completedAt, shareLimits, queuePosition, forceStart);
    }

    public DownloadJob withCategory(String newCategory, Instant at) {
        return new DownloadJob(id, infoHash, name, sourceSite, slug, season, episode, language, magnetMetadata, status,
                downloadedBytes, totalBytes, bytesPerSecond, message, newCategory, tags, savePath, filePath, createdAt,
                at, completedAt, shareLimits, queuePosition, forceStart);
    }

    public DownloadJob withTags(List<String> newTags, Instant at) {
        return new DownloadJob(id, infoHash, name, sourceSite, slug, season, episode, language, magnetMetadata, status,
                downloadedBytes, totalBytes, bytesPerSecond, message, category, newTags, savePath, filePath, createdAt,
                at, completedAt, shareLimits, queuePosition, forceStart);
    }

    /** The job at its end: completed with its file, or failed with the reason. */
    public DownloadJob finished(JobStatus end, Optional<String> reason, Optional<String> file, long size, Instant at) {
        return new DownloadJob(id, infoHash, name, sourceSite, slug, season, episode, language, magnetMetadata, end,
                size, file.isPresent() ? Optional.of(size) : totalBytes, 0, reason, category, tags, savePath, file,
                createdAt, at, end == JobStatus.COMPLETED ? Optional.of(at) : Optional.empty(), shareLimits,
                queuePosition, forceStart);
    }

    public DownloadJob withShareLimits(ShareLimits newLimits, Instant at) {
        return new DownloadJob(id, infoHash, name, sourceSite, slug, season, episode, language, magnetMetadata, status,
                downloadedBytes, totalBytes, bytesPerSecond, message, category, tags, savePath, filePath, createdAt,
                at, completedAt, newLimits, queuePosition, forceStart);
    }

    public DownloadJob withQueue(long newPosition, boolean newForceStart, Instant at) {
        return new DownloadJob(id, infoHash, name, sourceSite, slug, season, episode, language, magnetMetadata, status,
                downloadedBytes, totalBytes, bytesPerSecond, message, category, tags, savePath, filePath, createdAt,
                at, completedAt, shareLimits, newPosition, newForceStart);
    }
}
