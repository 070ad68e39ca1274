package org.catalogarr.core.login;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lets a warning under one key through at most once per interval, so that a flood of refused requests
 * leaves a line a minute in the log instead of one per request. Keys are a fixed set of reasons, never
 * values a client chose, so the table stays small.
 */
public final class LogLimiter {

    private final Clock clock;
    private final Duration interval;
    private final Map<String, Instant> lastLogged = new ConcurrentHashMap<>();

    public LogLimiter(Clock clock, Duration interval) {
        this.clock = clock;
        this.interval = interval;
    }

    /** Whether a message under this key may be logged now; if so, the next one waits an interval. */
    public boolean allow(String key) {
        Instant now = clock.instant();
        boolean[] allowed = { false };
        lastLogged.compute(key, (k, last) -> {
            allowed[0] = last == null || !now.isBefore(last.plus(interval));
            return allowed[0] ? now : last;
        });
        return allowed[0];
    }
}
