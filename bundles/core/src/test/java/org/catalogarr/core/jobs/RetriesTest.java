package org.catalogarr.core.jobs;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.catalogarr.core.store.Columns;
import org.junit.Test;

public class RetriesTest {

    @Test
    public void aJobTriesAgainLaterEachTimeThenFailsForGood() {
        Retries retries = new Retries();

        List<Optional<Retries.Retry>> tries = Stream.generate(() -> retries.next("a")).limit(6).toList();

        assertEquals(List.of(3L, 15L, 60L, 300L, 900L), tries.subList(0, 5).stream()
                .map(t -> t.orElseThrow().delay().toSeconds()).toList());
        assertEquals(List.of(1, 2, 3, 4, 5), tries.subList(0, 5).stream().map(t -> t.orElseThrow().attempt()).toList());
        assertEquals(Optional.empty(), tries.get(5));
        assertEquals("counted again after the last", 1, retries.next("a").orElseThrow().attempt());
    }

    @Test
    public void eachJobCountsItsOwnTriesAndForgettingStartsAgain() {
        Retries retries = new Retries();
        retries.next("a");
        retries.next("a");

        assertEquals(1, retries.next("b").orElseThrow().attempt());
        retries.forget("a");
        assertEquals(1, retries.next("a").orElseThrow().attempt());
    }

    @Test
    public void aRetryMessageSaysWhyAndWhenAndKeepsTheTimeWhenTheReasonIsLong() {
        Instant now = Instant.parse("2026-12-05T04:12:30Z");

        assertEquals("connection cut at 1.0 MiB of 5.0 MiB; retry 1 of 5 in 3 s, at 04:12:33 UTC",
                new Retries.Retry(1, Duration.ofSeconds(3)).message("connection cut at 1.0 MiB of 5.0 MiB", now));
        assertEquals("x; retry 4 of 5 in 5 min, at 04:17:30 UTC",
                new Retries.Retry(4, Duration.ofMinutes(5)).message("x", now));
        String cut = new Retries.Retry(2, Duration.ofSeconds(15)).message("y".repeat(5000), now);
        assertEquals(Columns.JOB_MESSAGE, cut.length());
        assertTrue(cut, cut.endsWith(" […]; retry 2 of 5 in 15 s, at 04:12:45 UTC"));
    }
}
