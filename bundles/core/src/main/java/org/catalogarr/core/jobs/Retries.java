package org.catalogarr.core.jobs;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.catalogarr.core.store.Columns;

/**
 * How often and after how long a job tries again when its download failed in a way that may pass (a
 * hoster down, a site not installed yet): later each time, then it fails for good. Counts the attempts
 * per job in memory; a restart gives every job its tries again.
 */
final class Retries {

    private static final long[] DELAYS_SECONDS = {3, 15, 60, 300, 900};
    private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private final Map<String, Integer> attempts = new ConcurrentHashMap<>();

    /** A retry after a failure of the job, with its number, while tries are left; none after the last. */
    Optional<Retry> next(String jobId) {
        int attempt = attempts.merge(jobId, 1, Integer::sum);
        if (attempt > DELAYS_SECONDS.length) {
            attempts.remove(jobId);
            return Optional.empty();
        }
        return Optional.of(new Retry(attempt, Duration.ofSeconds(DELAYS_SECONDS[attempt - 1])));
    }

    /** The job completed, failed for good, or was reset by hand: its next failure is its first again. */
    void forget(String jobId) {
        attempts.remove(jobId);
    }

    /** The attempt-th retry, due after the delay. */
    record Retry(int attempt, Duration delay) {

        /**
         * Why a job waits and when it tries again, for the log, the console and {@code catalogarr_message}:
         * "…: connection cut at 1.0 MiB of 5.0 MiB (…); retry 1 of 5 in 3 s, at 04:12:33 UTC". The reason
         * is cut so that the retry time always fits the message column.
         */
        String message(String reason, Instant now) {
            String retry = "; retry " + attempt + " of " + DELAYS_SECONDS.length + " in " + shown(delay) + ", at "
                    + CLOCK_TIME.format(now.plus(delay)) + " UTC";
            return Columns.cut(reason == null ? "failed" : reason, Columns.JOB_MESSAGE - retry.length()) + retry;
        }

        private static String shown(Duration delay) {
            long seconds = delay.toSeconds();
            return seconds < 60 ? seconds + " s" : seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
        }
    }
}
