package org.catalogarr.core.threads;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** An answer on its way: waited for until a deadline, or given up. */
public interface Pending<T> {

    /** The answer by {@code deadlineNanos} (of {@link System#nanoTime()}). */
    T await(long deadlineNanos) throws ExecutionException, TimeoutException, InterruptedException;

    /** This waiter does not need the answer any more; work nobody waits for is stopped. */
    void abandon();

    /** An answer that is already there, e.g. from a cache. */
    static <T> Pending<T> done(T value) {
        return new Pending<>() {
            @Override
            public T await(long deadlineNanos) {
                return value;
            }

            @Override
            public void abandon() {
                // Nothing runs.
            }
        };
    }
}
