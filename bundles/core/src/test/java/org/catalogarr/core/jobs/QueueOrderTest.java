package org.catalogarr.core.jobs;

import static org.junit.Assert.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.catalogarr.catalogue.api.Language;
import org.catalogarr.core.dto.DownloadJob;
import org.catalogarr.core.dto.JobStatus;
import org.catalogarr.core.dto.ShareLimits;
import org.junit.Test;

public class QueueOrderTest {

    private static final List<DownloadJob> QUEUE = List.of(job("a", 1), job("b", 2), job("c", 3), job("d", 4));

    private static DownloadJob job(String id, long position) {
        Instant added = Instant.parse("2026-11-26T10:00:00Z");
        return new DownloadJob(id, id.repeat(40), id, "sto", "series", 1, (int) position, Language.GERMAN_DUB, "{}",
                JobStatus.QUEUED, 0, Optional.empty(), 0, Optional.empty(), "", List.of(), "/d", Optional.empty(),
                added, added, Optional.empty(), ShareLimits.DEFAULT, position, false);
    }

    private static String order(List<String> moved, QueueMove move) {
        return String.join("", QueueOrder.move(QUEUE, moved, move).stream().map(DownloadJob::id).toList());
    }

    @Test
    public void topAndBottomKeepTheOrderAmongTheMovedJobs() {
        assertEquals("acbd", order(List.of("c", "a"), QueueMove.TOP));
        assertEquals("bdac", order(List.of("c", "a"), QueueMove.BOTTOM));
    }

    @Test
    public void upAndDownMoveOnePlaceWithoutLeapfrogging() {
        assertEquals("bcad", order(List.of("b", "c"), QueueMove.UP));
        assertEquals("abcd", order(List.of("a", "b"), QueueMove.UP));
        assertEquals("adbc", order(List.of("b", "c"), QueueMove.DOWN));
        assertEquals("abcd", order(List.of("c", "d"), QueueMove.DOWN));
    }

    @Test
    public void unknownIdsChangeNothing() {
        assertEquals("abcd", order(List.of("x"), QueueMove.TOP));
    }
}
