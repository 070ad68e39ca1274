package org.catalogarr.launcher;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.catalogarr.testkit.FakeSite;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Issue 12's thread goal through the started distribution: 50 clients send a mix of cached and uncached
 * searches (episode, season, free text, unknown titles that make the sites search, the feed without a
 * query) to sites that answer late, for about 20 s, while the JVM's live threads are read from
 * {@code /proc/<pid>/status}. At most 60 threads and not one failed request.
 */
public class ThreadBoundsIT {

    private static final int CLIENTS = 50;
    private static final int MAX_THREADS = 60;
    private static final Duration LOAD = Duration.ofSeconds(20);
    /**
     * The collector and compiler of the small-server JVM defaults of bin/catalogarr (issue 12's start-up
     * part): G1's and C2's own threads are 8 of their own, which no setting of Catalogarr can save.
     */
    private static final String SMALL_SERVER_JVM = "-XX:+UseSerialGC -XX:TieredStopAtLevel=1";

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void fiftyClientsOfMixedSearchesStayWithinSixtyThreads() throws Exception {
        try (Installation installation = new Installation(temp.getRoot().toPath())) {
            FakeCatalogues.startAndConfigure(installation.home.resolve("config"), installation.config, true);
            installation.environment.put("CATALOGARR_JAVA_OPTS", SMALL_SERVER_JVM);
            installation.start();
            installation.http.awaitHealth(h -> "ok".equals(h.path("status").asText())
                    && Http.catalogue(h, "sto").path("index").path("titles").asInt() > 0
                    && Http.catalogue(h, "aniworld").path("index").path("titles").asInt() > 0, Duration.ofSeconds(60));
            long pid = installation.process().pid();
            int idle = threads(pid);
            FakeSite aniworld = FakeCatalogues.site("aniworld");
            FakeSite sto = FakeCatalogues.site("sto");
            aniworld.slowDelayMillis(150);
            sto.slowDelayMillis(400);
            aniworld.scenario(FakeSite.Scenario.SLOW);
            sto.scenario(FakeSite.Scenario.SLOW);
            int before = aniworld.requests().size() + sto.requests().size();

            String base = "http://127.0.0.1:" + installation.port + "/torznab/api?cat=5030,5040,5070&";
            AtomicInteger unique = new AtomicInteger(100);
            AtomicLong requests = new AtomicLong();
            AtomicLong warnings = new AtomicLong();
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            Map<String, AtomicLong> perKind = new ConcurrentHashMap<>();
            AtomicInteger peak = new AtomicInteger(idle);
            long end = System.nanoTime() + LOAD.toNanos();
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            String[] peakDump = {""};
            Thread sampler = new Thread(() -> {
                while (System.nanoTime() < end) {
                    int now = threads(pid);
                    if (now > peak.getAndAccumulate(now, Math::max)) {
                        peakDump[0] = threadNames(pid);
                    }
                    sleep(100);
                }
            }, "thread-sampler");
            sampler.start();
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int number = c;
                Thread thread = new Thread(() -> {
                    for (int round = 0; System.nanoTime() < end; round++) {
                        Query query = query(number + round, unique);
                        try {
                            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(base + query.parameters()))
                                    .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
                            requests.incrementAndGet();
                            perKind.computeIfAbsent(query.kind(), k -> new AtomicLong()).incrementAndGet();
                            if (answer.statusCode() != 200 || answer.body().contains("<error")) {
                                failures.add(query + " -> " + answer.statusCode() + " " + head(answer.body()));
                            } else if (answer.body().contains("catalogarr:warning")) {
                                warnings.incrementAndGet();
                            }
                        } catch (IOException | InterruptedException e) {
                            failures.add(query + " -> " + e);
                        }
                    }
                }, "client-" + c);
                thread.start();
                clients.add(thread);
            }
            for (Thread thread : clients) {
                thread.join();
            }
            sampler.join();
            aniworld.scenario(FakeSite.Scenario.NORMAL);
            sto.scenario(FakeSite.Scenario.NORMAL);
            int siteRequests = aniworld.requests().size() + sto.requests().size() - before;
            System.out.printf("ThreadBoundsIT: %d clients for %d s: %d requests (%s), %d failed, %d with a site warning,"
                    + " %d site requests; live threads idle %d, peak %d (goal <= %d)%n", CLIENTS, LOAD.toSeconds(),
                    requests.get(), new TreeMap<>(perKind), failures.size(), warnings.get(), siteRequests, idle,
                    peak.get(), MAX_THREADS);
            System.out.println("Threads at the peak, by name:\n" + peakDump[0]);
            assertEquals("failed requests, e.g. " + failures.stream().limit(5).toList(), 0, failures.size());
            assertTrue("some requests were answered", requests.get() > CLIENTS);
            assertTrue("peak of " + peak.get() + " live threads, goal " + MAX_THREADS + ":\n" + peakDump[0],
                    peak.get() <= MAX_THREADS);
        }
    }

    /** 20 identical uncached tv-searches at once cost each fake site one search, not 20. */
    @Test
    public void identicalConcurrentSearchesAskEachSiteOnce() throws Exception {
        try (Installation installation = new Installation(temp.getRoot().toPath())) {
            FakeCatalogues.startAndConfigure(installation.home.resolve("config"), installation.config, true);
            installation.start();
            installation.http.awaitHealth(h -> "ok".equals(h.path("status").asText())
                    && Http.catalogue(h, "sto").path("index").path("titles").asInt() > 0
                    && Http.catalogue(h, "aniworld").path("index").path("titles").asInt() > 0, Duration.ofSeconds(60));
            FakeSite aniworld = FakeCatalogues.site("aniworld");
            FakeSite sto = FakeCatalogues.site("sto");
            // Long enough that all 20 have asked before the first answer, even on a loaded machine.
            aniworld.slowDelayMillis(1_500);
            sto.slowDelayMillis(1_500);
            aniworld.clearRequests();
            sto.clearRequests();
            aniworld.scenario(FakeSite.Scenario.SLOW);
            sto.scenario(FakeSite.Scenario.SLOW);
            // Titles neither index knows, so each site is asked its own search: first one alone, to count what one
            // search costs each site, then another 20 times at once.
            String base = "http://127.0.0.1:" + installation.port + "/torznab/api?t=tvsearch&cat=5030,5040,5070&season=1"
                    + "&ep=1&q=";
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            client.send(HttpRequest.newBuilder(URI.create(base + encode("Nobody Knows This Show"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            int aniworldAlone = aniworld.requests().size();
            int stoAlone = sto.requests().size();
            aniworld.clearRequests();
            sto.clearRequests();
            String url = base + encode("Nobody Knows That Show");
            List<Thread> clients = new ArrayList<>();
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            CountDownLatch start = new CountDownLatch(1);
            for (int c = 0; c < 20; c++) {
                Thread thread = new Thread(() -> {
                    try {
                        start.await();
                        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(url))
                                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
                        if (answer.statusCode() != 200 || answer.body().contains("<error")
                                || answer.body().contains("catalogarr:warning")) {
                            failures.add(answer.statusCode() + " " + head(answer.body()));
                        }
                    } catch (IOException | InterruptedException e) {
                        failures.add(e.toString());
                    }
                });
                thread.start();
                clients.add(thread);
            }
            start.countDown();
            for (Thread thread : clients) {
                thread.join();
            }
            aniworld.scenario(FakeSite.Scenario.NORMAL);
            sto.scenario(FakeSite.Scenario.NORMAL);
            System.out.printf("ThreadBoundsIT: one search alone cost AniWorld %d and s.to %d requests; 20 identical"
                    + " searches at once: AniWorld %s, s.to %s%n", aniworldAlone, stoAlone, aniworld.requests(),
                    sto.requests());
            assertEquals("failed requests: " + failures, 0, failures.size());
            assertTrue("one search asks each site", aniworldAlone > 0 && stoAlone > 0);
            assertEquals("AniWorld's requests: " + aniworld.requests(), aniworldAlone, aniworld.requests().size());
            assertEquals("s.to's requests: " + sto.requests(), stoAlone, sto.requests().size());
        }
    }

    private record Query(String kind, String parameters) {
    }

    /** Round robin over the kinds of query Sonarr and Prowlarr send; "uncached" ones have a key never asked before. */
    private static Query query(int turn, AtomicInteger unique) {
        return switch (turn % 6) {
            case 0 -> new Query("cached episode", "t=tvsearch&q=" + encode("Attack on Titan") + "&season=1&ep=1");
            case 1 -> new Query("cached season", "t=tvsearch&q=" + encode("Attack on Titan") + "&season=1");
            case 2 -> new Query("uncached episode", "t=tvsearch&q=" + encode("Attack on Titan") + "&season=1&ep="
                    + unique.incrementAndGet());
            case 3 -> new Query("uncached unknown title", "t=tvsearch&q=" + encode("Unknown Show " + unique.incrementAndGet())
                    + "&season=1&ep=1");
            case 4 -> new Query("uncached free text", "t=search&q=" + encode("Titan " + unique.incrementAndGet()));
            default -> new Query("feed", "t=tvsearch");
        };
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String head(String body) {
        return body.length() > 300 ? body.substring(0, 300) : body;
    }

    /** The live threads of a process, as the kernel counts them. */
    static int threads(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("Threads:")) {
                    return Integer.parseInt(line.substring("Threads:".length()).strip());
                }
            }
            throw new AssertionError("no Threads line in /proc/" + pid + "/status");
        } catch (IOException e) {
            throw new AssertionError("cannot read the threads of process " + pid, e);
        }
    }

    /**
     * The process's threads by name, numbers left out, counted: what a peak was made of. Read from
     * {@code /proc} (names cut to 15 characters by the kernel) rather than with a thread dump, which would
     * start an attach thread in the service and stop it at a safepoint.
     */
    private static String threadNames(long pid) {
        Map<String, Integer> counts = new TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    counts.merge(Files.readString(task.resolve("comm")).strip().replaceAll("\\d+", "#"), 1,
                            Integer::sum);
                } catch (IOException ended) {
                    // The thread ended while listed.
                }
            }
        } catch (IOException e) {
            return "  (no thread names: " + e + ")";
        }
        StringBuilder text = new StringBuilder();
        counts.forEach((key, count) -> text.append(String.format("  %3d %s%n", count, key)));
        return text.toString();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
