package org.catalogarr.core.jobs;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.catalogarr.core.dto.DownloadJob;
import org.catalogarr.core.dto.ShareLimits;
import org.catalogarr.core.torrent.MagnetInfo;

/**
 * What the qBittorrent API does with download jobs. Hashes are 40 hex digits in any case; unknown
 * hashes are ignored, as qBittorrent does.
 */
public interface Jobs {

    /**
     * Adds a job for an episode of one of our magnets or torrent files, or returns the job that already has
     * its hash.
     *
     * @throws JobException when the category is unknown, the save path escapes the root, or a name, tag or
     *         path is longer than the database keeps (BAD_VALUE)
     */
    DownloadJob add(MagnetInfo episode, AddOptions options) throws JobException;

    /** Every job, oldest first, with live progress. */
    List<DownloadJob> all();

    Optional<DownloadJob> byHash(String hash);

    /** When a queued job that failed for a passing reason tries again; empty when it is not waiting for that. */
    Optional<Instant> retryAt(String hash);

    /**
     * Lets the jobs try again now: failed ones are queued again, ones waiting for their retry time take the next
     * free slot. Jobs in any other state are left as they are.
     */
    void retryNow(Collection<String> hashes);

    void pause(Collection<String> hashes);

    void resume(Collection<String> hashes);

    /** Removes the jobs; their files (finished and partial) only when {@code deleteFiles}. */
    void delete(Collection<String> hashes, boolean deleteFiles);

    /** @throws JobException when the category does not exist */
    void setCategory(Collection<String> hashes, String category) throws JobException;

    /**
     * Adds the tags the jobs do not have yet, creating tags that do not exist when a job takes them.
     *
     * @throws JobException BAD_VALUE when a job's tags would be longer than the database keeps
     */
    void addTags(Collection<String> hashes, List<String> tags) throws JobException;

    /** Removes the tags from the jobs; no tags removes all of them, as qBittorrent does. */
    void removeTags(Collection<String> hashes, List<String> tags);

    /** Every tag, created or carried by a job, in order. */
    List<String> tags();

    /**
     * Creates the tags that do not exist yet; a tag exists without any job, as in qBittorrent.
     *
     * @throws JobException BAD_VALUE when a tag is longer than the database keeps
     */
    void createTags(List<String> tags) throws JobException;

    /** Deletes the tags and takes them off every job; unknown tags are ignored. */
    void deleteTags(List<String> tags);

    void setShareLimits(Collection<String> hashes, ShareLimits limits);

    /** Moves unfinished jobs in the download queue; finished ones are not in it. */
    void move(Collection<String> hashes, QueueMove move);

    /** Lets the jobs run regardless of the concurrency limit (or not), and resumes them if they were stopped. */
    void setForceStart(Collection<String> hashes, boolean force);

    /** Category name → save path. */
    Map<String, String> categories();

    /** @throws JobException for a name qBittorrent would refuse, or a save path outside the download root */
    void createCategory(String name, String savePath) throws JobException;

    /** @throws JobException when the category does not exist or the path escapes the root */
    void editCategory(String name, String savePath) throws JobException;

    void removeCategories(Collection<String> names);

    /** The folder new jobs go into when neither they nor their category name one. */
    String defaultSavePath();
}
