package org.catalogarr.core.download;

import java.io.IOException;
import java.time.Duration;

/**
 * How often a media request that failed for a passing reason ({@link PassingFailure}) is tried, and how long
 * to wait in between: the same for MP4 files, HLS playlists, keys and segments, so that one flaky
 * connection costs a short pause instead of a whole job retry.
 *
 * @param attempts how often a request is tried in all, at least once
 * @param backoff the wait before the second attempt; it grows by itself with each further one
 */
record Retries(int attempts, Duration backoff) {

    static final Retries DEFAULT = new Retries(3, Duration.ofMillis(500));

    Retries {
        if (attempts < 1) {
            throw new IllegalArgumentException("at least one attempt, not " + attempts);
        }
    }

    /**
     * Runs a request, again after a growing pause when it failed for a passing reason, up to the attempts.
     *
     * @param what what is fetched, for the message of the last failure; "" when the failure says it itself
     */
    <T> T run(String what, Attempt<T> attempt) throws IOException, InterruptedException {
        for (int number = 1;; number++) {
            try {
                return attempt.run();
            } catch (PassingFailure e) {
                if (number >= attempts) {
                    throw new IOException((what.isEmpty() ? "" : what + ": ") + e.getMessage()
                            + (attempts == 1 ? "" : " (tried " + attempts + " times)"), e);
                }
                Thread.sleep(backoff.toMillis() * number);
            }
        }
    }

    @FunctionalInterface
    interface Attempt<T> {
        T run() throws IOException, InterruptedException;
    }
}
