package org.catalogarr.core.download;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.Test;

public class SegmentMemoryTest {

    @Test
    public void takesOnlyWhatIsFree() {
        SegmentMemory memory = new SegmentMemory(100);

        assertTrue(memory.tryTake(60));
        assertFalse(memory.tryTake(41));
        assertTrue(memory.tryTake(40));
        assertEquals(100, memory.used());
    }

    @Test
    public void aWaitingTakeGetsWhatIsGivenBack() throws Exception {
        SegmentMemory memory = new SegmentMemory(100);
        memory.tryTake(100);
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return memory.take(50, TimeUnit.SECONDS.toNanos(30));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(50);
        assertFalse(waiting.isDone());

        memory.give(50);

        assertTrue(waiting.get(10, TimeUnit.SECONDS));
        assertEquals(100, memory.used());
    }

    @Test
    public void aTakeGivesUpAtItsTimeOrAtOnceWhenItCanNeverFit() throws Exception {
        SegmentMemory memory = new SegmentMemory(100);
        memory.tryTake(80);

        assertFalse(memory.take(30, TimeUnit.MILLISECONDS.toNanos(20)));
        long start = System.nanoTime();
        assertFalse(memory.take(101, TimeUnit.SECONDS.toNanos(30)));
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
        assertEquals(80, memory.used());
    }

    @Test
    public void aBudgetFollowsTheHeapCeiling() {
        long budget = SegmentMemory.ofHeap().budget();

        assertTrue(budget > 0);
        assertTrue(budget <= Runtime.getRuntime().maxMemory() / 3);
    }
}
