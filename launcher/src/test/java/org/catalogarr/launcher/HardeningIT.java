package org.catalogarr.launcher;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Black-box: what a hostile or careless client or operator can do before authentication, against the
 * started distribution: slow request bodies, broken Torznab query strings, bad configuration values, and
 * the privacy of the stored passwords.
 */
public class HardeningIT {

    private static final String USER = "sonarr";
    private static final String PASSWORD = "s3cret-hardening";
    private static final String QBIT = "org.catalogarr.qbit";
    private static final String JOBS = "org.catalogarr.jobs";
    private static final String GOOD_QBIT = "username = " + USER + "\npassword = " + PASSWORD
            + "\nsession_timeout = 3600\nban_duration = 600\n";
    private static final String GOOD_JOBS = "max_concurrent_downloads = 2\n";
    private static final Duration APPLIED = Duration.ofSeconds(30);

    @ClassRule
    public static TemporaryFolder temp = new TemporaryFolder();

    private static Installation installation;

    @BeforeClass
    public static void start() throws Exception {
        installation = new Installation(temp.getRoot().toPath());
        FakeCatalogues.startAndConfigure(installation.home.resolve("config"), installation.config, false);
        Files.writeString(installation.config.resolve(QBIT + ".cfg"), GOOD_QBIT);
        Files.writeString(installation.config.resolve(JOBS + ".cfg"), GOOD_JOBS);
        installation.start();
        installation.http.awaitHealth(h -> "ok".equals(h.path("status").asText())
                && "password".equals(h.path("download_client").path("authentication").asText()), Duration.ofSeconds(90));
    }

    @AfterClass
    public static void stop() throws InterruptedException {
        installation.close();
    }

    // ------------------------------------------------------------------------------------ slow bodies

    /**
     * 250 clients that announce a login body and send it a byte at a time would hold every request
     * thread if bodies were read on them (then /health gets no answer at all); /health must still answer
     * within a second. One slow probe of five is forgiven: the machine running the tests may be busy.
     */
    @Test
    public void slowRequestBodiesDoNotStarveHealth() throws Exception {
        List<Socket> slow = new ArrayList<>();
        List<Long> millis = new ArrayList<>();
        try {
            for (int i = 0; i < 250; i++) {
                Socket socket = new Socket();
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), installation.port), 2000);
                socket.getOutputStream().write(("POST /api/v2/auth/login HTTP/1.1\r\nHost: 127.0.0.1:" + installation.port
                        + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 4000\r\n\r\nusername=")
                        .getBytes(StandardCharsets.US_ASCII));
                slow.add(socket);
            }
            Thread.sleep(1000);
            for (int round = 0; round < 5; round++) {
                for (Socket socket : slow) {
                    socket.getOutputStream().write('x');
                }
                long started = System.nanoTime();
                String status = rawRequest(InetAddress.getLoopbackAddress(), "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Connection: close\r\n\r\n", 5000).lines().findFirst().orElse("");
                millis.add((System.nanoTime() - started) / 1_000_000);
                assertEquals("HTTP/1.1 200 OK", status);
                Thread.sleep(300);
            }
            for (Socket socket : slow) {
                // Still open: the service waited for the bodies instead of dropping the connections.
                socket.getOutputStream().write('x');
                socket.getOutputStream().flush();
            }
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
        assertTrue("/health with 250 slow bodies open took " + millis + " ms",
                millis.stream().filter(m -> m < 1000).count() >= 4);
        assertEquals("Ok.", new QbitClient(installation.http).login(USER, PASSWORD).body());
    }

    /**
     * Bodies are collected before anyone is authenticated, so their size is bounded by path (only a
     * torrents/add upload may be large) and all bodies held at once share one budget: unknown clients
     * that start several large uploads and never finish them get 503 instead of the heap.
     */
    @Test
    public void bodiesAreBoundedByPathAndByOneSharedBudget() throws Exception {
        String oversizedLogin = rawRequest(InetAddress.getLoopbackAddress(), "POST /api/v2/auth/login HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nConnection: close\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: 100000\r\n\r\n", 5000);
        assertTrue(oversizedLogin, oversizedLogin.startsWith("HTTP/1.1 413"));

        List<Socket> uploads = new ArrayList<>();
        byte[] chunk = new byte[1900 * 1024];
        String refused = null;
        try {
            for (int i = 0; i < 6 && refused == null; i++) {
                Socket socket = new Socket();
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), installation.port), 2000);
                socket.setSoTimeout(1000);
                uploads.add(socket);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /api/v2/torrents/add HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data;"
                        + " boundary=x\r\nContent-Length: " + (2 * 1024 * 1024) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(chunk);
                out.flush();
                Thread.sleep(500);
                try {
                    refused = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
                } catch (java.net.SocketTimeoutException e) {
                    // Still collecting this body: it fitted into the budget.
                }
            }
            assertEquals("the upload beyond the shared budget is refused", "HTTP/1.1 503", refused);
            assertEquals("4 uploads of 1.9 MiB fit into the budget of 8 MiB, the 5th does not", 5, uploads.size());
            // The refused body is read to its end, not cut off: a connection closed with unread bytes is reset,
            // and a client still sending would lose the 503 with it. So the rest goes out without an error, and
            // the connection then ends in an orderly way, after the whole answer.
            Socket last = uploads.get(uploads.size() - 1);
            last.getOutputStream().write(new byte[2 * 1024 * 1024 - chunk.length]);
            last.getOutputStream().flush();
            last.setSoTimeout(10_000);
            String rest = new String(last.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(rest, rest.endsWith("Too many request bodies at once; try again"));
        } finally {
            for (Socket socket : uploads) {
                socket.close();
            }
        }
        // The budget comes back as the connections end.
        installation.http.awaitHealth(h -> "ok".equals(h.path("status").asText()), Duration.ofSeconds(10));
        assertEquals("Ok.", new QbitClient(installation.http).login(USER, PASSWORD).body());
    }

    /**
     * The budget covers a body until its answer, not only while it arrives, as parsing a form makes several
     * copies of it; and a field is never split into more items than are taken (FuzzIT's megabyte of tags
     * once became a million strings and ended the service at the default 256 MiB heap). 16 logged-in
     * clients sending the largest forms at once (thousands of magnets, a million tags, megabytes of a
     * category) are each answered, 503 when the budget is spent, and the service is still there.
     */
    @Test
    public void manyLargeAuthenticatedUploadsAtOnceLeaveTheServiceRunning() throws Exception {
        QbitClient client = new QbitClient(installation.http);
        assertEquals("Ok.", client.login(USER, PASSWORD).body());
        String magnet = "magnet:?xt=urn:btih:" + "ab".repeat(20) + "&dn=Some.Show.S01E01\n";
        // Sized as sent, url-encoded: just under the 2 MiB a torrents/add body may have.
        int size = 1900 * 1024;
        List<Map<String, String>> forms = List.of(
                Map.of("urls", magnet.repeat(size / encoded(magnet))),
                Map.of("urls", magnet, "tags", "t,".repeat(size / encoded("t,"))),
                Map.of("urls", magnet, "category", "c".repeat(size)));
        ExecutorService clients = Executors.newFixedThreadPool(16);
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < 96; i++) {
                Map<String, String> form = forms.get(i % forms.size());
                sent.add(clients.submit(() -> {
                    int status = client.post("torrents/add", form).statusCode();
                    statuses.merge(status, 1, Integer::sum);
                    return null;
                }));
            }
            for (Future<?> answer : sent) {
                answer.get(120, TimeUnit.SECONDS);
            }
        } finally {
            clients.shutdownNow();
        }
        assertTrue("answers " + statuses, Set.of(200, 400, 503).containsAll(statuses.keySet()));
        assertTrue("some uploads were taken: " + statuses, statuses.getOrDefault(200, 0)
                + statuses.getOrDefault(400, 0) > 0);
        assertEquals("ok", installation.http.health().path("status").asText());
        assertEquals("Ok.", new QbitClient(installation.http).login(USER, PASSWORD).body());
    }

    private static int encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).length();
    }

    // ------------------------------------------------------------------------------ broken Torznab input

    @Test
    public void brokenTorznabQueryStringsGetATorznabErrorWithoutAStackTrace() throws Exception {
        Path log = installation.data.resolve("logs/catalogarr.log");
        long logBefore = Files.size(log);
        for (String query : List.of("t=search&q=%", "t=tvsearch&q=%FF%FE&season=1", "t=search&q=Titan%E2%82")) {
            String answer = rawRequest(InetAddress.getLoopbackAddress(), "GET /torznab/api?" + query
                    + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", 10_000);

            assertTrue(query + ": " + answer, answer.startsWith("HTTP/1.1 200 "));
            assertTrue(query + ": " + answer, answer.contains("<error code=\"201\""));
        }
        String download = rawRequest(InetAddress.getLoopbackAddress(),
                "GET /torznab/download?site=%&slug=%FF HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", 10_000);
        assertTrue(download, download.startsWith("HTTP/1.1 400 "));

        String logged = Files.readString(log).substring((int) logBefore);
        assertFalse("no stack trace in the log:\n" + logged, logged.contains("\tat "));
    }

    // --------------------------------------------------------------------------------- bad settings

    @Test
    public void badSettingsAreRefusedAndShownAndAFixedFileIsTaken() throws Exception {
        Http http = installation.http;
        Path qbitFile = installation.config.resolve(QBIT + ".cfg");
        Path jobsFile = installation.config.resolve(JOBS + ".cfg");
        try {
            Files.writeString(qbitFile, "username = " + USER + "\npassword = " + PASSWORD
                    + "\nsession_timeout = abc\nban_duration = -6\nserver_domains = https://proxy.example.org/\n");
            Files.writeString(jobsFile, "max_concurrent_downloads = 0\n");

            JsonNode health = http.awaitHealth(h -> h.path("settings_problems").has(QBIT)
                    && h.path("settings_problems").has(JOBS), APPLIED);
            assertEquals("degraded", health.path("status").asText());
            String qbitProblems = health.path("settings_problems").path(QBIT).toString();
            assertTrue(qbitProblems, qbitProblems.contains("session_timeout must be a whole number, was 'abc'"));
            assertTrue(qbitProblems, qbitProblems.contains("ban_duration must be between 1 and 2592000, was -6"));
            assertTrue(qbitProblems, qbitProblems.contains("server_domains must be host names separated by commas"));
            assertTrue(health.toString(), health.path("settings_problems").path(JOBS).toString()
                    .contains("max_concurrent_downloads must be between 1 and 16, was 0"));
            String log = Files.readString(installation.data.resolve("logs/catalogarr.log"));
            assertTrue(log.contains("Refused the configuration " + QBIT + ": ")
                    && log.contains("session_timeout must be a whole number, was 'abc'"));
            assertTrue(log.contains("max_concurrent_downloads must be between 1 and 16, was 0"));

            // The previous settings are in force: the API answers and the ban still bans.
            QbitClient client = new QbitClient(http);
            assertEquals("Ok.", client.login(USER, PASSWORD).body());
            assertEquals(200, client.get("torrents/info").statusCode());
            assertEquals(200, client.get("app/version").statusCode());
            InetAddress other = InetAddress.getByName("127.0.0.2");
            for (int i = 0; i < 5; i++) {
                assertTrue(rawLogin(other, "wrong").endsWith("Fails."));
            }
            String banned = rawLogin(other, PASSWORD);
            assertTrue(banned, banned.startsWith("HTTP/1.1 403 ") && banned.contains("banned"));

            Files.writeString(qbitFile, GOOD_QBIT);
            Files.writeString(jobsFile, GOOD_JOBS);
            health = http.awaitHealth(h -> h.path("settings_problems").isObject()
                    && h.path("settings_problems").isEmpty(), APPLIED);
            assertEquals("ok", health.path("status").asText());
            QbitClient again = new QbitClient(http);
            assertEquals("Ok.", again.login(USER, PASSWORD).body());
            HttpResponse<String> info = again.get("torrents/info");
            assertEquals(200, info.statusCode());
        } finally {
            Files.writeString(qbitFile, GOOD_QBIT);
            Files.writeString(jobsFile, GOOD_JOBS);
        }
    }

    // ----------------------------------------------------------------------------------- secrets

    @Test
    public void storedConfigurationsWithThePasswordAreNotReadableByOthers() throws Exception {
        Path store = installation.data.resolve("configadmin");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store)));
        List<Path> withPassword;
        try (Stream<Path> files = Files.walk(store)) {
            withPassword = files.filter(Files::isRegularFile).filter(HardeningIT::holdsPassword).toList();
        }
        assertFalse("Config Admin stores the qBittorrent configuration", withPassword.isEmpty());
        for (Path file : withPassword) {
            // Readable by others only if every folder on the way lets them in; the store's folder does not.
            assertTrue(file + " lies in the private store", file.startsWith(store));
        }
        // The console's password and the Torznab API key are entered into files the start script copied.
        for (String copied : List.of("org.catalogarr.console.admin.cfg", "org.catalogarr.torznab.cfg")) {
            assertEquals(copied, "rw-------", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(installation.config.resolve(copied))));
        }
    }

    private static boolean holdsPassword(Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1).contains(PASSWORD);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    // ----------------------------------------------------------------------------------- helpers

    /** A login from the given local address, which the service sees as the client's address. */
    private static String rawLogin(InetAddress from, String password) throws IOException {
        String body = "username=" + USER + "&password=" + password;
        return rawRequest(from, "POST /api/v2/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length() + "\r\n\r\n"
                + body, 10_000);
    }

    /** Sends the bytes as they are (a URI class would refuse a broken query) and returns the whole answer. */
    private static String rawRequest(InetAddress from, String request, int timeoutMillis) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), installation.port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
