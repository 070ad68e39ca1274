package org.catalogarr.core.jobs;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.catalogarr.core.threads.DaemonThreads;

/**
 * Decides which queued jobs run: in queue order, at most {@code limit} at once, as qBittorrent's
 * queueing does. Force-started jobs run at once and do not count against the limit. A job that failed
 * for a passing reason is held back until its retry time. When a worker ends, {@code slotFreed} is
 * told, so that the next job can start.
 */
final class JobScheduler {

    private record Slot(FutureTask<Void> task, boolean forced) {
    }

    private final ExecutorService workers = Executors.newCachedThreadPool(DaemonThreads.named("catalogarr-download"));
    private final Map<String, Slot> running = new ConcurrentHashMap<>();
    private final Map<String, Instant> heldUntil = new ConcurrentHashMap<>();
    private final Runnable slotFreed;
    private volatile int limit;

    JobScheduler(int limit, Runnable slotFreed) {
        this.slotFreed = slotFreed;
        setLimit(limit);
    }

    void setLimit(int newLimit) {
        if (newLimit < 1) {
            throw new IllegalArgumentException("At least one download must be allowed at once, not " + newLimit);
        }
        limit = newLimit;
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
                if (running.remove(id, new Slot(this, forced))) {
                    slotFreed.run();
                }
            }
        };
        running.put(id, new Slot(task, forced));
        workers.execute(task);
    }

    /** Stops the job's worker, if it has one; its slot is free at once. */
    void stop(String id) {
        Slot slot = running.remove(id);
        if (slot != null) {
            slot.task().cancel(true);
        }
    }

    /** Keeps the job from starting before {@code until}. */
    void holdUntil(String id, Instant until) {
        heldUntil.put(id, until);
    }

    /** Lets a held job start with the next dispatch, as when the user resumes it. */
    void release(String id) {
        heldUntil.remove(id);
    }

    void shutdown() throws InterruptedException {
        workers.shutdownNow();
        workers.awaitTermination(10, TimeUnit.SECONDS);
    }
}
