package org.catalogarr.launcher;

import static org.catalogarr.launcher.Http.listed;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.catalogarr.testkit.FakeSite;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Black-box: a stop by SIGTERM, as a service manager sends it, is as clean as the start: nothing on the
 * console or in the log file is a warning or an error, and what the service keeps of each site survives
 * it, so the first searches after a restart do not ask the sites again. Searches in flight when the stop
 * begins are answered in full; a request arriving meanwhile is told that the service is stopping.
 */
public class ShutdownIT {

    private static final Duration START = Duration.ofSeconds(90);
    /** The episode page that tells which languages S01E01 has; its answer is stored behind the search's answer. */
    private static final String EPISODE_PAGE = "/staffel-1/episode-1";
    private static final String SEARCH = "/torznab/api?t=tvsearch&cat=5040,5070&q="
            + URLEncoder.encode("Attack on Titan", StandardCharsets.UTF_8) + "&season=1&ep=1";

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private Installation installation;
    private Path logFile;

    @Before
    public void unpackDistribution() throws Exception {
        installation = new Installation(temp.getRoot().toPath());
        FakeCatalogues.startAndConfigure(installation.home.resolve("config"), installation.config, true);
        logFile = installation.data.resolve("logs/catalogarr.log");
    }

    @After
    public void stop() throws InterruptedException {
        installation.close();
        FakeCatalogues.site("sto").scenario(FakeSite.Scenario.NORMAL);
    }

    @Test
    public void aStopWarnsOfNothingAndKeepsWhatTheSitesSaid() throws Exception {
        installation.start();
        awaitReady();
        clearRequests();
        assertEquals(200, search().statusCode());
        assertTrue("the first search reads the episode pages: " + episodePageRequests(),
                !episodePageRequests().isEmpty());
        // The sites' answers are stored behind the search's answer, on the episode-page pool.
        Thread.sleep(3_000);

        long consoleBefore = Files.size(installation.output);
        long logBefore = Files.size(logFile);
        installation.process().destroy();
        assertTrue("stopped within 60 s of SIGTERM", installation.process().waitFor(60, TimeUnit.SECONDS));
        assertEquals("ended by SIGTERM", 143, installation.process().exitValue());
        String console = tail(installation.output, consoleBefore);
        String log = tail(logFile, logBefore);
        assertTrue("the stop is logged: " + log, log.contains("Database at " + installation.data.resolve("db") + " closed"));
        assertEquals("the console while stopping", List.of(), warningsAndErrors(console));
        assertEquals("the log file while stopping", List.of(), warningsAndErrors(log));

        installation.start();
        awaitReady();
        clearRequests();
        assertEquals(200, search().statusCode());
        assertEquals("the stored answers of the episode pages are used after the restart", List.of(),
                episodePageRequests());
    }

    @Test
    public void aStopLetsTheSearchesInFlightFinish() throws Exception {
        installation.start();
        awaitReady();
        FakeSite sto = FakeCatalogues.site("sto");
        sto.slowDelayMillis(2_000);
        sto.scenario(FakeSite.Scenario.SLOW);
        clearRequests();
        CompletableFuture<HttpResponse<String>> inFlight = CompletableFuture.supplyAsync(() -> {
            try {
                return installation.http.get(SEARCH);
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (sto.requests().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue("the search asked the slow s.to", !sto.requests().isEmpty());

        long consoleBefore = Files.size(installation.output);
        long logBefore = Files.size(logFile);
        installation.process().destroy();
        HttpResponse<String> meanwhile = awaitStopping();
        assertTrue(meanwhile.body(), meanwhile.body().contains("stopping"));

        HttpResponse<String> answer = inFlight.get(30, TimeUnit.SECONDS);
        assertEquals(200, answer.statusCode());
        assertTrue("the search in flight got both sites' items: " + answer.body(),
                answer.body().contains("S01E01") && answer.body().contains("-ANIWORLD") && answer.body().contains("-STO"));
        assertFalse("no site failed because of the stop: " + answer.body(), answer.body().contains("catalogarr:warning"));
        assertTrue("stopped within 60 s of SIGTERM", installation.process().waitFor(60, TimeUnit.SECONDS));
        assertEquals("the console while stopping", List.of(), warningsAndErrors(tail(installation.output, consoleBefore)));
        assertEquals("the log file while stopping", List.of(), warningsAndErrors(tail(logFile, logBefore)));
    }

    /**
     * A stop right after the first start answers, while the database is still being created and the title
     * indexes are fetched: the jobs' resumer waiting for the database and the index fetches are cut short,
     * which is no failure to warn about.
     */
    @Test
    public void aStopDuringTheFirstStartWarnsOfNothing() throws Exception {
        installation.start();
        long deadline = System.nanoTime() + START.toNanos();
        boolean answered = false;
        while (!answered && System.nanoTime() < deadline) {
            try {
                installation.http.get("/health");
                answered = true;
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
        assertTrue("/health answered", answered);

        installation.process().destroy();
        assertTrue("stopped within 60 s of SIGTERM", installation.process().waitFor(60, TimeUnit.SECONDS));
        assertEquals("ended by SIGTERM", 143, installation.process().exitValue());
        String console = Files.readString(installation.output, StandardCharsets.UTF_8);
        // The one warning of a start with the default settings: the qBittorrent API has no password.
        assertEquals("the console of the start and the stop", List.of(), warningsAndErrors(console).stream()
                .filter(line -> !line.contains("DownloadClientAccess")).toList());
    }

    /** /health once the stop has begun (the signal takes a moment), while the search in flight holds it. */
    private HttpResponse<String> awaitStopping() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> health = installation.http.get("/health");
                if (health.statusCode() == 503) {
                    return health;
                }
                last = health.statusCode() + " " + health.body();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("/health did not answer 503 while the stop waited for the search; last: " + last);
    }

    private void awaitReady() throws InterruptedException {
        installation.http.awaitHealth(h -> "ok".equals(h.path("status").asText()) && listed(h, "aniworld")
                && listed(h, "sto") && "up".equals(h.path("database").path("status").asText()), START);
    }

    private HttpResponse<String> search() throws IOException, InterruptedException {
        HttpResponse<String> answer = installation.http.get(SEARCH);
        assertTrue("both sites have the episode: " + answer.body(),
                answer.body().contains("-ANIWORLD") && answer.body().contains("-STO"));
        return answer;
    }

    private static Stream<FakeSite> sites() {
        return Stream.of(FakeCatalogues.site("aniworld"), FakeCatalogues.site("sto"));
    }

    private static void clearRequests() {
        sites().forEach(FakeSite::clearRequests);
    }

    private static List<String> episodePageRequests() {
        return sites().flatMap(site -> site.requests().stream()).filter(r -> r.contains(EPISODE_PAGE)).toList();
    }

    /** What was written to the file after {@code from} bytes. */
    private static String tail(Path file, long from) throws IOException {
        try (RandomAccessFile read = new RandomAccessFile(file.toFile(), "r")) {
            read.seek(from);
            byte[] rest = new byte[(int) (read.length() - from)];
            read.readFully(rest);
            return new String(rest, StandardCharsets.UTF_8);
        }
    }

    private static List<String> warningsAndErrors(String output) {
        return output.lines().filter(line -> line.contains(" WARN ") || line.contains(" ERROR ")
                || line.contains("Exception")).toList();
    }
}
