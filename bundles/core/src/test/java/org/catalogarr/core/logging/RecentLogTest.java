package org.catalogarr.core.logging;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.util.List;

import org.catalogarr.core.admin.LogLine;
import org.junit.After;
import org.junit.Test;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;

public class RecentLogTest {

    private final LoggerContext context = new LoggerContext();
    private final RecentLog log = new RecentLog();

    @After
    public void detach() {
        log.deactivate();
        context.stop();
    }

    @Test
    public void keepsCatalogarrsWarningsAndErrorsNewestFirst() {
        log.attach(context);
        Logger jobs = context.getLogger("org.catalogarr.core.jobs.JobService");
        jobs.info("Job started");
        jobs.warn("Job {} waits: {}", "j1", "Vidoza: connection cut");
        context.getLogger("org.apache.felix.webconsole").warn("Not ours");
        context.getLogger("org.catalogarr.site.sto.StoCatalogue").error("Layout\nchanged",
                new IOException("the page is gone"));

        List<LogLine> lines = log.newest(10);

        assertEquals(2, lines.size());
        assertEquals("ERROR", lines.get(0).level());
        assertEquals("StoCatalogue", lines.get(0).logger());
        assertEquals("Layout changed (IOException: the page is gone)", lines.get(0).message());
        assertEquals("WARN", lines.get(1).level());
        assertEquals("JobService", lines.get(1).logger());
        assertEquals("Job j1 waits: Vidoza: connection cut", lines.get(1).message());
        assertTrue(!lines.get(0).at().isBefore(lines.get(1).at()));
        assertEquals(1, log.newest(1).size());
    }

    @Test
    public void holdsABoundedNumberOfLinesAndCutsLongOnes() {
        log.attach(context);
        Logger logger = context.getLogger("org.catalogarr.core.catalogue.TitleIndex");
        for (int i = 0; i < RecentLog.CAPACITY + 25; i++) {
            logger.warn("warning {}", i);
        }
        logger.warn("x".repeat(RecentLog.MAX_MESSAGE + 100));

        List<LogLine> lines = log.newest(RecentLog.CAPACITY + 100);

        assertEquals(RecentLog.CAPACITY, lines.size());
        assertTrue(lines.get(0).message().endsWith(" […]"));
        assertEquals(RecentLog.MAX_MESSAGE + 4, lines.get(0).message().length());
        assertEquals("warning 26", lines.get(RecentLog.CAPACITY - 1).message());
    }

    @Test
    public void stopsListeningWhenDeactivated() {
        log.attach(context);
        log.deactivate();
        context.getLogger("org.catalogarr.core.jobs.JobService").warn("after");

        assertEquals(List.of(), log.newest(5));
    }
}
