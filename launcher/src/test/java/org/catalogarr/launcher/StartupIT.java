package org.catalogarr.launcher;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The start of the distribution as an operator sees it: {@code /health} says {@code starting} (503) until
 * every deployed site has registered, and a broken site bundle does not keep it there; the class-data-sharing
 * archive is written at the first stop and used by the next start, and a damaged one is harmless; SCR's
 * component descriptions are kept at a stop and serve the next start; the JVM
 * defaults of bin/catalogarr apply and CATALOGARR_JAVA_OPTS overrides them.
 */
public class StartupIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BROKEN_SITE = "org.example.broken.site";

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void healthIsStartingUntilEveryDeployedSiteHasRegistered() throws Exception {
        try (Installation installation = configured()) {
            installation.start();
            List<String> seen = new ArrayList<>();
            JsonNode ready = null;
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (ready == null && System.nanoTime() < deadline) {
                HttpResponse<String> answer = answer(installation, "/health");
                if (answer == null || answer.statusCode() == 404) {
                    Thread.sleep(20); // not listening yet, or the health servlet is not registered yet
                    continue;
                }
                JsonNode health = JSON.readTree(answer.body());
                String status = health.path("status").asText();
                if (seen.isEmpty() || !seen.get(seen.size() - 1).startsWith(answer.statusCode() + " " + status)) {
                    seen.add(answer.statusCode() + " " + status + " " + health.path("startup"));
                }
                if (answer.statusCode() == 200) {
                    ready = health;
                } else {
                    assertEquals("before ready: " + seen, 503, answer.statusCode());
                    assertEquals("before ready: " + seen, "starting", status);
                    Thread.sleep(20);
                }
            }
            if (ready == null) {
                fail("not ready within " + WAIT + ": " + seen);
            }
            assertTrue("the first 200 lists every site: " + ready, Http.listed(ready, "aniworld") && Http.listed(ready, "sto"));
            assertEquals("done", ready.path("startup").path("state").asText());
            // What Sonarr and Prowlarr call answers as soon as /health says ready, not with a 404.
            assertEquals(200, installation.http.get("/torznab/api?t=caps").statusCode());
            assertEquals(200, installation.http.get("/api/v2/app/webapiVersion").statusCode());
            // Ready no longer waits for Derby nor for the sites' first answers (issue 12): the database may still
            // be opening, never down, and a site whose title index is being fetched has not answered yet.
            assertTrue(ready.toString(), List.of("up", "opening").contains(ready.path("database").path("status").asText()));
            for (JsonNode problem : ready.path("problems")) {
                assertTrue("only the first answers are missing at ready: " + ready,
                        problem.asText().contains("has not answered yet"));
            }
            JsonNode up = installation.http.awaitHealth(h -> "ok".equals(h.path("status").asText())
                    && "up".equals(h.path("database").path("status").asText()), WAIT);
            assertEquals(6, up.path("database").path("schema_version").asInt());
        }
    }

    @Test
    public void aDatabaseThatCannotOpenIsReportedDownNotStarting() throws Exception {
        try (Installation installation = configured()) {
            Path notAFolder = installation.data.resolve("not-a-folder");
            Files.createDirectories(installation.data);
            Files.writeString(notAFolder, "a file where the database folder should be");
            Files.writeString(installation.config.resolve("org.catalogarr.store.cfg"), "directory = " + notAFolder + "\n");
            installation.start();
            JsonNode down = awaitAnswer(installation, 503, h -> "down".equals(h.path("status").asText())
                    && Http.listed(h, "aniworld") && Http.listed(h, "sto"));
            assertEquals(down.toString(), "down", down.path("database").path("status").asText());
            assertTrue(down.toString(), down.path("problems").toString().contains("The database is down"));
        }
    }

    @Test
    public void aSiteBundleThatNeverRegistersKeepsItStartingOnlyUntilTheBound() throws Exception {
        try (Installation installation = configured()) {
            brokenSiteBundle(installation.home.resolve("deploy/broken-site.jar"));
            long started = installation.start();
            JsonNode starting = awaitAnswer(installation, 503, h -> Http.listed(h, "aniworld") && Http.listed(h, "sto")
                    && List.of(BROKEN_SITE).equals(names(h.path("startup").path("waiting_for"))));
            assertEquals("still starting with the database open and both sites listed", "starting",
                    starting.path("status").asText());

            JsonNode given = installation.http.awaitHealth(h -> true, WAIT.plusSeconds(30));
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
            assertEquals(given.toString(), "degraded", given.path("status").asText());
            assertEquals("incomplete", given.path("startup").path("state").asText());
            assertTrue(given.toString(), given.path("startup").path("problem").asText().contains(BROKEN_SITE));
            assertTrue("gave up after the 60 s bound, not before: " + seconds, seconds >= 60);
        }
    }

    @Test
    public void classDataSharingArchiveIsWrittenAtTheFirstStopUsedAfterAndHarmlessWhenDamaged() throws Exception {
        try (Installation installation = configured()) {
            installation.start();
            awaitReady(installation);
            stop(installation);
            List<Path> archives = archives(installation);
            assertEquals("one archive after the first stop: " + archives, 1, archives.size());
            assertTrue(Files.size(archives.get(0)) > 1_000_000);

            Path classLog = installation.data.resolve("class-load.log");
            installation.environment.put("CATALOGARR_JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog);
            installation.start();
            awaitReady(installation);
            stop(installation);
            long fromArchive;
            try (Stream<String> lines = Files.lines(classLog, StandardCharsets.UTF_8)) {
                fromArchive = lines.filter(line -> line.contains("source: shared objects file (top)")).count();
            }
            assertTrue("classes of the bundles and Felix come from the archive: " + fromArchive, fromArchive > 1000);
            assertEquals("the archive is reused, not written again", archives, archives(installation));

            Files.delete(archives.get(0)); // the JVM writes it read-only
            Files.write(archives.get(0), "not an archive".getBytes(StandardCharsets.US_ASCII));
            installation.start();
            awaitReady(installation);
        }
    }

    /**
     * SCR keeps the component descriptions it parsed (ds.cache.metadata) at a clean stop; the next start reads
     * them from there, and every component is there and runs as after the first start.
     */
    @Test
    public void componentDescriptionsAreKeptAtAStopAndEveryComponentRunsAfterTheRestart() throws Exception {
        try (Installation installation = configured()) {
            installation.start();
            awaitReady(installation);
            String password = installation.awaitAdminPassword(WAIT);
            List<String> first = components(installation, password);
            stop(installation);
            Path store = scrData(installation).resolve("componentMetadataStore");
            assertTrue("SCR wrote its store of component descriptions at " + store, Files.size(store) > 1000);

            installation.start();
            awaitReady(installation);
            List<String> second = components(installation, password);
            assertEquals("the same components after the restart", first, second);
            assertTrue("a site's component is among them: " + second,
                    second.contains("org.catalogarr.site.sto.StoCatalogue"));
        }
    }

    /** Names of the components the console's DS plugin lists, each checked to be active or satisfied. */
    private static List<String> components(Installation installation, String password) throws Exception {
        JsonNode answer = JSON.readTree(installation.http.get("/system/console/components.json", "admin", password).body());
        List<String> names = new ArrayList<>();
        for (JsonNode component : answer.path("data")) {
            String state = component.path("state").asText();
            assertTrue(component.toString(), state.equals("active") || state.equals("satisfied"));
            names.add(component.path("name").asText());
        }
        assertTrue("components listed: " + answer, names.size() > 50);
        return names.stream().sorted().toList();
    }

    /** The data folder Felix gives SCR's bundle in its bundle cache. */
    private static Path scrData(Installation installation) throws IOException {
        try (Stream<Path> bundles = Files.list(installation.data.resolve("felix-cache"))) {
            for (Path bundle : bundles.filter(Files::isDirectory).toList()) {
                Path info = bundle.resolve("bundle.info");
                if (Files.exists(info) && Files.readString(info, StandardCharsets.UTF_8).contains("org.apache.felix.scr-")) {
                    return bundle.resolve("data");
                }
            }
        }
        throw new AssertionError("no SCR bundle in the bundle cache");
    }

    @Test
    public void jvmDefaultsApplyAndCatalogarrJavaOptsOverridesThem() throws Exception {
        try (Installation installation = configured()) {
            installation.environment.put("CATALOGARR_JAVA_OPTS", "-XX:+PrintFlagsFinal -Xmx300m");
            installation.start();
            awaitReady(installation);
            String flags = Files.readString(installation.output, StandardCharsets.UTF_8);
            assertTrue("CATALOGARR_JAVA_OPTS wins over the default heap", flag(flags, "MaxHeapSize", "314572800"));
            assertTrue("the serial collector by default", flag(flags, "UseSerialGC", "true"));
            assertTrue("C1 only by default", flag(flags, "TieredStopAtLevel", "1"));
            assertTrue("C1 compiles later than by default", flag(flags, "CompileThresholdScaling", "2.000000"));
        }
    }

    private Installation configured() throws IOException, InterruptedException {
        Installation installation = new Installation(temp.newFolder().toPath());
        FakeCatalogues.startAndConfigure(installation.home.resolve("config"), installation.config, true);
        return installation;
    }

    private static boolean flag(String printFlagsFinal, String name, String value) {
        return printFlagsFinal.lines().anyMatch(line -> line.matches("\\s*\\S+\\s+" + name + "\\s+= " + value + "\\s.*"));
    }

    private static void awaitReady(Installation installation) throws InterruptedException {
        installation.http.awaitHealth(h -> "ok".equals(h.path("status").asText()) && Http.listed(h, "aniworld")
                && Http.listed(h, "sto"), WAIT);
    }

    /** A clean stop (SIGTERM), as a service manager does: the JVM writes the archive when it exits. */
    private static void stop(Installation installation) throws InterruptedException {
        installation.process().destroy();
        assertTrue("stopped within 60 s", installation.process().waitFor(60, TimeUnit.SECONDS));
    }

    private static List<Path> archives(Installation installation) throws IOException {
        Path folder = installation.data.resolve("cds");
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jsa")).sorted().toList();
        }
    }

    private static HttpResponse<String> answer(Installation installation, String path) throws InterruptedException {
        try {
            return installation.http.get(path);
        } catch (IOException e) {
            return null;
        }
    }

    private static JsonNode awaitAnswer(Installation installation, int status,
            java.util.function.Predicate<JsonNode> condition) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> answer = answer(installation, "/health");
            if (answer != null) {
                last = answer.statusCode() + " " + answer.body();
                if (answer.statusCode() == status) {
                    JsonNode health = JSON.readTree(answer.body());
                    if (condition.test(health)) {
                        return health;
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + status + " as expected within " + WAIT + "; last: " + last);
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(n -> names.add(n.asText()));
        return names;
    }

    /** A jar that says it provides a catalogue but cannot resolve: its package import is nowhere exported. */
    private static void brokenSiteBundle(Path file) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", BROKEN_SITE);
        main.putValue("Bundle-Version", "1.0.0");
        main.putValue("Import-Package", "org.example.nowhere");
        main.putValue("Provide-Capability",
                "osgi.service;objectClass:List<String>=\"org.catalogarr.catalogue.api.CatalogueProvider\"");
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.flush();
        }
    }
}
