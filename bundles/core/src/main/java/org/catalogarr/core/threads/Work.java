package org.catalogarr.core.threads;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One piece of work handed to a {@link BoundedPool}: waited for with a deadline, and cancelled with an interrupt of the thread that runs it (a {@code CompletableFuture} ignores that
 * interrupt, so a timed-out site search went on using a thread and the site).
 */
public final class Work<T> implements Pending<T> {

    private final FutureTask<T> task;
    private final BoundedPool pool;

    Work(Callable<T> callable, BoundedPool pool) {
        this.task = new FutureTask<>(callable);
        this.pool = pool;
    }

    FutureTask<T> task() {
        return task;
    }

    /** The answer by {@code deadlineNanos} (of {@link System#nanoTime()}); the work goes on when the wait times out. */
    @Override
    public T await(long deadlineNanos) throws ExecutionException, TimeoutException, InterruptedException {
        return task.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    /** Stops the work: interrupts its thread when it runs, and frees its place in the queue when it waits there. */
    public void cancel() {
        task.cancel(true);
        pool.forget(task);
    }

    /** Only one waits for a work of its own, so giving up is stopping it. */
    @Override
    public void abandon() {
        cancel();
    }

    public boolean isDone() {
        return task.isDone();
    }
}
