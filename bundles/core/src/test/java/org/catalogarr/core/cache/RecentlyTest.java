package org.catalogarr.core.cache;

import static org.junit.Assert.assertEquals;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.Test;

public class RecentlyTest {

    @Test
    public void loadsOncePerKeyWhileFreshAndAgainWhenForgotten() {
        Recently<String, Integer> recently = new Recently<>(Duration.ofHours(1));
        AtomicInteger loads = new AtomicInteger();
        assertEquals(1, (int) recently.get("a", key -> loads.incrementAndGet()));
        assertEquals(1, (int) recently.get("a", key -> loads.incrementAndGet()));
        assertEquals(2, (int) recently.get("b", key -> loads.incrementAndGet()));
        recently.forget("a");
        assertEquals(3, (int) recently.get("a", key -> loads.incrementAndGet()));
        assertEquals(3, loads.get());
    }

    @Test
    public void loadsAgainOnceOlderThanTheAge() throws InterruptedException {
        Recently<String, Integer> recently = new Recently<>(Duration.ofMillis(20));
        AtomicInteger loads = new AtomicInteger();
        recently.get("a", key -> loads.incrementAndGet());
        Thread.sleep(40);
        assertEquals(2, (int) recently.get("a", key -> loads.incrementAndGet()));
    }

    @Test(expected = IllegalStateException.class)
    public void aFailedLoadIsNotKept() {
        Recently<String, Integer> recently = new Recently<>(Duration.ofHours(1));
        try {
            recently.get("a", key -> {
                throw new IllegalStateException("database down");
            });
        } catch (IllegalStateException e) {
            assertEquals(7, (int) recently.get("a", key -> 7));
        }
        recently.forget("a");
        recently.get("a", key -> {
            throw new IllegalStateException("still down");
        });
    }
}
