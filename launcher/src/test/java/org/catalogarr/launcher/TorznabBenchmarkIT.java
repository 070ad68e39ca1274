package org.catalogarr.launcher;

import static org.junit.Assert.assertEquals;
import static org.junit.Assume.assumeTrue;

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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import org.catalogarr.testkit.FakeSite;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The Torznab benchmark of the README, not part of the test run: run it with
 * {@code -Dcatalogarr.benchmark=true}. It starts the distribution against the fake sites answering
 * after 300 ms (AniWorld) and 800 ms (s.to), measures the latency of uncached merged searches, then
 * the throughput of a cached tv-search under 50 concurrent clients. Results go to the console and
 * to {@code launcher/target/benchmark.txt}.
 */
public class TorznabBenchmarkIT {

    private static final int LATENCY_QUERIES = 100;
    private static final int CLIENTS = 50;
    private static final Duration LOAD = Duration.ofSeconds(15);
    private static final int SLOWEST_SITE_MILLIS = 800;
    /**
     * Episode queries as Sonarr sends them, uncached: all but Attack on Titan are known to one fake site
     * only, and the titles with punctuation are asked on s.to as two suggest terms, which cost two round
     * trips in a row before s.to asked them at once.
     */
    private static final List<String> EPISODE_MIX = List.of("Kaguya-sama: Love is War", "JoJo's Bizarre Adventure",
            "Demon Slayer: Kimetsu no Yaiba", "Re:ZERO -Starting Life in Another World-", "Rick and Morty",
            "Law & Order: Special Victims Unit", "Dark", "Attack on Titan");
    /** Lets the JIT compile the request path before the measured run. */
    private static final Duration WARM_UP = Duration.ofSeconds(8);

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void fanOutLatencyAndCachedThroughput() throws Exception {
        assumeTrue("run with -Dcatalogarr.benchmark=true", Boolean.getBoolean("catalogarr.benchmark"));
        try (Installation installation = new Installation(temp.getRoot().toPath())) {
            FakeCatalogues.startAndConfigure(installation.home.resolve("config"), installation.config, true);
            Path search = installation.config.resolve("org.catalogarr.search.cfg");
            Files.writeString(search, "result_cache_seconds = 0\n");
            installation.start();
            installation.http.awaitHealth(h -> "ok".equals(h.path("status").asText())
                    && Http.listed(h, "sto")
                    && Http.catalogue(h, "sto").path("index").path("titles").asInt() > 0
                    && Http.catalogue(h, "aniworld").path("index").path("titles").asInt() > 0, Duration.ofSeconds(60));
            String base = "http://127.0.0.1:" + installation.port;
            String season = base + "/torznab/api?t=tvsearch&cat=5030,5040,5070&q="
                    + URLEncoder.encode("Attack on Titan", StandardCharsets.UTF_8) + "&season=1";
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            get(client, season);

            FakeCatalogues.site("aniworld").slowDelayMillis(300);
            FakeCatalogues.site("sto").slowDelayMillis(SLOWEST_SITE_MILLIS);
            FakeCatalogues.site("aniworld").scenario(FakeSite.Scenario.SLOW);
            FakeCatalogues.site("sto").scenario(FakeSite.Scenario.SLOW);
            List<Long> latencies;
            List<Long> episodeLatencies;
            Phases phases = new Phases();
            try {
                latencies = latencies(client, List.of(season), List.of("season"), null);
                episodeLatencies = latencies(client, EPISODE_MIX.stream().map(q -> base
                        + "/torznab/api?t=tvsearch&cat=5030,5040,5070&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)
                        + "&season=1&ep=1").toList(), EPISODE_MIX, phases);
            } finally {
                FakeCatalogues.site("aniworld").scenario(FakeSite.Scenario.NORMAL);
                FakeCatalogues.site("sto").scenario(FakeSite.Scenario.NORMAL);
            }
            double p50 = millis(latencies, 0.50);
            double p95 = millis(latencies, 0.95);
            double episodeP50 = millis(episodeLatencies, 0.50);
            double episodeP95 = millis(episodeLatencies, 0.95);

            Files.writeString(search, "result_cache_seconds = 600\n");
            String episode = base + "/torznab/api?t=tvsearch&cat=5030,5040,5070&q="
                    + URLEncoder.encode("Attack on Titan", StandardCharsets.UTF_8) + "&season=1&ep=1";
            Thread.sleep(2_500);
            get(client, episode);
            Load load = wrkAvailable() ? wrk(episode) : load(episode);

            String report = String.format("""
                    Torznab benchmark (%s, %d cores, Java %s)
                    Fan-out, sites answering after 300 ms and 800 ms (slowest site %d ms), %d queries per mix:
                      uncached season search: p50 %.0f ms, p95 %.0f ms; overhead over the slowest site at p50: %.0f ms
                      uncached episode queries, %d series (%d known to one site only): p50 %.0f ms, p95 %.0f ms;
                        goal p95 <= slowest site + 50 ms (%d ms): %s
                        where the time goes (p50 / p95): before the first site request %s ms, from it to the last
                        site answer %s ms (%d ms of that the slowest site's own delay), after the last answer %s ms
                    per series of the mix (the site requests of its last query, in ms from sending it):
                    %s
                    Cached tv-search, %d concurrent clients for %d s, load from %s:
                      %.0f requests/s, p50 %.2f ms, p99 %.2f ms, %d errors
                    """, java.time.LocalDate.now(), Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"), SLOWEST_SITE_MILLIS, LATENCY_QUERIES, p50, p95,
                    p50 - SLOWEST_SITE_MILLIS, EPISODE_MIX.size(), EPISODE_MIX.size() - 1, episodeP50, episodeP95,
                    SLOWEST_SITE_MILLIS + 50, episodeP95 <= SLOWEST_SITE_MILLIS + 50 ? "met" : "NOT met",
                    phases.quantiles(phases.before), phases.quantiles(phases.sites), SLOWEST_SITE_MILLIS,
                    phases.quantiles(phases.after), phases.perSeriesReport().stripTrailing(), CLIENTS,
                    LOAD.toSeconds(), load.tool(), load.perSecond(), load.p50(), load.p99(), load.errors());
            System.out.println(report);
            Files.writeString(Path.of(System.getProperty("catalogarr.dist")).resolveSibling("benchmark.txt"), report);
        }
    }

    /**
     * Per query, from the fake sites' request times: how long the service took before its first site request
     * (parsing, title resolution from the index), from there to the last site answer (the sites' delays and any
     * round trips one after the other), and after it (merging, writing the feed). Kept per series as well, so
     * that the series that make a phase's tail can be named, with the requests the sites saw for them.
     */
    private static final class Phases {
        final List<Long> before = new ArrayList<>();
        final List<Long> sites = new ArrayList<>();
        final List<Long> after = new ArrayList<>();
        final Map<String, Series> perSeries = new LinkedHashMap<>();

        /** One series' queries: their latencies and phases, and the site requests of the last one. */
        private static final class Series {
            final List<Long> total = new ArrayList<>();
            final List<Long> before = new ArrayList<>();
            final List<Long> sites = new ArrayList<>();
            final List<Long> after = new ArrayList<>();
            List<String> requests = List.of();
        }

        void add(String series, long sent, long received) {
            Series mine = perSeries.computeIfAbsent(series, s -> new Series());
            mine.total.add(received - sent);
            List<FakeSite.Served> served = new ArrayList<>();
            FakeCatalogues.site("aniworld").served().forEach(s -> served.add(
                    new FakeSite.Served("aniworld " + s.request(), s.arrivedNanos(), s.answeredNanos())));
            FakeCatalogues.site("sto").served().forEach(s -> served.add(
                    new FakeSite.Served("sto " + s.request(), s.arrivedNanos(), s.answeredNanos())));
            mine.requests = served.stream().map(s -> String.format("%s (%d-%d ms)", s.request(),
                    (s.arrivedNanos() - sent) / 1_000_000, (s.answeredNanos() - sent) / 1_000_000)).toList();
            if (served.isEmpty()) {
                return;
            }
            long first = served.stream().mapToLong(FakeSite.Served::arrivedNanos).min().orElseThrow();
            long last = served.stream().mapToLong(FakeSite.Served::answeredNanos).max().orElseThrow();
            before.add(first - sent);
            sites.add(last - first);
            after.add(received - last);
            mine.before.add(first - sent);
            mine.sites.add(last - first);
            mine.after.add(received - last);
        }

        /** A line per series: total, each phase as p50 / max, and what the sites were asked by its last query. */
        String perSeriesReport() {
            StringBuilder report = new StringBuilder();
            perSeries.forEach((name, series) -> {
                report.append(String.format("  %-42s n=%d total %s, before %s, sites %s, after %s (p50 / max ms)%n",
                        name, series.total.size(), medianMax(series.total), medianMax(series.before),
                        medianMax(series.sites), medianMax(series.after)));
                series.requests.forEach(r -> report.append("      ").append(r).append('\n'));
            });
            return report.toString();
        }

        private static String medianMax(List<Long> nanos) {
            List<Long> sorted = new ArrayList<>(nanos);
            Collections.sort(sorted);
            return sorted.isEmpty() ? "-" : String.format("%.0f / %.0f", millis(sorted, 0.50), millis(sorted, 1.0));
        }

        String quantiles(List<Long> nanos) {
            List<Long> sorted = new ArrayList<>(nanos);
            Collections.sort(sorted);
            return sorted.isEmpty() ? "-" : String.format("%.0f / %.0f", millis(sorted, 0.50), millis(sorted, 0.95));
        }
    }

    /** LATENCY_QUERIES requests, going round the urls, one after the other; sorted. */
    private static List<Long> latencies(HttpClient client, List<String> urls, List<String> labels, Phases phases)
            throws Exception {
        List<Long> latencies = new ArrayList<>();
        for (int i = 0; i < LATENCY_QUERIES; i++) {
            FakeCatalogues.site("aniworld").clearRequests();
            FakeCatalogues.site("sto").clearRequests();
            long started = System.nanoTime();
            get(client, urls.get(i % urls.size()));
            long received = System.nanoTime();
            latencies.add(received - started);
            if (phases != null) {
                phases.add(labels.get(i % labels.size()), started, received);
            }
        }
        Collections.sort(latencies);
        return latencies;
    }

    private static String get(HttpClient client, String url) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        return response.body();
    }

    private static double millis(List<Long> sortedNanos, double quantile) {
        int index = Math.min(sortedNanos.size() - 1, (int) Math.ceil(quantile * sortedNanos.size()) - 1);
        return sortedNanos.get(Math.max(0, index)) / 1_000_000.0;
    }

    private record Load(String tool, double perSecond, double p50, double p99, long errors) {
    }

    private static boolean wrkAvailable() {
        try {
            return new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start().waitFor() >= 0;
        } catch (Exception e) {
            return false;
        }
    }

    /** wrk (Debian's package) loads the server without competing much with it for the two cores. */
    private static Load wrk(String url) throws Exception {
        new ProcessBuilder("wrk", "-t2", "-c" + CLIENTS, "-d" + WARM_UP.toSeconds() + "s", url).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        Process wrk = new ProcessBuilder("wrk", "-t2", "-c" + CLIENTS, "-d" + LOAD.toSeconds() + "s", "--latency", url)
                .redirectErrorStream(true).start();
        String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        wrk.waitFor();
        System.out.println(output);
        java.util.regex.Matcher rate = java.util.regex.Pattern.compile("Requests/sec:\\s+([0-9.]+)").matcher(output);
        java.util.regex.Matcher errors = java.util.regex.Pattern.compile("Non-2xx or 3xx responses: (\\d+)").matcher(output);
        return new Load("wrk", rate.find() ? Double.parseDouble(rate.group(1)) : 0, wrkPercentile(output, "50%"),
                wrkPercentile(output, "99%"), errors.find() ? Long.parseLong(errors.group(1)) : 0);
    }

    private static double wrkPercentile(String output, String percentile) {
        java.util.regex.Matcher value = java.util.regex.Pattern
                .compile("\\s" + java.util.regex.Pattern.quote(percentile) + "\\s+([0-9.]+)(us|ms|s)").matcher(output);
        if (!value.find()) {
            return Double.NaN;
        }
        double number = Double.parseDouble(value.group(1));
        return switch (value.group(2)) {
            case "us" -> number / 1000;
            case "s" -> number * 1000;
            default -> number;
        };
    }

    /** CLIENTS threads each sending one request after the other; only the measured window counts. */
    private static Load load(String url) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).build();
        long measureFrom = System.nanoTime() + WARM_UP.toNanos();
        long measureTo = measureFrom + LOAD.toNanos();
        List<List<Long>> perClient = new ArrayList<>();
        AtomicLong errors = new AtomicLong();
        CountDownLatch done = new CountDownLatch(CLIENTS);
        for (int c = 0; c < CLIENTS; c++) {
            List<Long> latencies = new ArrayList<>();
            perClient.add(latencies);
            Thread thread = new Thread(() -> {
                try {
                    while (System.nanoTime() < measureTo) {
                        long started = System.nanoTime();
                        try {
                            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                            if (response.statusCode() != 200) {
                                errors.incrementAndGet();
                            }
                        } catch (Exception e) {
                            errors.incrementAndGet();
                        }
                        if (started >= measureFrom) {
                            latencies.add(System.nanoTime() - started);
                        }
                    }
                } finally {
                    done.countDown();
                }
            }, "benchmark-client-" + c);
            thread.setDaemon(true);
            thread.start();
        }
        done.await();
        List<Long> all = new ArrayList<>();
        perClient.forEach(all::addAll);
        Collections.sort(all);
        return new Load("a Java client in the same JVM as the tests", all.size() / (double) LOAD.toSeconds(),
                millis(all, 0.50), millis(all, 0.99), errors.get());
    }
}
