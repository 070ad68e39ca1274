package org.catalogarr.core.web;

import java.time.Duration;

/**
 * Counts the requests being answered, and closes the door for new ones when the service stops: admitting a
 * request and closing are one step, so no request slips in after the stop counted the last one out.
 */
final class RequestsInFlight {

    private int running;
    private boolean closed;

    /** Counts a request in, unless the service is stopping. */
    synchronized boolean admit() {
        if (closed) {
            return false;
        }
        running++;
        return true;
    }

    /** A request admitted earlier has been answered. */
    synchronized void answered() {
        running--;
        if (running == 0) {
            notifyAll();
        }
    }

    /**
     * Admits no more requests and waits until those in flight are answered, at most {@code timeout}.
     *
     * @return how many were still being answered when the wait ended
     */
    synchronized int closeAndAwait(Duration timeout) throws InterruptedException {
        closed = true;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (running > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return running;
    }
}
