package org.catalogarr.core.threads;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.After;
import org.junit.Test;

public class SingleFlightTest {

    private final BoundedPool pool = new BoundedPool("catalogarr-test", "test_threads", 4, 8);
    private final SingleFlight<String, Integer> flights = new SingleFlight<>();
    private final AtomicInteger started = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);

    @After
    public void tearDown() {
        release.countDown();
        pool.close();
    }

    private Pending<Integer> join(String key) {
        return flights.join(key, () -> pool.submit(() -> {
            int number = started.incrementAndGet();
            release.await();
            return number;
        }));
    }

    private static long inSeconds(int seconds) {
        return System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    }

    @Test
    public void waitersOfTheSameKeyShareOneWorkAndOthersGetTheirOwn() throws Exception {
        Pending<Integer> first = join("a");
        Pending<Integer> second = join("a");
        Pending<Integer> other = join("b");
        release.countDown();

        assertEquals(first.await(inSeconds(5)), second.await(inSeconds(5)));
        assertTrue(other.await(inSeconds(5)) != first.await(inSeconds(5)));
        assertEquals(2, started.get());
        assertEquals("nothing is kept once answered", 0, flights.inFlight());
    }

    @Test
    public void theWorkIsStoppedOnlyWhenItsLastWaiterGivesUp() throws Exception {
        Pending<Integer> first = join("a");
        Pending<Integer> second = join("a");

        first.abandon();
        assertEquals(1, flights.inFlight());
        second.abandon();
        assertEquals(0, flights.inFlight());

        assertThrows(CancellationException.class, () -> first.await(inSeconds(5)));
        Pending<Integer> third = join("a");
        release.countDown();
        assertTrue("a new flight after the stopped one", third.await(inSeconds(5)) > 0);
    }
}
