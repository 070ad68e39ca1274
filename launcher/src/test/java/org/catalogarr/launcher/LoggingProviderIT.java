package org.catalogarr.launcher;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Black-box: the distribution starts without the SPI Fly weaving extension and slf4j still logs through
 * Logback — not through slf4j's silent fallback — into the log file, onto the console and into the console's
 * log page; Jetty, whose pre-encoded header fields are looked up with a ServiceLoader, still answers proper
 * HTTP/1.1 and HTTP/1.0 (answered as HTTP/1.1 either way, as before).
 */
public class LoggingProviderIT {

    private static final Duration START = Duration.ofSeconds(60);
    /** Logged at every start while the qBittorrent API has no password (the shipped default). */
    private static final String START_WARNING = "has no password: only clients on this machine are served";
    /** The file's pattern from conf/logback.xml: date, time, level, [thread], logger, message. */
    private static final Pattern FILE_LINE = Pattern.compile(
            "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARN  \\[[^\\]]+\\] "
                    + "\\S*\\.qbit\\.DownloadClientAccess The qBittorrent API .*");
    /** The console's pattern: time, level, the logger cut to 32 characters, message. */
    private static final Pattern CONSOLE_LINE = Pattern.compile(
            "\\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARN  \\S*\\.qbit\\.DownloadClientAccess +The qBittorrent API .*");

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private Installation installation;

    @Before
    public void unpackDistribution() throws Exception {
        installation = new Installation(temp.getRoot().toPath());
        FakeCatalogues.startAndConfigure(installation.home.resolve("config"), installation.config, false);
    }

    @After
    public void stop() throws InterruptedException {
        installation.close();
    }

    @Test
    public void logsThroughLogbackWithoutSpiFlyAndJettySpeaksHttp1() throws Exception {
        try (var bundles = Files.list(installation.home.resolve("bundle"))) {
            List<String> spiFly = bundles.map(jar -> jar.getFileName().toString())
                    .filter(name -> name.contains("spifly")).toList();
            assertEquals("no ServiceLoader weaving extension is shipped", List.of(), spiFly);
        }
        installation.start();
        installation.http.awaitHealth(h -> Http.listed(h, "aniworld"), START);
        String password = installation.awaitAdminPassword(START);

        Path logFile = installation.data.resolve("logs/catalogarr.log");
        assertTrue("a line in the file's pattern in " + logFile, awaitLine(logFile, FILE_LINE));
        assertTrue("a line in the console's pattern", awaitLine(installation.output, CONSOLE_LINE));
        String console = Files.readString(installation.output, StandardCharsets.UTF_8);
        assertFalse("slf4j found its provider without complaint:\n" + console, console.contains("SLF4J"));
        assertFalse("Logback configured itself without complaint:\n" + console, console.contains("|-"));

        // The console's log page is fed by an appender that only attaches to Logback's LoggerContext.
        AdminApiClient admin = new AdminApiClient(installation.port, "admin", password);
        AdminApiClient.Answer log = admin.get("/log?limit=500");
        assertEquals(200, log.status());
        List<String> messages = new ArrayList<>();
        log.json().forEach(line -> messages.add(line.path("logger").asText() + " " + line.path("message").asText()));
        assertTrue("the start's warning on the log page: " + messages,
                messages.stream().anyMatch(m -> m.startsWith("DownloadClientAccess ") && m.contains(START_WARNING)));

        JsonNode bundles = new ObjectMapper().readTree(
                installation.http.get("/system/console/bundles.json", "admin", password).body());
        List<String> notWorking = new ArrayList<>();
        List<String> fragments = new ArrayList<>();
        for (JsonNode bundle : bundles.path("data")) {
            String name = bundle.path("symbolicName").asText();
            String state = bundle.path("state").asText();
            if (state.equals("Fragment")) {
                fragments.add(name);
            }
            if (!state.equals("Active") && !state.equals("Fragment")) {
                notWorking.add(name + " " + state);
            }
        }
        assertEquals("bundles neither active nor attached fragments", List.of(), notWorking);
        assertTrue("the slf4j binding and the logging configuration are attached: " + fragments,
                fragments.containsAll(List.of("org.catalogarr.slf4j-logback", "org.catalogarr.logback-defaults")));

        for (String version : List.of("HTTP/1.1", "HTTP/1.0")) {
            String answer = rawGet(installation.port, "/health", version);
            String head = answer.substring(0, answer.indexOf("\r\n\r\n"));
            String[] lines = head.split("\r\n");
            assertTrue(head, lines[0].matches("HTTP/1\\.[01] 200 OK"));
            for (int i = 1; i < lines.length; i++) {
                assertTrue("a well-formed header line: " + lines[i], lines[i].matches("[A-Za-z-]+: \\S.*"));
            }
            assertTrue(head, head.contains("\r\nContent-Type: application/json;charset=utf-8"));
            assertTrue(head, answer.endsWith("}"));
        }
    }

    /**
     * A logback.xml in the config folder is the operator's own: it replaces the built-in configuration, and
     * only that file's appenders write.
     */
    @Test
    public void anOperatorsLogbackXmlInTheConfigFolderReplacesTheBuiltInConfiguration() throws Exception {
        Files.writeString(installation.config.resolve("logback.xml"), """
                <configuration>
                  <appender name="MINE" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>MINE %level %logger{0}: %msg%n</pattern></encoder>
                  </appender>
                  <root level="INFO"><appender-ref ref="MINE"/></root>
                </configuration>
                """);
        installation.start();
        installation.http.awaitHealth(h -> Http.listed(h, "aniworld"), START);

        assertTrue("a line in the operator's pattern", awaitLine(installation.output,
                Pattern.compile("MINE WARN DownloadClientAccess: The qBittorrent API .*")));
        assertFalse("the built-in file appender is not set up",
                Files.exists(installation.data.resolve("logs/catalogarr.log")));
        assertFalse("no line in the built-in console pattern",
                awaitLine(installation.output, CONSOLE_LINE, Duration.ZERO));
    }

    /** The whole answer to one request of the given HTTP version, read until the server closes. */
    private static String rawGet(int port, String path, String version) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((("GET " + path + " " + version + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"))
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) > 0 && answer.size() < 1 << 20;) {
                answer.write(buffer, 0, n);
            }
            return answer.toString(StandardCharsets.ISO_8859_1);
        }
    }

    /** Whether a line of the file matches, waiting a little: appenders write on the logging thread. */
    private static boolean awaitLine(Path file, Pattern line) throws Exception {
        return awaitLine(file, line, Duration.ofSeconds(20));
    }

    private static boolean awaitLine(Path file, Pattern line, Duration wait) throws Exception {
        long deadline = System.nanoTime() + wait.toNanos();
        do {
            if (Files.exists(file)
                    && Files.readAllLines(file, StandardCharsets.UTF_8).stream().anyMatch(l -> line.matcher(l).matches())) {
                return true;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        return false;
    }
}
