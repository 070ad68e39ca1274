package org.catalogarr.core.threads;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Many small pieces of work (episode pages) done a few at a time: at most {@code concurrency} workers take
 * the items in turn, the calling thread being one of them and the others borrowed from a pool when it has
 * room. The caller never waits for a worker that has not started, so work that nests (a site search on
 * the pool asking pages on the pool) cannot wait for itself; and a listing of hundreds of episodes holds
 * at most {@code concurrency} threads, none of them parked.
 */
public final class ParallelWork {

    /** One item's work. */
    public interface Step<K, V> {
        V apply(K item) throws Exception;
    }

    /** What one item gave: its value, or the exception it ended with. */
    public record Outcome<V>(V value, Exception failure) {
        public boolean failed() {
            return failure != null;
        }
    }

    private ParallelWork() {
    }

    /** A deadline for work that has none of its own: its caller's interrupt is what stops it. */
    public static long noDeadline() {
        return System.nanoTime() + TimeUnit.DAYS.toNanos(1);
    }

    /**
     * Does {@code step} for every item; returns the outcomes known by {@code deadlineNanos}, in the items'
     * order (items not done by then are missing, and the borrowed workers go on with them). When the
     * calling thread is interrupted the workers are interrupted too, the rest is dropped, and this throws.
     */
    public static <K, V> Map<K, Outcome<V>> run(BoundedPool pool, int concurrency, Collection<K> items, Step<K, V> step,
            long deadlineNanos) throws InterruptedException {
        Map<K, CompletableFuture<Outcome<V>>> results = new LinkedHashMap<>();
        items.forEach(item -> results.putIfAbsent(item, new CompletableFuture<>()));
        Queue<K> queue = new ConcurrentLinkedQueue<>(results.keySet());
        List<Work<Void>> helpers = new ArrayList<>();
        for (int i = 1; i < Math.min(concurrency, results.size()); i++) {
            // A worker the pool has no room for is simply missing: the caller works through the queue anyway.
            pool.offer(() -> {
                // A borrowed worker goes on after the caller's deadline: what it learns is cached for the next ask.
                drain(queue, results, step, System.nanoTime() + TimeUnit.DAYS.toNanos(1));
                return (Void) null;
            }).ifPresent(helpers::add);
        }
        try {
            drain(queue, results, step, deadlineNanos);
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("stopped while working through " + results.size() + " items");
            }
            Map<K, Outcome<V>> outcomes = new LinkedHashMap<>();
            for (Map.Entry<K, CompletableFuture<Outcome<V>>> result : results.entrySet()) {
                try {
                    outcomes.put(result.getKey(), result.getValue().get(Math.max(0, deadlineNanos - System.nanoTime()),
                            TimeUnit.NANOSECONDS));
                } catch (TimeoutException notYet) {
                    // Left to the workers; missing from this answer.
                } catch (ExecutionException impossible) {
                    throw new IllegalStateException(impossible);
                }
            }
            return outcomes;
        } catch (InterruptedException stopped) {
            queue.clear();
            helpers.forEach(Work::cancel);
            throw stopped;
        }
    }

    private static <K, V> void drain(Queue<K> queue, Map<K, CompletableFuture<Outcome<V>>> results, Step<K, V> step,
            long deadlineNanos) {
        while (!Thread.currentThread().isInterrupted() && System.nanoTime() - deadlineNanos < 0) {
            K item = queue.poll();
            if (item == null) {
                return;
            }
            Outcome<V> outcome;
            try {
                outcome = new Outcome<>(step.apply(item), null);
            } catch (Exception e) {
                outcome = new Outcome<>(null, e);
            }
            results.get(item).complete(outcome);
        }
    }
}
