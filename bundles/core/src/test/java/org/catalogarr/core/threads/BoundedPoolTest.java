package org.catalogarr.core.threads;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Test;

public class BoundedPoolTest {

    private final BoundedPool pool = new BoundedPool("catalogarr-test", "test_threads", 2, 1);
    private final CountDownLatch release = new CountDownLatch(1);

    @After
    public void tearDown() {
        release.countDown();
        pool.close();
    }

    private Work<String> blocking() {
        return pool.submit(() -> {
            release.await();
            return Thread.currentThread().getName();
        });
    }

    @Test
    public void refusesWorkBeyondItsThreadsAndQueueNamingTheSetting() throws Exception {
        List<Work<String>> taken = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            taken.add(blocking());
        }
        PoolFullException full = assertThrows(PoolFullException.class, this::blocking);
        assertTrue(full.getMessage(), full.getMessage().contains("test_threads"));
        assertEquals(2, pool.alive());

        release.countDown();
        List<String> names = new ArrayList<>();
        for (Work<String> work : taken) {
            names.add(work.await(System.nanoTime() + TimeUnit.SECONDS.toNanos(5)));
        }
        assertTrue(names.toString(), names.stream().allMatch(n -> n.matches("catalogarr-test-[12]")));
    }

    @Test
    public void offeredWorkThatFindsNoRoomIsNotTaken() throws Exception {
        for (int i = 0; i < 3; i++) {
            blocking();
        }
        assertTrue(pool.offer(() -> "never").isEmpty());
        release.countDown();
        Thread.sleep(200);
        assertEquals("taken", pool.offer(() -> "taken").orElseThrow().await(System.nanoTime()
                + TimeUnit.SECONDS.toNanos(5)));
    }

    @Test
    public void workRunSoonGoesToAPoolThreadWhenThereIsRoomElseToTheCaller() throws Exception {
        String caller = Thread.currentThread().getName();
        List<String> where = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 3; i++) {
            blocking();
        }
        pool.runSoon(() -> where.add(Thread.currentThread().getName()));
        assertEquals("the full pool's work was done before runSoon returned", List.of(caller), where);
        pool.close();
        pool.runSoon(() -> where.add(Thread.currentThread().getName()));
        assertEquals("a closed pool's too", List.of(caller, caller), where);

        try (BoundedPool roomy = new BoundedPool("catalogarr-roomy", "test_threads", 1, 1)) {
            CountDownLatch ran = new CountDownLatch(1);
            roomy.runSoon(() -> {
                where.add(Thread.currentThread().getName());
                ran.countDown();
            });
            assertTrue(ran.await(5, TimeUnit.SECONDS));
        }
        assertEquals("catalogarr-roomy-1", where.get(2));
    }

    @Test
    public void cancelledWorkIsInterruptedAndLeavesTheQueue() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        Work<Void> work = pool.submit(() -> {
            running.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            return null;
        });
        assertTrue(running.await(5, TimeUnit.SECONDS));
        blocking();
        Work<String> queued = blocking();

        work.cancel();
        queued.cancel();

        assertTrue("the running work was interrupted", interrupted.await(5, TimeUnit.SECONDS));
        // The queue place of the cancelled work is free again.
        blocking();
    }
}
