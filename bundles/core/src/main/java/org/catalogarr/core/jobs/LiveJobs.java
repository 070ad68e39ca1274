package org.catalogarr.core.jobs;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

import org.catalogarr.core.dto.DownloadJob;
import org.catalogarr.core.store.Columns;
import org.catalogarr.core.store.JobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The jobs that are downloading, with the progress their workers report many times a second; the
 * database gets it at most once per flush interval. Progress never changes a job's state: it only ever
 * updates an entry that is still here (a paused or finished job has left, atomically), and its database
 * write only touches a row that is still {@code downloading}.
 */
final class LiveJobs {

    private static final Logger LOG = LoggerFactory.getLogger(LiveJobs.class);

    private final Map<String, DownloadJob> jobs = new ConcurrentHashMap<>();
    private final Map<String, Long> flushedAt = new ConcurrentHashMap<>();
    private final JobStore store;
    private final long flushNanos;

    LiveJobs(JobStore store, long flushNanos) {
        this.store = store;
        this.flushNanos = flushNanos;
    }

    /** The job as it is now: the live entry while it downloads, else as stored. */
    DownloadJob current(DownloadJob stored) {
        return jobs.getOrDefault(stored.id(), stored);
    }

    Optional<DownloadJob> get(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    /** The job started downloading (its state is written). */
    void started(DownloadJob job) {
        jobs.put(job.id(), job);
    }

    /** The job left the downloading state (its new state is written); later progress reports are dropped. */
    void left(String id) {
        jobs.remove(id);
        flushedAt.remove(id);
    }

    /** Applies a change of a downloading job's settings (tags, category, ...) to its live entry. */
    void change(String id, UnaryOperator<DownloadJob> change) {
        jobs.computeIfPresent(id, (key, current) -> change.apply(current));
    }

    /**
     * The file a worker writes, once the media's format is known: from then on {@code torrents/files} lists
     * it, as qBittorrent does once it has a torrent's metadata. Written with the job's next state; a path
     * longer than its column is not kept, so that the state can always be written.
     */
    void file(String id, String path) {
        if (!Columns.fits(path, Columns.JOB_RESULT_PATH)) {
            return;
        }
        jobs.computeIfPresent(id, (key, current) -> current.withFile(Optional.of(path), Instant.now()));
    }

    /** A worker's progress report; written when the last write is older than the flush interval. */
    void progress(String id, long done, long total, double speed) {
        DownloadJob updated = jobs.computeIfPresent(id, (key, current) -> current.withProgress(done,
                total < 0 ? Optional.empty() : Optional.of(total), speed, Instant.now()));
        if (updated == null) {
            return;
        }
        long now = System.nanoTime();
        Long last = flushedAt.get(id);
        if (last == null || now - last > flushNanos) {
            flushedAt.put(id, now);
            try {
                store.updateProgress(updated);
            } catch (RuntimeException e) {
                // Progress is shown from memory and written again shortly; a failed write must not stop the download.
                LOG.warn("Progress of job {} could not be written: {}", id, e.getMessage());
            }
        }
    }
}
