package org.catalogarr.core.download;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.catalogarr.core.threads.DaemonThreads;

/**
 * Runs the blocking calls of {@link java.net.HttpURLConnection} (waiting for the answer, reading a body that has
 * no bytes ready) on threads of a bounded pool, so that the downloading thread waits interruptibly: a blocking
 * socket read ignores interrupts, and closing its connection from another thread waits for the read too. A paused
 * or deleted job, or the service stopping, must not wait out a silent server's timeout. The abandoned call ends by
 * itself with its read timeout, and its connection is closed then.
 */
final class InterruptibleReads {

    /** Up to 8 downloads of 4 segments at once, and calls abandoned by interrupts that wait for their timeout. */
    static final int MAX_THREADS = 64;

    private final ThreadPoolExecutor threads = new ThreadPoolExecutor(0, MAX_THREADS, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), DaemonThreads.named("catalogarr-media-read"));

    /** A blocking network call. */
    @FunctionalInterface
    interface Call<T> {
        T run() throws IOException;
    }

    /**
     * Runs the call on a pool thread and waits for it; on an interrupt, leaves it to end with its timeout and runs
     * {@code abandoned} after it.
     *
     * @throws IOException what the call threw, or when the pool has no free thread
     * @throws InterruptedException when the waiting thread was interrupted
     */
    <T> T await(Call<T> call, Runnable abandoned) throws IOException, InterruptedException {
        Future<T> future;
        try {
            future = threads.submit(call::run);
        } catch (RejectedExecutionException e) {
            throw new IOException("all " + MAX_THREADS + " media reads are busy", e);
        }
        try {
            return future.get();
        } catch (InterruptedException e) {
            try {
                threads.execute(() -> {
                    try {
                        future.get();
                    } catch (InterruptedException | ExecutionException ignored) {
                        // Its outcome no longer matters, only that the connection goes.
                    } finally {
                        abandoned.run();
                    }
                });
            } catch (RejectedExecutionException full) {
                // The call still ends with its timeout; its connection is then left to the collector.
            }
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(e.getCause());
        }
    }
}
