import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.catalogarr.testkit.FakeAniWorld;
import org.catalogarr.testkit.FakeSite;
import org.catalogarr.testkit.FakeVoe;

/**
 * The driver of {@code download-bench}: starts the fake AniWorld and VOE with nginx as VOE's CDN, an unpacked
 * distribution against them, and for each phase downloads the same bytes with curl and through the
 * qBittorrent API, measuring time, peak RSS (the JVM's high-water mark, reset before each download) and CPU.
 * Run by the script, which made the media and started nginx; not part of the build.
 */
public class DownloadBench {

    private static final String CODE = "aot0101de";
    private static final Pattern NUMBER = Pattern.compile("-?[0-9.]+(?:[eE][-+]?\\d+)?");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** One download: seconds, bytes, peak RSS above the RSS before it (MB) and CPU seconds. */
    record Result(double seconds, long bytes, double peakMb, double rssBeforeMb, double cpuSeconds) {
        double mbPerSecond() {
            return bytes / 1e6 / seconds;
        }
    }

    private final Map<String, String> args;
    private final StringBuilder report = new StringBuilder();
    private Process service;
    private int port;

    DownloadBench(Map<String, String> args) {
        this.args = args;
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new HashMap<>();
        for (int i = 0; i + 1 < argv.length; i += 2) {
            args.put(argv[i].substring(2), argv[i + 1]);
        }
        new DownloadBench(args).run();
    }

    void run() throws Exception {
        Path work = Path.of(args.get("work"));
        String cdn = args.get("cdn");
        int runs = Integer.parseInt(args.get("runs"));
        FakeSite aniworld = new FakeAniWorld().start();
        FakeVoe.Pair voe = FakeVoe.pair();
        aniworld.placeholder("VOE_BASE", voe.entry().baseUrl().toString());
        try {
            Path home = install(work, aniworld);
            // A user's first start records the class-data-sharing archive that every later start uses (bin/catalogarr);
            // the downloads are measured in a later start, as a user's are.
            startService(work, home);
            service.destroy();
            service.waitFor();
            startService(work, home);
            String magnet = germanMagnet();
            line(String.format("%-12s %10s %10s %7s %12s %12s %10s %10s %12s", "phase", "curl MB/s", "ours MB/s",
                    "ratio", "ours RSS+MB", "ours CPU s", "curl RSS MB", "curl CPU s", "max RSS+MB"));
            for (String phase : args.get("phases").split(",")) {
                boolean aes = phase.contains("aes");
                boolean slow = phase.contains("latency");
                String base = cdn + (slow ? "/slow" : "") + (aes ? "/aes" : "/plain");
                voe.mirror().placeholder("CDN_BASE", base);
                voe.mirror().directAccess(phase.equals("mp4"));
                String expected = args.get(phase.equals("mp4") ? "mp4-sha256" : "ts-sha256");
                List<Result> curl = new ArrayList<>();
                List<Result> parallelCurl = new ArrayList<>();
                List<Result> ours = new ArrayList<>();
                Result first = null;
                for (int run = 0; run < runs; run++) {
                    if (phase.equals("mp4")) {
                        curl.add(curlMp4(work, base));
                    } else {
                        curl.add(curlHls(work, base, 1));
                        parallelCurl.add(curlHls(work, base, 4));
                    }
                    if (first == null) {
                        // The first download of a kind after the start also compiles its code: shown, not in the
                        // medians. After curl's first run, so that both read the media from the page cache.
                        first = catalogarr(magnet, expected);
                    }
                    ours.add(catalogarr(magnet, expected));
                }
                double curlRate = median(curl, Result::mbPerSecond);
                double ourRate = median(ours, Result::mbPerSecond);
                line(String.format("%-12s %10.0f %10.0f %7.2f %12.1f %12.2f %10.1f %10.2f %12.1f", phase, curlRate,
                        ourRate, ourRate / curlRate, median(ours, Result::peakMb), median(ours, Result::cpuSeconds),
                        median(curl, Result::peakMb), median(curl, Result::cpuSeconds),
                        ours.stream().mapToDouble(Result::peakMb).max().orElse(0)));
                line(String.format("%-12s %10s %10.0f   (ours, the first download of the phase)", "", "",
                        first.mbPerSecond()));
                if (!parallelCurl.isEmpty()) {
                    line(String.format("%-12s %10.0f   (curl, 4 segments in parallel)", "", median(parallelCurl,
                            Result::mbPerSecond)));
                }
            }
            line(String.format("medians of %d runs after a first download; %s; ours = from torrents/add to the file's last write; ours RSS+MB"
                    + " = peak RSS during the download minus RSS before it (RSS now: %.0f MB), max RSS+MB the largest"
                    + " of the runs", runs, "HLS curl = one curl fetching the segments in order",
                    rss(service.pid(), "VmRSS")));
            Files.writeString(Path.of(args.get("report")), report.toString(), StandardCharsets.UTF_8);
        } finally {
            if (service != null) {
                service.destroy();
                service.waitFor();
            }
            voe.close();
            aniworld.close();
        }
    }

    private void line(String text) {
        System.out.println(text);
        report.append(text).append('\n');
    }

    private Path install(Path work, FakeSite aniworld) throws Exception {
        Path folder = work.resolve("service");
        exec(List.of("rm", "-rf", folder.toString()));
        Files.createDirectories(folder.resolve("etc"));
        exec(List.of("tar", "-xzf", args.get("dist"), "-C", folder.toString()));
        Path home = folder.resolve("catalogarr");
        Path defaults = home.resolve("config");
        String site = Files.readString(defaults.resolve("org.catalogarr.site.aniworld.cfg"))
                .replaceAll("(?m)^base_url = .*$", "base_url = " + aniworld.baseUrl())
                .replaceAll("(?m)^plain_http_hosts =.*$", "plain_http_hosts = 127.0.0.1");
        Files.writeString(folder.resolve("etc/org.catalogarr.site.aniworld.cfg"), site);
        Files.writeString(folder.resolve("etc/org.catalogarr.site.sto.cfg"),
                Files.readString(defaults.resolve("org.catalogarr.site.sto.cfg"))
                        .replaceAll("(?m)^enabled = .*$", "enabled = false"));
        // The finished file is compared byte for byte with the stream, so HLS stays MPEG-TS (no remux).
        String download = Files.readString(defaults.resolve("org.catalogarr.download.cfg"))
                .replaceAll("(?m)^allowed_private_hosts =.*$", "allowed_private_hosts = 127.0.0.1")
                .replaceAll("(?m)^#? ?hls_container =.*$", "hls_container = ts");
        Files.writeString(folder.resolve("etc/org.catalogarr.download.cfg"), download);
        return home;
    }

    private void startService(Path work, Path home) throws Exception {
        port = Integer.parseInt(exec(List.of("python3", "-c",
                "import socket; s=socket.socket(); s.bind(('127.0.0.1',0)); print(s.getsockname()[1])")).strip());
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/catalogarr").toString());
        Path folder = home.getParent();
        builder.environment().put("CATALOGARR_PORT", String.valueOf(port));
        builder.environment().put("CATALOGARR_HOST", "127.0.0.1");
        builder.environment().put("CATALOGARR_DATA", folder.resolve("data").toString());
        builder.environment().put("CATALOGARR_CONFIG", folder.resolve("etc").toString());
        builder.redirectErrorStream(true).redirectOutput(folder.resolve("console.out").toFile());
        service = builder.start();
        // Ctrl-C or a kill of the benchmark must not leave the service running.
        Process started = service;
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroy));
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            try {
                String health = get("/health");
                Matcher titles = Pattern.compile("\"titles\"\\s*:\\s*(\\d+)").matcher(health);
                if (titles.find() && Integer.parseInt(titles.group(1)) > 0) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            if (System.nanoTime() > deadline || !service.isAlive()) {
                throw new IllegalStateException("the service did not come up; see " + folder.resolve("console.out"));
            }
            Thread.sleep(200);
        }
    }

    private String germanMagnet() throws Exception {
        String feed = get("/torznab/api?t=tvsearch&cat=5070&q=" + URLEncoder.encode("Attack on Titan",
                StandardCharsets.UTF_8) + "&season=1&ep=1");
        Matcher item = Pattern.compile("<title>[^<]*\\.German\\.[^<]*</title>.*?magneturl\"\\s+value=\"([^\"]+)\"",
                Pattern.DOTALL).matcher(feed);
        if (!item.find()) {
            throw new IllegalStateException("no German item in the feed: " + feed);
        }
        return item.group(1).replace("&amp;", "&");
    }

    /** One download through the qBittorrent API, from the add to the completed job, then deleted with its file. */
    private Result catalogarr(String magnet, String expectedSha256) throws Exception {
        String hash = magnet.replaceAll(".*btih:([0-9a-fA-F]{40}).*", "$1").toLowerCase();
        long pid = service.pid();
        // Resets the high-water mark of the RSS (Linux 4.0+), so VmHWM afterwards is the peak of this download.
        Files.writeString(Path.of("/proc/" + pid + "/clear_refs"), "5");
        double before = rss(pid, "VmRSS");
        double cpuBefore = cpuSeconds(pid);
        long startMillis = System.currentTimeMillis();
        String added = post("/api/v2/torrents/add", "urls=" + URLEncoder.encode(magnet, StandardCharsets.UTF_8));
        if (!added.equals("Ok.")) {
            throw new IllegalStateException("torrents/add answered " + added);
        }
        String info;
        while (true) {
            info = get("/api/v2/torrents/info?hashes=" + hash);
            if (info.contains("\"pausedUP\"") || info.contains("\"error\"")) {
                break;
            }
            // Seldom enough that the polling (Jetty, JSON) does not take the download's CPU on a small machine.
            Thread.sleep(100);
        }
        double cpu = cpuSeconds(pid) - cpuBefore;
        double peak = rss(pid, "VmHWM");
        Matcher path = Pattern.compile("\"content_path\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(info);
        if (info.contains("\"error\"") || !path.find()) {
            throw new IllegalStateException("the download failed: " + info);
        }
        Path file = Path.of(path.group(1).replace("\\/", "/"));
        // The download ends with the file's last write, not when the poll sees it: the time from the add to
        // then, as curl's is from its start to its exit.
        double seconds = (Files.getLastModifiedTime(file).toMillis() - startMillis) / 1e3;
        long bytes = Files.size(file);
        String sha = sha256(file);
        if (!sha.equals(expectedSha256)) {
            throw new IllegalStateException(file + " has sha256 " + sha + ", the stream " + expectedSha256);
        }
        post("/api/v2/torrents/delete", "hashes=" + hash + "&deleteFiles=true");
        while (get("/api/v2/torrents/info?hashes=" + hash).contains(hash)) {
            Thread.sleep(50);
        }
        System.err.println(String.format("  one download: %.0f MB/s in %.2f s, RSS %.0f MB before, peak +%.1f MB, CPU"
                + " %.2f s", bytes / 1e6 / seconds, seconds, before, peak - before, cpu));
        return new Result(seconds, bytes, peak - before, before, cpu);
    }

    private Result curlMp4(Path work, String base) throws Exception {
        Path out = work.resolve("curl.out");
        Result result = timed(List.of("curl", "-s", "-f", "-o", out.toString(), base + "/mp4/" + CODE + ".mp4"), out);
        Files.delete(out);
        return result;
    }

    /** The segments in playlist order, one curl with one connection (parallel 1) or 4 transfers at once. */
    private Result curlHls(Path work, String base, int parallel) throws Exception {
        String playlist = base + "/hls/" + CODE + "/index.m3u8";
        List<String> segments = exec(List.of("curl", "-s", "-f", playlist)).lines()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        Path config = work.resolve("curl-urls.txt");
        Path out = work.resolve("curl-segments");
        exec(List.of("rm", "-rf", out.toString()));
        Files.createDirectories(out);
        StringBuilder lines = new StringBuilder();
        for (String segment : segments) {
            lines.append("url = \"").append(base).append("/hls/").append(CODE).append('/').append(segment)
                    .append("\"\noutput = \"").append(out.resolve(segment.replace("720p/", ""))).append("\"\n");
        }
        Files.writeString(config, lines);
        List<String> command = new ArrayList<>(List.of("curl", "-s", "-f", "--config", config.toString()));
        if (parallel > 1) {
            command.addAll(List.of("--parallel", "--parallel-max", String.valueOf(parallel)));
        }
        Result result = timed(command, out);
        exec(List.of("rm", "-rf", out.toString()));
        return result;
    }

    private static Result timed(List<String> command, Path out) throws Exception {
        List<String> full = new ArrayList<>(List.of("/usr/bin/time", "-f", "%e %M %U %S"));
        full.addAll(command);
        String[] figures = exec(full).strip().split("\\R");
        String[] last = figures[figures.length - 1].trim().split(" ");
        long bytes = Files.isDirectory(out) ? Files.list(out).mapToLong(DownloadBench::size).sum() : Files.size(out);
        return new Result(Double.parseDouble(last[0]), bytes, Long.parseLong(last[1]) / 1024.0, 0,
                Double.parseDouble(last[2]) + Double.parseDouble(last[3]));
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double median(List<Result> results, ToDoubleFunction<Result> figure) {
        List<Double> values = results.stream().map(figure::applyAsDouble).sorted(Comparator.naturalOrder()).toList();
        return values.get(values.size() / 2);
    }

    /** A line of /proc/pid/status in MB. */
    private static double rss(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith(field + ":")) {
                Matcher number = NUMBER.matcher(line.substring(field.length() + 1));
                number.find();
                return Long.parseLong(number.group()) / 1024.0;
            }
        }
        throw new IllegalStateException("no " + field + " for process " + pid);
    }

    /** User and system time of the process (all its threads), from /proc/pid/stat, in seconds. */
    private static double cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // utime and stime are fields 14 and 15 of stat, 12 and 13 after the command's closing parenthesis.
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            for (int read; (read = in.read(buffer)) > 0;) {
                digest.update(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private String get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private String post(String path, String form) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Runs a command to its end and returns what it printed (stdout and stderr); fails on a non-zero exit. */
    private static String exec(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }
}
