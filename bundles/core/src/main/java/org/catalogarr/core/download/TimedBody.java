package org.catalogarr.core.download;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A response body read chunk by chunk within {@link ReadLimits}: each wait is bounded (the HTTP client's
 * own body stream waits forever when a server stops sending in the middle of a file), the transfer must
 * keep a minimum rate, and the whole body has a deadline. Only {@value #AHEAD} chunks (16–256 KiB each) are
 * asked for ahead of the reader, so a slow disk slows the download instead of filling memory, while the
 * client's thread keeps reading as this one writes instead of waiting to be asked for every chunk.
 */
final class TimedBody implements Flow.Subscriber<List<ByteBuffer>>, AutoCloseable {

    private static final Object END = new Object();
    static final int AHEAD = 4;

    private final BlockingQueue<Object> items = new LinkedBlockingQueue<>();
    private final ReadLimits limits;
    private final long deadlineAt;
    private long windowStart;
    private long windowBytes;
    private volatile Flow.Subscription subscription;

    /** @param limits the limits; the deadline counts from now */
    TimedBody(ReadLimits limits) {
        this.limits = limits;
        long now = System.nanoTime();
        this.deadlineAt = now + limits.deadline().toNanos();
        this.windowStart = now;
    }

    @Override
    public void onSubscribe(Flow.Subscription newSubscription) {
        subscription = newSubscription;
        newSubscription.request(AHEAD);
    }

    @Override
    public void onNext(List<ByteBuffer> chunk) {
        items.add(chunk);
    }

    @Override
    public void onError(Throwable failure) {
        items.add(failure);
    }

    @Override
    public void onComplete() {
        items.add(END);
    }

    /**
     * The next chunk, or null at the end of the body.
     *
     * @throws IOException when the connection broke, nothing came for longer than the silence allows, the
     *     transfer stayed below the minimum rate for a whole window, or the deadline passed
     */
    @SuppressWarnings("unchecked")
    List<ByteBuffer> next() throws IOException, InterruptedException {
        long left = deadlineAt - System.nanoTime();
        if (left <= 0) {
            throw pastDeadline();
        }
        Object item = items.poll(Math.min(left, limits.silence().toNanos()), TimeUnit.NANOSECONDS);
        if (item == null) {
            if (deadlineAt - System.nanoTime() <= 0) {
                throw pastDeadline();
            }
            throw new IOException("no data for " + limits.silence().toSeconds() + " s");
        }
        if (item == END) {
            return null;
        }
        if (item instanceof Throwable failure) {
            throw new IOException(failure.getMessage() == null ? failure.toString() : failure.getMessage(), failure);
        }
        List<ByteBuffer> chunk = (List<ByteBuffer>) item;
        keepsPace(chunk);
        subscription.request(1);
        return chunk;
    }

    /** Counts the chunk into the current window and, at the window's end, checks the rate over it. */
    private void keepsPace(List<ByteBuffer> chunk) throws IOException {
        for (ByteBuffer buffer : chunk) {
            windowBytes += buffer.remaining();
        }
        long now = System.nanoTime();
        long window = limits.rateWindow().toNanos();
        if (now - windowStart < window) {
            return;
        }
        double seconds = (now - windowStart) / 1e9;
        if (windowBytes < limits.minBytesPerSecond() * seconds) {
            throw new IOException(String.format("stalled: %d bytes in %.0f s, below the minimum of %d bytes/s",
                    windowBytes, seconds, limits.minBytesPerSecond()));
        }
        windowStart = now;
        windowBytes = 0;
    }

    private IOException pastDeadline() {
        return new IOException("not complete after " + limits.deadline().toSeconds() + " s, the deadline of one request");
    }

    /** Lets go of the connection when the body is not read to its end. */
    @Override
    public void close() {
        Flow.Subscription current = subscription;
        if (current != null) {
            current.cancel();
        }
    }
}
