package org.catalogarr.core.download;

/**
 * Passes a download's byte count on to a {@link DownloadEngine.Progress} at most four times a second,
 * with the speed measured since the previous report, so that listeners that write to a database or a
 * UI are not flooded by every buffer. Parallel segment fetchers count into one meter, so it is thread-safe.
 */
final class ProgressMeter {

    private static final long INTERVAL_NANOS = 250_000_000L;

    private final DownloadEngine.Progress target;
    private long totalBytes;
    private boolean estimated;
    private long bytes;
    private long reportedBytes;
    private long reportedAt;

    /**
     * @param startBytes bytes already in the file when this download began (a resumed part file)
     * @param totalBytes the full size, or -1 while unknown
     */
    ProgressMeter(DownloadEngine.Progress target, long startBytes, long totalBytes) {
        this.target = target;
        this.totalBytes = totalBytes;
        this.bytes = startBytes;
        this.reportedBytes = startBytes;
        // The first buffer is reported at once, so a job shows life as soon as bytes flow.
        this.reportedAt = System.nanoTime() - INTERVAL_NANOS;
    }

    /** Counts bytes that arrived; a negative count takes back bytes that are thrown away and fetched again. */
    synchronized void add(long count) {
        bytes += count;
        long now = System.nanoTime();
        if (now - reportedAt >= INTERVAL_NANOS) {
            report(now);
        }
    }

    /** Counts bytes that were already in the files when this download began (a resumed part), not as speed. */
    synchronized void skip(long count) {
        bytes += count;
        reportedBytes += count;
    }

    /**
     * Replaces the total by a guess (-1 while there is none). Reports keep a guessed total above the
     * bytes so far, so that a download never looks complete before it is.
     */
    synchronized void estimate(long guessedTotal) {
        totalBytes = guessedTotal;
        estimated = true;
    }

    /** The bytes in the file so far. */
    synchronized long bytes() {
        return bytes;
    }

    /** Reports the final count regardless of the interval; a guessed total becomes the count itself. */
    synchronized void finish() {
        if (estimated) {
            totalBytes = bytes;
            estimated = false;
        }
        report(System.nanoTime());
    }

    private void report(long now) {
        double seconds = Math.max(now - reportedAt, 1) / 1e9;
        long total = estimated && totalBytes >= 0 ? Math.max(totalBytes, bytes + 1) : totalBytes;
        target.update(bytes, total, Math.max(0, bytes - reportedBytes) / seconds);
        reportedBytes = bytes;
        reportedAt = now;
    }
}
