package org.catalogarr.core.web;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the requests being answered, and closes the door for new ones when the service stops. Lock-free, as
 * every request passes here: a request counts itself in before it looks whether the door is closed, and the
 * stop closes the door before it counts, so no request slips in after the stop counted the last one out.
 */
final class RequestsInFlight {

    /** How often the stop looks whether the requests are answered; a stop is no hot path. */
    private static final long POLL_MILLIS = 10;

    private final AtomicInteger running = new AtomicInteger();
    private volatile boolean closed;

    /** Counts a request in, unless the service is stopping. */
    boolean admit() {
        running.incrementAndGet();
        if (closed) {
            running.decrementAndGet();
            return false;
        }
        return true;
    }

    /** A request admitted earlier has been answered. */
    void answered() {
        running.decrementAndGet();
    }

    /**
     * Admits no more requests and waits until those in flight are answered, at most {@code timeout}.
     *
     * @return how many were still being answered when the wait ended
     */
    int closeAndAwait(Duration timeout) throws InterruptedException {
        closed = true;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (running.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(POLL_MILLIS);
        }
        return running.get();
    }
}
