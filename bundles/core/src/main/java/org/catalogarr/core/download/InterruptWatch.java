package org.catalogarr.core.download;

import java.net.HttpURLConnection;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.catalogarr.core.threads.DaemonThreads;

/**
 * Closes the connection of a media request whose thread was interrupted (a paused or deleted job, the service
 * stopping). A blocking socket read does not end on an interrupt: without this a job waits for a silent server's
 * whole timeout before it lets go. One thread checks every {@value #PERIOD_MILLIS} ms, and only while requests are
 * open: it ends when idle, so an instance left behind by new settings costs no thread.
 */
final class InterruptWatch {

    static final long PERIOD_MILLIS = 200;

    private final ScheduledThreadPoolExecutor checks;

    InterruptWatch() {
        checks = new ScheduledThreadPoolExecutor(1, DaemonThreads.named("catalogarr-media-watch"));
        checks.setKeepAliveTime(10, TimeUnit.SECONDS);
        checks.allowCoreThreadTimeOut(true);
        checks.setRemoveOnCancelPolicy(true);
    }

    /** Watches the connection for the given thread's interrupt; the returned action ends the watch. */
    Runnable watch(HttpURLConnection connection, Thread reader) {
        ScheduledFuture<?> check = checks.scheduleWithFixedDelay(() -> {
            if (reader.isInterrupted()) {
                connection.disconnect();
            }
        }, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        return () -> check.cancel(false);
    }
}
