package org.catalogarr.core.download;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A response body read chunk by chunk, each wait bounded: the HTTP client's own body stream waits
 * forever when a server stops sending in the middle of a file. One chunk is asked for at a time, so
 * a slow disk slows the download instead of filling memory.
 */
final class TimedBody implements Flow.Subscriber<List<ByteBuffer>>, AutoCloseable {

    private static final Object END = new Object();

    private final BlockingQueue<Object> items = new LinkedBlockingQueue<>();
    private final Duration patience;
    private volatile Flow.Subscription subscription;

    /** @param patience how long to wait for the next chunk before giving up */
    TimedBody(Duration patience) {
        this.patience = patience;
    }

    @Override
    public void onSubscribe(Flow.Subscription newSubscription) {
        subscription = newSubscription;
        newSubscription.request(1);
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
     * @throws IOException when the connection broke or nothing came for longer than the patience
     */
    @SuppressWarnings("unchecked")
    List<ByteBuffer> next() throws IOException, InterruptedException {
        Object item = items.poll(patience.toMillis(), TimeUnit.MILLISECONDS);
        if (item == null) {
            throw new IOException("no data for " + patience.toSeconds() + " s");
        }
        if (item == END) {
            return null;
        }
        if (item instanceof Throwable failure) {
            throw new IOException(failure.getMessage() == null ? failure.toString() : failure.getMessage(), failure);
        }
        subscription.request(1);
        return (List<ByteBuffer>) item;
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
