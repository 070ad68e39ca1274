package org.catalogarr.logging;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.rolling.TimeBasedRollingPolicy;
import ch.qos.logback.core.status.Status;

public class CatalogarrLogConfigurationTest {

    /** The template shipped as conf/logback.xml, from the launcher module beside this one. */
    private static final Path TEMPLATE = Path.of("../../launcher/src/main/dist/conf/logback.xml");

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @After
    public void clearProperties() {
        System.clearProperty(CatalogarrLogConfiguration.DATA);
        System.clearProperty(CatalogarrLogConfiguration.LEVEL);
        System.clearProperty(CatalogarrLogConfiguration.CONFIGURATION_FILE);
    }

    @Test
    public void configuresWhatTheShippedTemplateSays() throws Exception {
        assertTrue("template at " + TEMPLATE.toAbsolutePath(), Files.isRegularFile(TEMPLATE));
        for (String level : new String[] {null, "DEBUG", "WARN"}) {
            System.setProperty(CatalogarrLogConfiguration.DATA, temp.getRoot().toString());
            if (level != null) {
                System.setProperty(CatalogarrLogConfiguration.LEVEL, level);
            }
            LoggerContext fromXml = new LoggerContext();
            JoranConfigurator joran = new JoranConfigurator();
            joran.setContext(fromXml);
            joran.doConfigure(TEMPLATE.toFile());

            LoggerContext inCode = configuredInCode();

            assertEquals("level " + level, describe(fromXml), describe(inCode));
            assertEquals("no errors or warnings", List.of(), problems(inCode));
            fromXml.stop();
            inCode.stop();
        }
    }

    @Test
    public void writesTheLinesIntoTheDataFolder() throws Exception {
        System.setProperty(CatalogarrLogConfiguration.DATA, temp.getRoot().toString());
        LoggerContext context = configuredInCode();
        context.getLogger("org.catalogarr.core.Example").info("a line {}", 42);
        context.getLogger("org.eclipse.jetty.server.Server").info("below Jetty's level");
        context.stop();
        String file = Files.readString(temp.getRoot().toPath().resolve("logs/catalogarr.log"));
        assertTrue(file, file.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  \\[[^\\]]+\\] "
                + "org\\.catalogarr\\.core\\.Example a line 42\\R"));
    }

    @Test
    public void leavesAnOperatorsFileToLogback() {
        System.setProperty(CatalogarrLogConfiguration.DATA, temp.getRoot().toString());
        System.setProperty(CatalogarrLogConfiguration.CONFIGURATION_FILE, "/etc/catalogarr/logback.xml");
        LoggerContext context = new LoggerContext();
        CatalogarrLogConfiguration configuration = new CatalogarrLogConfiguration();
        configuration.setContext(context);

        assertEquals(ExecutionStatus.INVOKE_NEXT_IF_ANY, configuration.configure(context));
        assertFalse("no appender", context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders().hasNext());
        assertFalse("no log folder", Files.exists(temp.getRoot().toPath().resolve("logs")));
    }

    @Test
    public void logsToTheConsoleOnlyWithoutADataFolder() {
        System.setProperty(CatalogarrLogConfiguration.LEVEL, "no such level");
        LoggerContext context = configuredInCode();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertEquals("an unknown level is INFO", "INFO", root.getLevel().toString());
        assertEquals(List.of("CONSOLE ch.qos.logback.core.ConsoleAppender"), appenders(root));
        assertEquals(1, problems(context).size());
    }

    private static LoggerContext configuredInCode() {
        LoggerContext context = new LoggerContext();
        // As Logback's slf4j provider gives the context it configures.
        context.setMDCAdapter(new LogbackMDCAdapter());
        CatalogarrLogConfiguration configuration = new CatalogarrLogConfiguration();
        configuration.setContext(context);
        assertEquals(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY, configuration.configure(context));
        return context;
    }

    /** Every logger with a level of its own, and each appender of the root with what decides its output. */
    private static List<String> describe(LoggerContext context) throws ReflectiveOperationException {
        List<String> lines = new ArrayList<>();
        for (Logger logger : context.getLoggerList()) {
            if (logger.getLevel() != null) {
                lines.add(logger.getName() + " " + logger.getLevel() + " additive " + logger.isAdditive());
            }
        }
        Iterator<Appender<ILoggingEvent>> appenders = context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders();
        while (appenders.hasNext()) {
            Appender<ILoggingEvent> appender = appenders.next();
            lines.add(appender.getName() + " " + appender.getClass().getName() + " started " + appender.isStarted());
            if (appender instanceof OutputStreamAppender<ILoggingEvent> stream) {
                lines.add("  pattern " + ((PatternLayoutEncoder) stream.getEncoder()).getPattern());
            }
            if (appender instanceof FileAppender<ILoggingEvent> file) {
                lines.add("  file " + file.getFile() + " append " + file.isAppend() + " prudent " + file.isPrudent());
            }
            if (appender instanceof RollingFileAppender<ILoggingEvent> rolling) {
                SizeAndTimeBasedRollingPolicy<?> policy = (SizeAndTimeBasedRollingPolicy<?>) rolling.getRollingPolicy();
                lines.add("  " + policy.getClass().getName() + " " + policy.getFileNamePattern()
                        + " history " + policy.getMaxHistory()
                        + " size " + field(SizeAndTimeBasedRollingPolicy.class, "maxFileSize", policy)
                        + " cap " + field(TimeBasedRollingPolicy.class, "totalSizeCap", policy)
                        + " clean " + policy.isCleanHistoryOnStart() + " started " + policy.isStarted()
                        + " triggering " + (rolling.getTriggeringPolicy() == policy));
            }
        }
        return lines;
    }

    private static List<String> appenders(Logger logger) {
        List<String> names = new ArrayList<>();
        logger.iteratorForAppenders().forEachRemaining(a -> names.add(a.getName() + " " + a.getClass().getName()));
        return names;
    }

    private static List<String> problems(LoggerContext context) {
        return context.getStatusManager().getCopyOfStatusList().stream()
                .filter(status -> status.getLevel() >= Status.WARN).map(Status::getMessage).toList();
    }

    private static Object field(Class<?> owner, String name, Object target) throws ReflectiveOperationException {
        Field field = owner.getDeclaredField(name);
        field.setAccessible(true);
        return field.get(target);
    }
}
