package org.catalogarr.launcher;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Sonarr's flow driven by {@code @ctrl/qbittorrent}, a qBittorrent client library written against the real
 * qBittorrent: it catches what our own tests share with our own shim, such as a misread of the API.
 * The node project in src/test/node is copied under target/ before {@code npm ci}, so the sources stay clean.
 */
public class CtrlQbittorrentIT {

    private static final String USER = "sonarr";
    private static final String PASSWORD = "s3cret";
    private static final Duration FLOW_TIMEOUT = Duration.ofMinutes(3);

    private static Path project;

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private Installation installation;

    @BeforeClass
    public static void installTheLibrary() throws Exception {
        assumeTrue("node and npm are needed to run @ctrl/qbittorrent; skipped as they are not on the PATH",
                answers("node", "--version") && answers("npm", "--version"));
        Path sources = Path.of(System.getProperty("basedir", "."), "src/test/node");
        project = Path.of(System.getProperty("catalogarr.it.work"), "ctrl-qbittorrent");
        Files.createDirectories(project);
        for (String file : List.of("package.json", "package-lock.json", "qbit-flow.mjs")) {
            Files.copy(sources.resolve(file), project.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        Run npm = run(Duration.ofMinutes(5), "npm", "ci", "--no-audit", "--no-fund");
        assertEquals("npm ci failed:\n" + npm.output, 0, npm.exitCode);
    }

    @Before
    public void start() throws Exception {
        installation = new Installation(temp.getRoot().toPath());
        FakeCatalogues.startAndConfigure(installation.home.resolve("config"), installation.config, false);
        Files.writeString(installation.config.resolve("org.catalogarr.qbit.cfg"),
                "username = " + USER + "\npassword = " + PASSWORD + "\n");
        installation.start();
        installation.http.awaitHealth(h -> "ok".equals(h.path("status").asText())
                && Http.catalogue(h, "aniworld").path("index").path("titles").asInt() > 0, Duration.ofSeconds(60));
    }

    @After
    public void stop() throws InterruptedException {
        installation.close();
    }

    @Test
    public void theLibraryAddsPollsAndRemovesAGermanEpisode() throws Exception {
        String magnet = QbitFlowIT.germanMagnetFromTheFeed(installation.http);
        Run flow = run(FLOW_TIMEOUT, "node", "qbit-flow.mjs", "http://127.0.0.1:" + installation.port, USER, PASSWORD,
                magnet);
        System.out.println("qbit-flow.mjs:\n" + flow.output);
        assertEquals("qbit-flow.mjs failed:\n" + flow.output, 0, flow.exitCode);
        assertTrue(flow.output, flow.output.contains("OK"));
    }

    private record Run(int exitCode, String output) {
    }

    /** Runs a command in the copied node project; a command that outlives the timeout is killed and fails. */
    private static Run run(Duration timeout, String... command) throws IOException, InterruptedException {
        Path log = Files.createTempFile(project, "run", ".log");
        Process process = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            return new Run(-1, "timed out after " + timeout + ":\n" + Files.readString(log, StandardCharsets.UTF_8));
        }
        return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    private static boolean answers(String... command) {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor() == 0;
        } catch (IOException | InterruptedException notThere) {
            return false;
        }
    }
}
