package org.catalogarr.core.threads;

import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A pool with a fixed most of threads and a fixed most of waiting work, so that no number of clients can
 * make the service start hundreds of threads: work beyond both is refused with a {@link PoolFullException}
 * (or, with {@link #offer}, not taken, for the caller to do). Idle threads end after {@link #IDLE_SECONDS}, so a quiet
 * service holds none of them.
 */
public final class BoundedPool implements AutoCloseable {

    static final long IDLE_SECONDS = 30;

    private final String name;
    private final String setting;
    private final int threads;
    private final int queue;
    private final ThreadPoolExecutor executor;

    /**
     * @param name    the threads' name prefix, e.g. {@code catalogarr-search}
     * @param setting the settings that size it, named in the refusal so that an operator knows what to raise
     */
    public BoundedPool(String name, String setting, int threads, int queue) {
        if (threads < 1 || queue < 1) {
            throw new IllegalArgumentException(name + " needs a thread and a queue place, was " + threads + "/" + queue);
        }
        this.name = name;
        this.setting = setting;
        this.threads = threads;
        this.queue = queue;
        this.executor = new ThreadPoolExecutor(threads, threads, IDLE_SECONDS, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queue), new NumberedThreads(name), (work, full) -> {
                    throw new PoolFullException(refusal());
                });
        executor.allowCoreThreadTimeOut(true);
    }

    /** Queues the work; a {@link PoolFullException} when every thread is busy and the queue is full. */
    public <T> Work<T> submit(Callable<T> callable) {
        Work<T> work = new Work<>(callable, this);
        executor.execute(work.task());
        return work;
    }

    /**
     * Queues the work when there is room, else nothing: for work whose caller can do it itself, more slowly,
     * rather than not at all.
     */
    public <T> Optional<Work<T>> offer(Callable<T> callable) {
        try {
            return Optional.of(submit(callable));
        } catch (PoolFullException full) {
            return Optional.empty();
        }
    }

    /**
     * Hands the work to a thread when there is room, else does it on the caller's thread: for work nobody
     * waits for (storing what a site answered, behind the answer) that must neither be lost nor queue
     * without bound. After {@link #close} it is done on the caller's thread too.
     */
    public void runSoon(Runnable work) {
        try {
            executor.execute(work);
        } catch (PoolFullException full) {
            work.run();
        }
    }

    void forget(FutureTask<?> task) {
        executor.remove(task);
    }

    public String name() {
        return name;
    }

    public int threads() {
        return threads;
    }

    public int queue() {
        return queue;
    }

    /** Threads running now, for tests and diagnostics. */
    public int active() {
        return executor.getActiveCount();
    }

    /** Threads alive now, busy or idle. */
    public int alive() {
        return executor.getPoolSize();
    }

    private String refusal() {
        return "Catalogarr is busy: all " + threads + " " + name + " threads are working and " + queue
                + " tasks are waiting; try again shortly, or raise " + setting;
    }

    /** Lets queued and running work finish, and takes no more; the threads then end. */
    public void retire() {
        executor.shutdown();
    }

    /** Stops at once, interrupting running work. */
    @Override
    public void close() {
        executor.shutdownNow();
    }
}
