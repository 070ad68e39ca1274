package org.catalogarr.core.threads;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.catalogarr.core.threads.ParallelWork.Outcome;
import org.junit.After;
import org.junit.Test;

public class ParallelWorkTest {

    private final BoundedPool pool = new BoundedPool("catalogarr-test", "test_threads", 1, 1);

    @After
    public void tearDown() {
        pool.close();
    }

    @Test
    public void keepsToItsConcurrencyAndReportsEveryOutcomeInOrder() throws Exception {
        BoundedPool wide = new BoundedPool("catalogarr-wide", "test_threads", 8, 8);
        try {
            AtomicInteger running = new AtomicInteger();
            AtomicInteger most = new AtomicInteger();
            List<Integer> items = IntStream.rangeClosed(1, 20).boxed().toList();
            Map<Integer, Outcome<Integer>> outcomes = ParallelWork.run(wide, 3, items, item -> {
                most.accumulateAndGet(running.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(20);
                    if (item % 5 == 0) {
                        throw new IllegalStateException("no " + item);
                    }
                    return item * 2;
                } finally {
                    running.decrementAndGet();
                }
            }, ParallelWork.noDeadline());
            assertEquals(items, List.copyOf(outcomes.keySet()));
            assertEquals(4, outcomes.values().stream().filter(Outcome::failed).count());
            assertEquals(14, (int) outcomes.get(7).value());
            assertTrue("at most 3 at once, was " + most.get(), most.get() <= 3);
            assertTrue("more than one at once", most.get() > 1);
        } finally {
            wide.close();
        }
    }

    @Test
    public void nestedWorkOnAOneThreadPoolDoesNotWaitForItself() throws Exception {
        List<Integer> items = IntStream.rangeClosed(1, 4).boxed().toList();
        long started = System.nanoTime();
        Map<Integer, Outcome<Integer>> outcomes = ParallelWork.run(pool, 4, items,
                outer -> ParallelWork.run(pool, 4, items, inner -> outer * inner, ParallelWork.noDeadline()).size(),
                ParallelWork.noDeadline());
        assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) < 10);
        assertTrue(outcomes.values().stream().allMatch(o -> !o.failed() && o.value() == 4));
    }

    @Test
    public void whatIsNotDoneByTheDeadlineIsMissing() throws Exception {
        List<Integer> items = List.of(1, 2, 3);
        Map<Integer, Outcome<Integer>> outcomes = ParallelWork.run(pool, 1, items, item -> {
            Thread.sleep(item == 1 ? 0 : 400);
            return item;
        }, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200));
        assertTrue(outcomes.toString(), outcomes.containsKey(1));
        assertTrue(outcomes.toString(), outcomes.size() < 3);
    }
}
