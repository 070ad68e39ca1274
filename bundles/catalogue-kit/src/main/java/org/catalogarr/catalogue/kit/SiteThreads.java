package org.catalogarr.catalogue.kit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads every site bundle shares for requests it makes side by side (s.to asks its suggest API with
 * several spellings at once), instead of a thread per request: at most {@value #THREADS} at once and
 * {@value #QUEUE} waiting; a call that finds no room is made by its caller. Idle threads end, so a quiet
 * service holds none, and nothing has to be stopped when a site bundle goes.
 */
public final class SiteThreads {

    static final int THREADS = 2;
    static final int QUEUE = 32;
    private static final long IDLE_SECONDS = 30;

    /** The outcome of one call: its value, or the exception it ended with. */
    public record Outcome<T>(T value, Exception failure) {
    }

    private static final ThreadPoolExecutor CALLS = pool("catalogarr-site-call", THREADS, new ArrayBlockingQueue<>(QUEUE));
    /**
     * Where the sites' HTTP client completes its exchanges. Its tasks are short (hand over bytes, complete
     * a future) and there are never more than requests in flight, which the search pools bound, so the
     * queue needs no bound of its own; a refused task would leave an exchange hanging.
     */
    private static final ThreadPoolExecutor HTTP = pool("catalogarr-site-http", 1, new LinkedBlockingQueue<>());

    private SiteThreads() {
    }

    private static ThreadPoolExecutor pool(String name, int threads, BlockingQueue<Runnable> queue) {
        AtomicInteger started = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, IDLE_SECONDS, TimeUnit.SECONDS, queue,
                work -> {
                    Thread thread = new Thread(work, name + "-" + started.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    static Executor http() {
        return HTTP;
    }

    /**
     * Makes the calls at once, the caller making the first (and any the pool has no room for), and returns
     * their outcomes in order. When the caller is interrupted (its search ran out of time), the calls
     * still running are interrupted too, which aborts their requests, and this throws.
     */
    public static <T> List<Outcome<T>> callAll(List<Callable<T>> calls) throws InterruptedException {
        List<FutureTask<T>> tasks = calls.stream().map(FutureTask::new).toList();
        for (FutureTask<T> task : tasks.subList(Math.min(1, tasks.size()), tasks.size())) {
            try {
                CALLS.execute(task);
            } catch (RejectedExecutionException full) {
                // Made below, on the caller's thread.
            }
        }
        List<Outcome<T>> outcomes = new ArrayList<>();
        try {
            for (FutureTask<T> task : tasks) {
                // Runs the call here unless a pool thread has taken it already.
                task.run();
                outcomes.add(outcome(task));
            }
            return outcomes;
        } finally {
            if (outcomes.size() < tasks.size()) {
                tasks.forEach(task -> task.cancel(true));
                tasks.forEach(CALLS::remove);
            }
        }
    }

    private static <T> Outcome<T> outcome(FutureTask<T> task) throws InterruptedException {
        try {
            return new Outcome<>(task.get(), null);
        } catch (ExecutionException e) {
            return new Outcome<>(null, e.getCause() instanceof Exception cause ? cause : e);
        } catch (CancellationException e) {
            return new Outcome<>(null, e);
        }
    }
}
