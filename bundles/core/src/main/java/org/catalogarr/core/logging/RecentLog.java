package org.catalogarr.core.logging;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

import org.catalogarr.core.admin.LogLine;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;

/**
 * The last {@value #CAPACITY} warnings and errors of Catalogarr's own loggers ({@code org.catalogarr.*}),
 * kept in memory so the console can show them without anyone reading the log file. An appender on the
 * {@code org.catalogarr} logger of Logback (the runtime's logger) feeds it; the file and the console keep
 * getting every line as before.
 */
@Component(service = RecentLog.class, immediate = true)
public class RecentLog {

    static final int CAPACITY = 500;
    static final String LOGGER = "org.catalogarr";
    /** A line longer than this is cut: a message may carry a whole page a site sent. */
    static final int MAX_MESSAGE = 2000;

    private final Deque<LogLine> lines = new ArrayDeque<>();
    private final Appender appender = new Appender();
    private Logger attachedTo;

    @Activate
    void activate() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (factory instanceof LoggerContext context) {
            attach(context);
        }
    }

    void attach(LoggerContext context) {
        appender.setContext(context);
        appender.setName("catalogarr-recent");
        appender.start();
        attachedTo = context.getLogger(LOGGER);
        attachedTo.addAppender(appender);
    }

    @Deactivate
    void deactivate() {
        if (attachedTo != null) {
            attachedTo.detachAppender(appender);
        }
        appender.stop();
    }

    /** The newest lines first, at most {@code limit}. */
    public synchronized List<LogLine> newest(int limit) {
        List<LogLine> newest = new ArrayList<>(Math.min(Math.max(limit, 0), lines.size()));
        for (Iterator<LogLine> it = lines.descendingIterator(); it.hasNext() && newest.size() < limit;) {
            newest.add(it.next());
        }
        return newest;
    }

    synchronized void add(LogLine line) {
        if (lines.size() == CAPACITY) {
            lines.removeFirst();
        }
        lines.addLast(line);
    }

    /** The logger's last name part: {@code org.catalogarr.core.jobs.JobService} → {@code JobService}. */
    static String shortName(String logger) {
        return logger.substring(logger.lastIndexOf('.') + 1);
    }

    /** The message with what went wrong, as one line of plain text. */
    static String message(ILoggingEvent event) {
        StringBuilder text = new StringBuilder(String.valueOf(event.getFormattedMessage()));
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            String type = shortName(thrown.getClassName());
            text.append(" (").append(type).append(thrown.getMessage() == null ? "" : ": " + thrown.getMessage())
                    .append(')');
        }
        String line = text.toString().replaceAll("[\\r\\n\\t]+", " ");
        return line.length() > MAX_MESSAGE ? line.substring(0, MAX_MESSAGE) + " […]" : line;
    }

    private final class Appender extends AppenderBase<ILoggingEvent> {
        @Override
        protected void append(ILoggingEvent event) {
            if (event.getLevel().isGreaterOrEqual(Level.WARN)) {
                add(new LogLine(Instant.ofEpochMilli(event.getTimeStamp()), event.getLevel().toString(),
                        shortName(event.getLoggerName()), message(event)));
            }
        }
    }
}
