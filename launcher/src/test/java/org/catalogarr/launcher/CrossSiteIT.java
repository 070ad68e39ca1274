package org.catalogarr.launcher;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Black-box, as an attacker's web page would try it against a Catalogarr on the same machine: cross-site
 * POSTs to the qBittorrent API and to the Web Console with the admin's credentials, requests under a
 * DNS-rebinding name, and guessing the console's password. Each is refused and changes nothing, while
 * the same requests from Catalogarr's own pages, and from names the operator configured, still work.
 */
public class CrossSiteIT {

    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration CHANGE = Duration.ofSeconds(20);
    private static final String EVIL = "https://evil.example.com";
    private static final String TEST_BUNDLE = "org.catalogarr.it.crosssite";

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private Installation installation;
    private Http http;

    /** Starts the distribution with the fake sites and the given qBittorrent API settings (none: defaults). */
    private void start(String qbitSettings) throws Exception {
        installation = new Installation(temp.getRoot().toPath());
        http = installation.http;
        FakeCatalogues.startAndConfigure(installation.home.resolve("config"), installation.config, false);
        if (qbitSettings != null) {
            Files.writeString(installation.config.resolve("org.catalogarr.qbit.cfg"), qbitSettings);
        }
        installation.start();
        http.awaitHealth(h -> "ok".equals(h.path("status").asText())
                && Http.catalogue(h, "aniworld").path("index").path("titles").asInt() > 0, START);
    }

    @After
    public void stop() throws InterruptedException {
        if (installation != null) {
            installation.close();
        }
    }

    /**
     * With the default empty password any page opened on this machine could once delete every job and
     * file; now the browser's Origin gives it away, and the job and its file stay.
     */
    @Test
    public void aCrossSiteDeleteOfEverythingIsRefusedAndNothingIsLost() throws Exception {
        start(null);
        QbitClient qbit = new QbitClient(http);
        String magnet = QbitFlowIT.germanMagnetFromTheFeed(http);
        String hash = magnet.replaceAll(".*btih:([0-9a-fA-F]{40}).*", "$1").toLowerCase();
        assertEquals("Ok.", qbit.post("torrents/add", Map.of("urls", magnet)).body());
        JsonNode done = qbit.awaitTorrent(hash, t -> "pausedUP".equals(t.path("state").asText()), START);
        Path file = Path.of(done.path("content_path").asText());
        assertTrue(file + " exists", Files.isRegularFile(file));
        Map<String, String> deleteAll = Map.of("hashes", "all", "deleteFiles", "true");

        HttpResponse<String> fromOrigin = http.postForm("/api/v2/torrents/delete", Map.of("Origin", EVIL), deleteAll);
        HttpResponse<String> fromReferer = http.postForm("/api/v2/torrents/delete",
                Map.of("Referer", EVIL + "/cats.html"), deleteAll);

        assertEquals(401, fromOrigin.statusCode());
        assertEquals("Unauthorized", fromOrigin.body());
        assertEquals(401, fromReferer.statusCode());
        assertTrue("the job is still there", qbit.torrent(hash).isPresent());
        assertTrue("its file is still there", Files.isRegularFile(file));

        HttpResponse<String> ownPage = http.postForm("/api/v2/torrents/delete", Map.of("Origin", http.origin()),
                Map.of("hashes", hash, "deleteFiles", "false"));
        assertEquals("a page of our own may", 200, ownPage.statusCode());
        assertFalse(qbit.torrent(hash).isPresent());
        assertTrue("deleteFiles=false kept the file", Files.isRegularFile(file));
    }

    @Test
    public void theSidCookieIsSameSiteStrict() throws Exception {
        start("username = sonarr\npassword = s3cret\n");

        HttpResponse<String> login = new QbitClient(http).login("sonarr", "s3cret");

        assertEquals("Ok.", login.body());
        String cookie = login.headers().firstValue("Set-Cookie").orElse("");
        assertTrue(cookie, cookie.matches("SID=[A-Za-z0-9]+; HttpOnly; SameSite=Strict; path=/"));
    }

    /** A DNS-rebinding page reaches the server under its own domain's name; listed names pass, live. */
    @Test
    public void onlyNamesOfThisServerAreAnswered() throws Exception {
        start("server_domains = catalogarr.example.com\n");
        Path qbitCfg = installation.config.resolve("org.catalogarr.qbit.cfg");

        assertEquals(403, status("/health", "rebind.evil.example.com:" + installation.port));
        assertEquals(403, status("/torznab/api?t=caps", "rebind.evil.example.com"));
        assertEquals(401, status("/api/v2/app/webapiVersion", "rebind.evil.example.com"));
        assertEquals(403, status("/system/console/bundles", "rebind.evil.example.com"));
        for (String host : List.of("127.0.0.1:" + installation.port, "localhost:" + installation.port, "catalogarr",
                "[::1]:" + installation.port, "catalogarr.example.com")) {
            assertEquals(host, 200, status("/health", host));
        }
        assertEquals(200, status("/api/v2/app/webapiVersion", "catalogarr.example.com"));
        assertEquals("not listed yet", 403, status("/health", "proxy.example.net"));

        Files.writeString(qbitCfg, "server_domains = catalogarr.example.com, *.example.net\n");
        long deadline = System.nanoTime() + CHANGE.toNanos();
        while (status("/health", "proxy.example.net") != 200) {
            assertTrue("the new setting was never taken", System.nanoTime() < deadline);
            Thread.sleep(200);
        }
        assertEquals(403, status("/health", "rebind.evil.example.com"));
        String log = Files.readString(installation.output, StandardCharsets.UTF_8);
        assertTrue(log, log.contains("Host 'rebind.evil.example.com") && log.contains("server_domains"));
    }

    /**
     * A foreign page once could install and start a bundle through the console with the admin's cached
     * Basic credentials. The same upload from the console's own page installs it: the guard is what stops it.
     */
    @Test
    public void theConsoleInstallsABundleOnlyFromItsOwnPage() throws Exception {
        start(null);
        String password = installation.awaitAdminPassword(CHANGE);
        Http.FilePart bundle = new Http.FilePart("bundlefile", "crosssite.jar", "application/java-archive",
                bundleJar());

        HttpResponse<String> foreign = http.postMultipart("/system/console/bundles",
                Map.of("Authorization", Http.basic("admin", password), "Origin", EVIL), Map.of("action", "install"),
                List.of(bundle));
        HttpResponse<String> noOrigin = http.postMultipart("/system/console/bundles",
                Map.of("Authorization", Http.basic("admin", password)), Map.of("action", "install"), List.of(bundle));

        assertEquals(403, foreign.statusCode());
        assertEquals(403, noOrigin.statusCode());
        // The refused upload's body was never read: the connection ends, or the next request would be sent into it.
        assertEquals("close", foreign.headers().firstValue("Connection").orElse(""));
        Thread.sleep(2000);
        assertFalse("no bundle was installed", bundles(password).contains(TEST_BUNDLE));

        HttpResponse<String> own = http.postMultipart("/system/console/bundles",
                Map.of("Authorization", Http.basic("admin", password), "Origin", http.origin()),
                Map.of("action", "install"), List.of(bundle));
        assertTrue(own.statusCode() + " " + own.body(), own.statusCode() / 100 == 2 || own.statusCode() / 100 == 3);
        long deadline = System.nanoTime() + CHANGE.toNanos();
        while (!bundles(password).contains(TEST_BUNDLE)) {
            assertTrue("the console's own upload never installed the bundle", System.nanoTime() < deadline);
            Thread.sleep(200);
        }
        String log = Files.readString(installation.output, StandardCharsets.UTF_8);
        assertTrue(log, log.contains("Refused POST /system/console/bundles") && log.contains("Origin '" + EVIL));
    }

    @Test
    public void guessingTheConsolePasswordGetsTheAddressBannedAndLogged() throws Exception {
        start(null);
        String password = installation.awaitAdminPassword(CHANGE);
        assertEquals(200, http.get("/system/console/bundles", "admin", password).statusCode());

        for (int i = 0; i < 4; i++) {
            assertEquals(401, http.get("/system/console/bundles", "admin", "guess" + i).statusCode());
        }
        assertEquals(403, http.get("/system/console/bundles", "admin", "guess4").statusCode());
        HttpResponse<String> right = http.get("/system/console/bundles", "admin", password);

        assertEquals("banned, even with the right password", 403, right.statusCode());
        assertTrue(right.body(), right.body().contains("Too many failed logins"));
        String log = Files.readString(installation.output, StandardCharsets.UTF_8);
        assertTrue(log, log.contains("Failed admin console login from 127.0.0.1"));
        assertTrue(log, log.contains("the address is banned for 3600 s"));
        assertFalse("no password in the log", log.contains("guess3"));
    }

    private String bundles(String password) throws Exception {
        HttpResponse<String> list = http.get("/system/console/bundles.json", "admin", password);
        assertEquals(200, list.statusCode());
        return list.body();
    }

    /** A bundle with nothing but a manifest: enough for the console to install it. */
    private static byte[] bundleJar() throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", TEST_BUNDLE);
        main.putValue("Bundle-Version", "1.0.0");
        ByteArrayOutputStream jar = new ByteArrayOutputStream();
        new JarOutputStream(jar, manifest).close();
        return jar.toByteArray();
    }

    /**
     * The status of a GET with this {@code Host} header, sent over a plain socket: Java's HTTP client does
     * not let a request choose its {@code Host}.
     */
    private int status(String path, String host) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", installation.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder statusLine = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0 && c != '\n') {
                statusLine.append((char) c);
            }
            String[] parts = statusLine.toString().split(" ");
            assertTrue(statusLine.toString(), parts.length >= 2);
            return Integer.parseInt(parts[1]);
        }
    }
}
