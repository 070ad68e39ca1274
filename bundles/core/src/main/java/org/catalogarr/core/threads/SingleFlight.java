package org.catalogarr.core.threads;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Identical requests in flight at the same time share one piece of work: fifty clients asking the same
 * uncached search cost the site one request, not fifty. The work is stopped only when its last waiter
 * gives up, so a client that arrived later is not robbed of an answer by one that timed out earlier.
 * Only work in flight is kept, so the map cannot grow with what clients send.
 */
public final class SingleFlight<K, V> {

    /** One piece of work and how many wait for it. */
    private static final class Flight<V> {
        final Work<V> work;
        int waiters;

        Flight(Work<V> work) {
            this.work = work;
        }
    }

    private final Map<K, Flight<V>> flights = new HashMap<>();

    /**
     * Waits for the work in flight under {@code key}, or starts it with {@code start} (which may refuse,
     * e.g. with a {@link PoolFullException}, and then nothing is kept).
     */
    public Pending<V> join(K key, Supplier<Work<V>> start) {
        Flight<V> flight;
        synchronized (flights) {
            flight = flights.get(key);
            if (flight == null || flight.work.isDone()) {
                flight = new Flight<>(start.get());
                flights.put(key, flight);
            }
            flight.waiters++;
        }
        return new Ticket(key, flight);
    }

    /** Flights in progress, for tests. */
    public int inFlight() {
        synchronized (flights) {
            return flights.size();
        }
    }

    private final class Ticket implements Pending<V> {
        private final K key;
        private final Flight<V> flight;
        private boolean left;

        Ticket(K key, Flight<V> flight) {
            this.key = key;
            this.flight = flight;
        }

        @Override
        public V await(long deadlineNanos) throws ExecutionException, TimeoutException, InterruptedException {
            try {
                return flight.work.await(deadlineNanos);
            } finally {
                if (flight.work.isDone()) {
                    leave(false);
                }
            }
        }

        @Override
        public void abandon() {
            leave(true);
        }

        private void leave(boolean stopWhenLast) {
            synchronized (flights) {
                if (left) {
                    return;
                }
                left = true;
                flight.waiters--;
                if (flight.waiters == 0 || flight.work.isDone()) {
                    flights.remove(key, flight);
                }
                if (flight.waiters == 0 && stopWhenLast) {
                    flight.work.cancel();
                }
            }
        }
    }
}
