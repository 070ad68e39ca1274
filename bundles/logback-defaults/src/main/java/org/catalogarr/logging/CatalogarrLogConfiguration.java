package org.catalogarr.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.util.FileSize;

/**
 * Catalogarr's logging, set up in code: what the distribution's {@code conf/logback.xml} says, which stays the
 * template for an operator's own file. Logback calls this before its XML configurator; parsing and applying the
 * XML cost every start some 50 ms on Felix's one start thread (Logback configures itself at Jetty's first
 * logger), measured in paired restarts. An operator's file ({@code logback.configurationFile}, which
 * {@code bin/catalogarr} sets when the config folder holds a {@code logback.xml}) is left to Logback's XML
 * configurator as before.
 *
 * <p>Readable lines on the console and in {@code <catalogarr.data>/logs/catalogarr.log}, rolled daily and at 10
 * MB, 14 days kept and never more than 200 MB in all, so that a flood of log lines cannot fill the disk.
 */
public class CatalogarrLogConfiguration extends ContextAwareBase implements Configurator {

    static final String CONFIGURATION_FILE = "logback.configurationFile";
    static final String DATA = "catalogarr.data";
    static final String LEVEL = "catalogarr.log.level";

    static final String CONSOLE_PATTERN = "%d{HH:mm:ss.SSS} %-5level %-32.32logger{32} %msg%n";
    static final String FILE_PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{40} %msg%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty(CONFIGURATION_FILE) != null) {
            addInfo("The operator's " + System.getProperty(CONFIGURATION_FILE) + " configures logging");
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(System.getProperty(LEVEL), Level.INFO));
        root.addAppender(console(context));
        String data = System.getProperty(DATA);
        if (data != null && !data.isBlank()) {
            root.addAppender(file(context, data + "/logs"));
        } else {
            addWarn("No " + DATA + " set: logging to the console only");
        }
        context.getLogger("org.eclipse.jetty").setLevel(Level.WARN);
        // The Web Console says at INFO, at every start, that it waits for Catalogarr's login provider ("Not all
        // requirements met") and that optional printers lack their packages: expected, not problems. Its
        // warnings and errors still show.
        context.getLogger("org.apache.felix.webconsole").setLevel(Level.WARN);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    private static ConsoleAppender<ILoggingEvent> console(LoggerContext context) {
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("CONSOLE");
        console.setEncoder(encoder(context, CONSOLE_PATTERN));
        console.start();
        return console;
    }

    private static RollingFileAppender<ILoggingEvent> file(LoggerContext context, String folder) {
        RollingFileAppender<ILoggingEvent> file = new RollingFileAppender<>();
        file.setContext(context);
        file.setName("FILE");
        file.setFile(folder + "/catalogarr.log");
        file.setEncoder(encoder(context, FILE_PATTERN));
        SizeAndTimeBasedRollingPolicy<ILoggingEvent> rolling = new SizeAndTimeBasedRollingPolicy<>();
        rolling.setContext(context);
        rolling.setParent(file);
        rolling.setFileNamePattern(folder + "/catalogarr.%d{yyyy-MM-dd}.%i.log");
        rolling.setMaxFileSize(FileSize.valueOf("10MB"));
        rolling.setMaxHistory(14);
        rolling.setTotalSizeCap(FileSize.valueOf("200MB"));
        rolling.start();
        file.setRollingPolicy(rolling);
        file.start();
        return file;
    }

    private static PatternLayoutEncoder encoder(LoggerContext context, String pattern) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.start();
        return encoder;
    }
}
