package org.catalogarr.core.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.catalogarr.core.dto.DownloadJob;
import org.catalogarr.core.threads.DaemonThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which queued jobs run: in queue order, at most {@code limit} at once, as qBittorrent's
 * queueing does. Force-started jobs run at once and do not count against the limit. A job that failed
 * for a passing reason is held back until its retry time. When a worker ends, a retry is due, and
 * every half minute besides, {@code slotFreed} is told, so that the next job can start.
 */
final class JobScheduler {

    /** How often the queue is looked at without a reason, in case a start was missed. */
    private static final long CHECK_SECONDS = 30;
    /** Force-started jobs that may run beyond the limit at once; further ones wait for a worker. */
    static final int MAX_FORCED = 8;
    /** How soon a job that found every worker busy tries again. */
    private static final long RETRY_START_MILLIS = 200;

    private static final Logger LOG = LoggerFactory.getLogger(JobScheduler.class);

    private record Slot(FutureTask<Void> task, boolean forced) {
    }

    private final ThreadPoolExecutor workers;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.named("catalogarr-download-queue"));
    private final Map<String, Slot> running = new ConcurrentHashMap<>();
    private final Map<String, Instant> heldUntil = new ConcurrentHashMap<>();
    private final Runnable slotFreed;
    private final int limit;

    JobScheduler(int limit, Runnable slotFreed) {
        if (limit < 1) {
            throw new IllegalArgumentException("At least one download must be allowed at once, not " + limit);
        }
        this.limit = limit;
        this.slotFreed = slotFreed;
        // One worker per running job: the configured limit, and room for force-started jobs beyond it. Idle
        // workers end after a minute, so a quiet service holds no download threads.
        this.workers = new ThreadPoolExecutor(0, limit + MAX_FORCED, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                DaemonThreads.named("catalogarr-download"));
        timer.scheduleWithFixedDelay(slotFreed, CHECK_SECONDS, CHECK_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * Starts the queued jobs that may run now.
     *
     * @param queued the jobs in the queued state, in any order
     * @param run what runs a job on a worker, given its id
     */
    synchronized void dispatch(List<DownloadJob> queued, Instant now, Consumer<String> run) {
        if (workers.isShutdown()) {
            return;
        }
        long busy = running.values().stream().filter(slot -> !slot.forced()).count();
        for (DownloadJob job : queued.stream().sorted(DownloadJob.QUEUE_ORDER).toList()) {
            boolean held = heldUntil.getOrDefault(job.id(), Instant.MIN).isAfter(now);
            if (running.containsKey(job.id()) || held || !job.forceStart() && busy >= limit) {
                continue;
            }
            heldUntil.remove(job.id());
            start(job.id(), job.forceStart(), run);
            if (!job.forceStart()) {
                busy++;
            }
        }
    }

    private void start(String id, boolean forced, Consumer<String> run) {
        FutureTask<Void> task = new FutureTask<>(() -> run.accept(id), null) {
            @Override
            protected void done() {
                reportFailure(id, this);
                if (running.remove(id, new Slot(this, forced))) {
                    slotFreed.run();
                }
            }
        };
        running.put(id, new Slot(task, forced));
        try {
            workers.execute(task);
        } catch (RejectedExecutionException full) {
            // Every worker is busy: with force-started jobs, or while stopped workers still wind down. The job
            // stays queued and the queue is looked at again shortly.
            running.remove(id);
            LOG.debug("Job {} waits for a download worker: {} run at once", id, workers.getMaximumPoolSize());
            timer.schedule(slotFreed, RETRY_START_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * A FutureTask keeps what its work threw to itself; the workers catch everything they can handle, and
     * whatever still gets through is at least logged.
     */
    private static void reportFailure(String id, FutureTask<Void> task) {
        try {
            task.get();
        } catch (CancellationException | InterruptedException stopped) {
            // Stopped on purpose (pause, delete, shutdown); a done task's get() does not wait.
        } catch (ExecutionException e) {
            LOG.error("The download worker of job {} ended with an error", id, e.getCause());
        }
    }

    /** Whether a worker runs (or is about to run) the job. */
    boolean running(String id) {
        return running.containsKey(id);
    }

    /** Runs the task on the queue's thread, off the caller's: for work that must not hold up the start. */
    void soon(Runnable task) {
        timer.execute(task);
    }

    /** Stops the job's worker, if it has one; its slot is free at once. */
    void stop(String id) {
        Slot slot = running.remove(id);
        if (slot != null) {
            slot.task().cancel(true);
        }
    }

    /** Keeps the queued job from starting for {@code delay}, then lets it take the next free slot. */
    void retryAfter(String id, Duration delay) {
        heldUntil.put(id, Instant.now().plus(delay));
        timer.schedule(slotFreed, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Until when the job is held back for its retry, if it is. */
    Optional<Instant> heldUntil(String id) {
        return Optional.ofNullable(heldUntil.get(id));
    }

    /** Lets a held job start with the next dispatch, as when the user resumes it. */
    void release(String id) {
        heldUntil.remove(id);
    }

    void shutdown() throws InterruptedException {
        timer.shutdownNow();
        workers.shutdownNow();
        workers.awaitTermination(10, TimeUnit.SECONDS);
    }
}
