package org.catalogarr.core.download;

/**
 * The heap that the segment buffers of all HLS downloads may hold together. A segment is held whole until its turn
 * to be written, and the CDN decides how large segments are: without a bound, a few downloads of a stream with
 * 64 MiB segments (a 4K encode, or a hostile CDN) fetched several at a time would fill the heap, and the service
 * exits on OutOfMemoryError.
 */
final class SegmentMemory {

    /** The part of the heap the buffers may take: the rest serves searches, the API and the store. */
    private static final int HEAP_SHARE_DIVISOR = 3;
    /** Without a heap ceiling (-Xmx), the JVM reports Long.MAX_VALUE: a bound is still needed. */
    private static final long MAX_BUDGET = 1L << 30;

    private final long budget;
    private long used;

    /** @param budget the bytes all buffers may hold together */
    SegmentMemory(long budget) {
        if (budget < 1) {
            throw new IllegalArgumentException("a budget of at least one byte, not " + budget);
        }
        this.budget = budget;
    }

    /** A third of the JVM's heap ceiling. */
    static SegmentMemory ofHeap() {
        return new SegmentMemory(Math.min(MAX_BUDGET, Runtime.getRuntime().maxMemory() / HEAP_SHARE_DIVISOR));
    }

    long budget() {
        return budget;
    }

    synchronized long used() {
        return used;
    }

    /** Takes the bytes if they are free now. */
    synchronized boolean tryTake(long bytes) {
        if (bytes > budget - used) {
            return false;
        }
        used += bytes;
        return true;
    }

    /**
     * Takes the bytes, waiting up to {@code waitNanos} for other buffers to give them back.
     *
     * @return false when they did not become free in time, or can never be (more than the budget)
     */
    synchronized boolean take(long bytes, long waitNanos) throws InterruptedException {
        if (bytes > budget) {
            return false;
        }
        long deadline = System.nanoTime() + waitNanos;
        while (bytes > budget - used) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        used += bytes;
        return true;
    }

    synchronized void give(long bytes) {
        used -= bytes;
        notifyAll();
    }
}
