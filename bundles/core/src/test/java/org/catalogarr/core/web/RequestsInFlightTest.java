package org.catalogarr.core.web;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.Test;

public class RequestsInFlightTest {

    private final RequestsInFlight inFlight = new RequestsInFlight();

    @Test
    public void theStopWaitsForTheRequestsBeingAnsweredAndAdmitsNoNewOne() throws Exception {
        assertTrue(inFlight.admit());
        assertTrue(inFlight.admit());
        inFlight.answered();
        CountDownLatch closing = new CountDownLatch(1);
        CompletableFuture<Integer> stop = CompletableFuture.supplyAsync(() -> {
            closing.countDown();
            try {
                return inFlight.closeAndAwait(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        closing.await();
        Thread.sleep(200);
        assertFalse("the stop waits for the request in flight", stop.isDone());

        inFlight.answered();

        assertEquals("nothing left in flight", 0, (int) stop.get(10, TimeUnit.SECONDS));
        assertFalse("no request is admitted once the stop began", inFlight.admit());
    }

    @Test
    public void theStopWaitsNoLongerThanItsBound() throws Exception {
        assertTrue(inFlight.admit());
        long started = System.nanoTime();

        assertEquals(1, inFlight.closeAndAwait(Duration.ofMillis(300)));

        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertTrue("waited " + waited + " ms", waited >= 250 && waited < 10_000);
    }

    @Test
    public void aStopWithNothingInFlightDoesNotWait() throws Exception {
        long started = System.nanoTime();
        assertEquals(0, inFlight.closeAndAwait(Duration.ofSeconds(30)));
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(10));
    }
}
