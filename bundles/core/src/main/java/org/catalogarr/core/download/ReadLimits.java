package org.catalogarr.core.download;

import java.time.Duration;

/**
 * How long a media server may take over one request. Silence alone is not enough to catch a hostile or
 * broken server: one that drips a byte every two seconds never falls silent, and would hold a download
 * slot for days. So a request also fails when it moves slower than a minimum rate over a window, and
 * when it runs past its deadline; either way the part file stays and the job resumes it later.
 *
 * @param silence the longest wait for the headers or the next data (also the connect timeout)
 * @param minBytesPerSecond the slowest transfer that is still a download, measured over {@code rateWindow}
 * @param rateWindow how long a transfer must stay below the minimum rate to count as stalled
 * @param deadline the longest one request may take in all, body included
 */
record ReadLimits(Duration silence, long minBytesPerSecond, Duration rateWindow, Duration deadline) {

    /** Defaults of the settings beyond the timeout, for the constructors of tests and the engine. */
    static final long DEFAULT_MIN_BYTES_PER_SECOND = 4 * 1024;
    static final Duration DEFAULT_RATE_WINDOW = Duration.ofSeconds(30);
    static final Duration DEFAULT_DEADLINE = Duration.ofHours(2);

    ReadLimits {
        if (silence.isNegative() || silence.isZero() || rateWindow.isNegative() || rateWindow.isZero()
                || deadline.isNegative() || deadline.isZero() || minBytesPerSecond < 0) {
            throw new IllegalArgumentException("limits must be positive: " + silence + ", " + minBytesPerSecond
                    + " B/s over " + rateWindow + ", deadline " + deadline);
        }
    }

    /** The given timeout with the default rate and deadline. */
    static ReadLimits withTimeout(Duration silence) {
        return new ReadLimits(silence, DEFAULT_MIN_BYTES_PER_SECOND, DEFAULT_RATE_WINDOW, DEFAULT_DEADLINE);
    }

    /** For playlists and keys: small pages, due in full within the timeout. */
    ReadLimits forPages() {
        return new ReadLimits(silence, minBytesPerSecond, rateWindow, silence.compareTo(deadline) < 0 ? silence : deadline);
    }
}
