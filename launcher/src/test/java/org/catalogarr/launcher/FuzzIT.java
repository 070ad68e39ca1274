package org.catalogarr.launcher;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.catalogarr.testkit.FeedRules;
import org.catalogarr.testkit.FeedRules.Item;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Black-box: a bounded fuzz run against the started distribution (issue 10). After a few real jobs have been
 * added from feed items, several client threads send at least {@value #DEFAULT_REQUESTS} requests, valid and
 * mutated, to {@code /torznab/api}, {@code /torznab/download} and every {@code /api/v2/*} method, over raw
 * sockets so that malformed requests reach the server as they were made. No answer may be a 5xx (but 501 for
 * a method HTTP does not know), every request must be answered, {@code /health} must still answer, every
 * counted job must still be there in a state the fuzz could have caused, and the log must not grow a stack
 * trace per request. {@code launcher/target/fuzz-report.txt} lists every failure and the slowest requests,
 * {@code fuzz-catalogarr.log} beside it is the service's log.
 *
 * <p>The run is reproducible per thread: the seed is printed, and {@code -Dcatalogarr.fuzz.seed=N} replays
 * it ({@code catalogarr.fuzz.requests} changes the count). The fuzz never deletes the counted jobs: a delete
 * names only jobs the fuzz added itself, or hashes of no job.
 */
public class FuzzIT {

    private static final int DEFAULT_REQUESTS = 10_000;
    private static final int THREADS = 8;
    private static final Duration TIME_CAP = Duration.ofSeconds(90);
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);
    private static final String USER = "sonarr";
    private static final String PASSWORD = "s3cret";
    private static final String API_KEY = "fuzz-key";
    private static final int MAX_REPORTED = 25;
    private static final long SLOW_MILLIS = 500;
    /** ERROR entries and stack trace headers the log may gain per 1,000 requests. */
    private static final int ERROR_LINES_PER_THOUSAND = 5;
    /**
     * An ERROR entry, or the first line of a stack trace or of its causes; a WARN that names an exception in its
     * message (a fake hoster's closed port) is not one.
     */
    private static final Pattern ERROR_LINE =
            Pattern.compile("^([a-zA-Z_$][\\w$.]*(Exception|Error)\\b|Caused by:)| ERROR ");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A request that took {@value #SLOW_MILLIS} ms or more, for the report. */
    private record Slow(long millis, String what) {
    }

    @ClassRule
    public static TemporaryFolder temp = new TemporaryFolder();

    private static Installation installation;
    private static QbitClient qbit;
    /** The jobs added before the fuzz; none may be gone after it. */
    private static List<String> counted;
    /** Feed items the fuzz may add, and delete again. */
    private static List<Item> spare;
    private static List<byte[]> torrentFiles;

    @BeforeClass
    public static void start() throws Exception {
        installation = new Installation(temp.getRoot().toPath());
        Path config = installation.config;
        FakeCatalogues.startAndConfigure(installation.home.resolve("config"), config, false);
        Path site = config.resolve("org.catalogarr.site.aniworld.cfg");
        Files.writeString(site, Files.readString(site)
                .replaceAll("(?m)^search_timeout_seconds = .*$", "search_timeout_seconds = 3"));
        // A short ban, so that the fuzz's failed logins do not keep the checks at the end out for an hour.
        Files.writeString(config.resolve("org.catalogarr.qbit.cfg"),
                "username = " + USER + "\npassword = " + PASSWORD + "\nban_duration = 1\n");
        Files.writeString(config.resolve("org.catalogarr.torznab.cfg"),
                "api_key = " + API_KEY + "\nenclosure = torrent\n");
        installation.start();
        installation.http.awaitHealth(h -> "ok".equals(h.path("status").asText())
                && Http.catalogue(h, "aniworld").path("index").path("titles").asInt() > 0, Duration.ofSeconds(60));
        qbit = new QbitClient(installation.http);
        assertEquals("Ok.", qbit.login(USER, PASSWORD).body());

        // The counted jobs are German ones, which the fake hosters serve: they complete before the fuzz, so a
        // failed or missing one afterwards is the fuzz's doing. The English ones fail at the hosters by design.
        List<Item> seasonOne = feed("Attack on Titan", 1);
        List<Item> german = seasonOne.stream().filter(i -> !i.title().contains(".EngSub.")).toList();
        assertTrue("German items to add: " + seasonOne, german.size() >= 3);
        counted = new ArrayList<>();
        for (Item item : german.subList(0, 3)) {
            assertEquals("Ok.", qbit.post("torrents/add", Map.of("urls", item.attr("magneturl"),
                    "category", "tv-sonarr")).body());
            counted.add(item.attr("infohash").toLowerCase());
        }
        for (String hash : counted) {
            qbit.awaitTorrent(hash, t -> t.path("progress").asDouble() == 1.0, Duration.ofSeconds(60));
        }
        spare = seasonOne.stream().filter(i -> !counted.contains(i.attr("infohash").toLowerCase())).toList();
        assertTrue("items for the fuzz to add and delete: " + seasonOne, spare.size() >= 2);
        torrentFiles = new ArrayList<>();
        for (Item item : spare) {
            torrentFiles.add(QbitFlowIT.awaitTorrentFile(installation.http, item));
        }
    }

    private static List<Item> feed(String title, int season) throws Exception {
        HttpResponse<String> answer = installation.http.get("/torznab/api?apikey=" + API_KEY + "&t=tvsearch&cat=5070&q="
                + URLEncoder.encode(title, StandardCharsets.UTF_8) + "&season=" + season);
        byte[] caps = installation.http.get("/torznab/api?t=caps&apikey=" + API_KEY).body()
                .getBytes(StandardCharsets.UTF_8);
        return FeedRules.assertValidFeed(answer.body().getBytes(StandardCharsets.UTF_8), caps);
    }

    @AfterClass
    public static void stop() throws InterruptedException {
        if (installation != null) {
            installation.close();
        }
    }

    @Test
    public void mutatedTorznabAndQbittorrentCallsGiveNoServerErrorAndLoseNoJob() throws Exception {
        long seed = Long.getLong("catalogarr.fuzz.seed", System.nanoTime());
        int requests = Integer.getInteger("catalogarr.fuzz.requests", DEFAULT_REQUESTS);
        System.out.println("FuzzIT: seed " + seed + " (replay with -Dcatalogarr.fuzz.seed=" + seed + "), "
                + requests + " requests on " + THREADS + " threads");
        String sid = QbitClient.sid(qbit.login(USER, PASSWORD)).orElseThrow();
        long logLinesBefore = errorLines();

        AtomicInteger sent = new AtomicInteger();
        ConcurrentLinkedQueue<String> serverErrors = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> unanswered = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Slow> slowest = new ConcurrentLinkedQueue<>();
        Map<Integer, AtomicInteger> statuses = new ConcurrentSkipListMap<>();
        long deadline = System.nanoTime() + TIME_CAP.toNanos();
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> clients = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Requests generator = new Requests(new Random(seed + t), sid, counted, spare, torrentFiles);
            clients.add(pool.submit(() -> {
                while (System.nanoTime() < deadline && sent.getAndIncrement() < requests) {
                    Request request = generator.next();
                    long requestStarted = System.nanoTime();
                    try {
                        int status = send(request);
                        long millis = Duration.ofNanos(System.nanoTime() - requestStarted).toMillis();
                        if (millis >= SLOW_MILLIS) {
                            slowest.add(new Slow(millis, status + " for " + request.describe()));
                        }
                        statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                        // 501 is the right answer to a method HTTP does not know, such as FOO.
                        if (status >= 500 && status != 501) {
                            serverErrors.add(status + " for " + request.describe());
                        }
                    } catch (IOException e) {
                        unanswered.add(e + " for " + request.describe());
                    }
                }
                return null;
            }));
        }
        pool.shutdown();
        for (Future<?> client : clients) {
            client.get(TIME_CAP.toSeconds() + ANSWER_TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS);
        }
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        int done = Math.min(sent.get(), requests);
        System.out.println("FuzzIT: " + done + " requests in " + seconds + " s; statuses " + statuses);

        List<String> slowList = new ArrayList<>();
        slowest.stream().sorted(Comparator.comparingLong(Slow::millis).reversed()).limit(30)
                .forEach(x -> slowList.add(x.millis() + " ms: " + x.what()));
        writeReport(seed, done, statuses, serverErrors, unanswered, slowList);
        assertTrue("server errors (seed " + seed + "), " + serverErrors.size() + ":\n" + excerpt(serverErrors),
                serverErrors.isEmpty());
        assertTrue("requests without an answer (seed " + seed + "), " + unanswered.size() + ":\n"
                + excerpt(unanswered), unanswered.isEmpty());
        assertTrue("only " + done + " requests within " + TIME_CAP, done >= requests);
        assertEquals(200, installation.http.get("/health").statusCode());
        assertCountedJobsAreThere();
        long errors = errorLines() - logLinesBefore;
        long allowed = ERROR_LINES_PER_THOUSAND * (done / 1000 + 1);
        assertTrue(errors + " ERROR and stack trace lines in the log for " + done
                + " requests (see fuzz-catalogarr.log)",
                errors <= allowed);
    }

    /** All failures, uncapped, and the service's log, beside the distribution for a look after a failed run. */
    private static void writeReport(long seed, int done, Map<Integer, AtomicInteger> statuses,
            ConcurrentLinkedQueue<String> serverErrors, ConcurrentLinkedQueue<String> unanswered, List<String> slowest)
            throws IOException {
        Path target = Path.of(System.getProperty("catalogarr.dist")).getParent();
        Files.writeString(target.resolve("fuzz-report.txt"), "seed " + seed + ", " + done + " requests, statuses "
                + statuses + "\n\nserver errors:\n" + String.join("\n", serverErrors) + "\n\nunanswered:\n"
                + String.join("\n", unanswered) + "\n\nslowest:\n" + String.join("\n", slowest) + "\n");
        Path log = installation.data.resolve("logs/catalogarr.log");
        if (Files.exists(log)) {
            Files.copy(log, target.resolve("fuzz-catalogarr.log"), StandardCopyOption.REPLACE_EXISTING);
        }
        // What the JVM itself says when it ends (out of memory, a crash) goes to the console, not the log.
        if (Files.exists(installation.output)) {
            Files.copy(installation.output, target.resolve("fuzz-console.out"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String excerpt(ConcurrentLinkedQueue<String> failures) {
        return failures.stream().limit(MAX_REPORTED).collect(Collectors.joining("\n"));
    }

    /** Every counted job is listed, by hash, and in a state that pausing, resuming or reordering can give. */
    private static void assertCountedJobsAreThere() throws Exception {
        QbitClient checker = new QbitClient(installation.http);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        // The fuzz's wrong passwords may have banned 127.0.0.1 for the configured second.
        while (!"Ok.".equals(checker.login(USER, PASSWORD).body()) && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        JsonNode all = JSON.readTree(checker.get("torrents/info").body());
        Map<String, JsonNode> byHash = new HashMap<>();
        all.forEach(t -> byHash.put(t.path("hash").asText(), t));
        for (String hash : counted) {
            JsonNode job = byHash.get(hash);
            if (job == null) {
                fail("job " + hash + " is gone; listed: " + byHash.keySet());
            }
            String state = job.path("state").asText();
            assertTrue("job " + hash + " in state " + state + ": " + job,
                    !Set.of("error", "missingFiles", "unknown").contains(state));
        }
    }

    private static long errorLines() throws IOException {
        Path log = installation.data.resolve("logs/catalogarr.log");
        if (!Files.exists(log)) {
            return 0;
        }
        try (Stream<String> lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
            return lines.filter(l -> ERROR_LINE.matcher(l).find()).count();
        }
    }

    /** Sends one request on its own connection and returns the answer's status. */
    private static int send(Request request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", installation.port), 2_000);
            socket.setSoTimeout((int) ANSWER_TIMEOUT.toMillis());
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.bytes());
                out.flush();
            } catch (IOException refusedEarly) {
                // The server may answer (413, 400) and close before it read the whole body; its answer counts.
            }
            return status(socket.getInputStream(), request);
        } catch (SocketTimeoutException e) {
            throw new IOException("no answer within " + ANSWER_TIMEOUT, e);
        }
    }

    private static int status(InputStream in, Request request) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n' && head.size() < 200) {
            head.write(b);
        }
        String line = head.toString(StandardCharsets.ISO_8859_1);
        String[] parts = line.split(" ");
        if (parts.length < 2 || !parts[0].startsWith("HTTP/") || !parts[1].matches("[0-9]{3}")) {
            throw new IOException("not an HTTP answer: '" + line + "'");
        }
        int status = Integer.parseInt(parts[1]);
        byte[] rest = in.readNBytes(64 * 1024);
        in.skip(Long.MAX_VALUE);
        if (status >= 500 && status != 501) {
            String text = new String(rest, StandardCharsets.UTF_8);
            // Jetty's error page repeats the URI first; its message and cause are what tell the failure apart.
            String body = text.substring(text.indexOf("\r\n\r\n") + 4).replaceAll("<[^>]*>", " ")
                    .replaceAll("\\s+", " ");
            int message = body.indexOf("MESSAGE:");
            body = message < 0 ? body : body.substring(message);
            request.answer = body;
        }
        return status;
    }

    // ------------------------------------------------------------------------------------------ requests

    /** One request as it goes on the wire; the excerpt of a 5xx answer is kept for the report. */
    static final class Request {
        private static final int CHUNK = 1000;
        final String method;
        final String target;
        final List<String> headers;
        final byte[] body;
        /** The text of a 5xx answer, markup removed. */
        String answer = "";
        /** Whether the body goes in chunks rather than with a Content-Length. */
        boolean chunked;
        /** The Host header, where the feed's links lead; null for this service's own address. */
        String host;

        Request(String method, String target, List<String> headers, byte[] body) {
            this.method = method;
            this.target = target;
            this.headers = headers;
            this.body = body;
        }

        String path() {
            int query = target.indexOf('?');
            return query < 0 ? target : target.substring(0, query);
        }

        String query() {
            int query = target.indexOf('?');
            return query < 0 ? "" : target.substring(query + 1);
        }

        byte[] bytes() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
            head.append("Host: ").append(host != null ? host : "127.0.0.1:" + installation.port).append("\r\n");
            head.append("Connection: close\r\n");
            headers.forEach(h -> head.append(h).append("\r\n"));
            if (body != null) {
                head.append(chunked ? "Transfer-Encoding: chunked" : "Content-Length: " + body.length).append("\r\n");
            }
            head.append("\r\n");
            out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
            if (body != null && chunked) {
                for (int at = 0; at < body.length; at += CHUNK) {
                    int length = Math.min(CHUNK, body.length - at);
                    out.writeBytes((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(body, at, length);
                    out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            } else if (body != null) {
                out.writeBytes(body);
            }
            return out.toByteArray();
        }

        String describe() {
            String shownTarget = target.length() > 300 ? target.substring(0, 300) + "…(" + target.length() + ")"
                    : target;
            String shownBody = body == null ? ""
                    : new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8)
                    .replaceAll("[\\p{Cntrl}]", "·") + (body.length > 300 ? "…(" + body.length + ")" : "");
            return method + " " + shownTarget + " " + headers.stream().filter(h -> !h.startsWith("Cookie"))
                    .collect(Collectors.toList()) + " body[" + shownBody + "] → "
                    + answer.substring(0, Math.min(300, answer.length()));
        }
    }

    /** Valid and mutated requests of every kind, from one seeded {@link Random}. */
    static final class Requests {

        private static final List<String> READS = List.of("app/version", "app/webapiVersion", "app/buildInfo",
                "app/preferences", "app/defaultSavePath", "torrents/info", "torrents/properties", "torrents/files",
                "torrents/categories", "sync/maindata", "transfer/info");
        private static final List<String> WRITES = List.of("auth/login", "auth/logout", "torrents/add",
                "torrents/delete", "torrents/pause", "torrents/stop", "torrents/resume", "torrents/start",
                "torrents/setCategory", "torrents/addTags", "torrents/removeTags", "torrents/setShareLimits",
                "torrents/topPrio", "torrents/bottomPrio", "torrents/increasePrio", "torrents/decreasePrio",
                "torrents/setForceStart", "torrents/createCategory", "torrents/editCategory",
                "torrents/removeCategories");
        private static final List<String> METHODS = List.of("PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE",
                "FOO", "get", "CONNECT");
        private static final List<String> TITLES = List.of("Attack on Titan", "attack on titan", "Attack on Titan 05",
                "Shingeki no Kyojin", "One Piece", "Unknown Series", "Attack.on.Titan", "Titan");
        private static final List<String> NUMBERS = List.of("0", "1", "2", "-1", "-0", "00001", "2147483647",
                "2147483648", "-2147483648", "-2147483649", "9223372036854775807", "9223372036854775808",
                "99999999999999999999999999", "1e3", "1.5", "0x10", " 7 ", "NaN", "Infinity", "-Infinity",
                "\u0663", "\uFF15", "", " ", "1,2", "1e400", "4.9e-324");
        /** Text with control characters, unicode, path tricks and markup. */
        private static final List<String> NASTY = List.of("\u0000", "a\u0000b", "\r\nX-Injected: 1", "\n", "\t",
                "\u001b[31m", "\u007f", "\u202e", "\ufeff", "\uffff", "\ud83d\ude00", "日本語", "Ä", "../",
                "../../etc",
                "/etc/passwd", "..", ".", "/", "\\..\\", "C:\\Windows", "a/../../b", "~root", "<script>", "'; DROP",
                "%00", "%", "%%", "${jndi:x}", "a|b", "a,b", ",", "|", "&", "=", "\"", "'", " ");
        /** Broken percent escapes and escapes of bytes that are no UTF-8, put on the wire as they are. */
        private static final List<String> BAD_ESCAPES = List.of("%", "%4", "%zz", "%%41", "%C3%28", "%FF", "%FE%FF",
                "%ED%A0%80", "%C0%AF", "%F4%90%80%80", "%E2%82", "%80", "%00", "%0A", "%0D%0A", "%u0041");
        private static final List<String> SORTS = List.of("name", "hash", "state", "progress", "added_on", "size",
                "priority", "category", "tags", "ratio", "eta", "dlspeed", "nonexistent", "", "\u0000");

        private final Random random;
        private final String sid;
        private final List<String> counted;
        private final List<Item> spare;
        private final List<byte[]> torrentFiles;

        Requests(Random random, String sid, List<String> counted, List<Item> spare, List<byte[]> torrentFiles) {
            this.random = random;
            this.sid = sid;
            this.counted = counted;
            this.spare = spare;
            this.torrentFiles = torrentFiles;
        }

        Request next() {
            int kind = random.nextInt(100);
            if (kind < 30) {
                return torznab();
            }
            if (kind < 36) {
                return download();
            }
            return qbit();
        }

        private <T> T pick(List<T> list) {
            return list.get(random.nextInt(list.size()));
        }

        private boolean chance(int percent) {
            return random.nextInt(100) < percent;
        }

        // -------------------------------------------------------------------------------------- Torznab

        private Request torznab() {
            List<String[]> params = new ArrayList<>();
            params.add(new String[] { "t", pick(List.of("tvsearch", "tvsearch", "search", "caps")) });
            if (chance(85)) {
                params.add(new String[] { "q", pick(TITLES) });
            }
            if (chance(60)) {
                params.add(new String[] { "season", String.valueOf(1 + random.nextInt(3)) });
                if (chance(60)) {
                    params.add(new String[] { "ep", String.valueOf(1 + random.nextInt(12)) });
                }
            }
            if (chance(70)) {
                params.add(new String[] { "cat", pick(List.of("5070", "5030,5040,5070", "2000,5000", "5040")) });
            }
            if (chance(30)) {
                params.add(new String[] { "limit", String.valueOf(random.nextInt(150)) });
            }
            if (chance(30)) {
                params.add(new String[] { "offset", String.valueOf(random.nextInt(20)) });
            }
            if (chance(90)) {
                params.add(new String[] { "apikey", API_KEY });
            }
            if (chance(30)) {
                params.add(new String[] { "extended", "1" });
            }
            List<String> wire = mutateParameters(params, List.of("t", "q", "season", "ep", "cat", "limit", "offset",
                    "apikey", "extended", "tvdbid", "rid", "imdbid"));
            String method = chance(90) ? "GET" : pick(List.of("POST", "HEAD", "PUT", "DELETE", "OPTIONS"));
            String path = chance(95) ? "/torznab/api" : pick(List.of("/torznab/api/", "/torznab//api", "/torznab/API",
                    "/torznab/api/../api", "/torznab/%61pi", "/torznab/api;x=1", "/torznab/api%00"));
            Request request = new Request(method, path + "?" + String.join("&", wire), List.of(),
                    "POST".equals(method) ? String.join("&", wire).getBytes(StandardCharsets.UTF_8) : null);
            if (chance(5)) {
                // The feed's links are made from the Host header.
                request.host = pick(List.of("evil.example", "evil.example:1", "[::1]:" + installation.port, "a_b",
                        "a^b", "a b", "%41", "", "h".repeat(300), "h:99999", "h:-1", "user@host", "host/path",
                        "host?q", "host#f", "[::1", "\u00e9.example"));
            }
            return request;
        }

        private Request download() {
            Item item = pick(spare);
            String link = item.enclosureUrl().replaceFirst("^https?://[^/]+", "");
            String query = link.substring(link.indexOf('?') + 1);
            List<String[]> params = new ArrayList<>();
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                params.add(new String[] { pair.substring(0, eq),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8) });
            }
            List<String> wire = mutateParameters(params, List.of("site", "slug", "season", "episode", "lang", "title"));
            return new Request(chance(90) ? "GET" : pick(METHODS), "/torznab/download?" + String.join("&", wire),
                    List.of(), null);
        }

        /**
         * Zero to three mutations of the parameters, then each is put on the wire; a few get a broken escape
         * there.
         */
        private List<String> mutateParameters(List<String[]> params, List<String> names) {
            int mutations = chance(35) ? 0 : 1 + random.nextInt(3);
            for (int i = 0; i < mutations; i++) {
                int at = params.isEmpty() ? -1 : random.nextInt(params.size());
                switch (random.nextInt(9)) {
                    case 0 -> {
                        if (at >= 0) {
                            params.remove(at);
                        }
                    }
                    case 1 -> {
                        if (at >= 0) {
                            params.add(new String[] { params.get(at)[0], value(params.get(at)[1]) });
                        }
                    }
                    case 2 -> {
                        if (at >= 0) {
                            params.get(at)[1] = "";
                        }
                    }
                    case 3, 4 -> {
                        if (at >= 0) {
                            params.get(at)[1] = value(params.get(at)[1]);
                        }
                    }
                    case 5 -> params.add(new String[] { pick(names), value("") });
                    case 6 -> {
                        if (at >= 0) {
                            params.get(at)[0] = chance(50) ? params.get(at)[0].toUpperCase() : value(params.get(at)[0]);
                        }
                    }
                    case 7 -> Collections.shuffle(params, random);
                    default -> params.add(new String[] { pick(NASTY), pick(NASTY) });
                }
            }
            List<String> wire = new ArrayList<>();
            for (String[] p : params) {
                String name = encode(p[0]);
                String value = encode(p[1]);
                if (chance(6)) {
                    value = breakEscape(value);
                }
                if (chance(2)) {
                    name = breakEscape(name);
                }
                wire.add(chance(3) ? name : name + "=" + value);
            }
            if (chance(3)) {
                wire.add(pick(List.of("", "=", "&", "==", "a==b")));
            }
            return wire;
        }

        private String breakEscape(String encoded) {
            int at = random.nextInt(encoded.length() + 1);
            return encoded.substring(0, at) + pick(BAD_ESCAPES) + encoded.substring(at);
        }

        private static String encode(String value) {
            return URLEncoder.encode(value, StandardCharsets.UTF_8);
        }

        /** A mutated value: a nasty number, nasty text, a huge value or a variant of the valid one. */
        private String value(String valid) {
            return switch (random.nextInt(7)) {
                case 0 -> pick(NUMBERS);
                case 1 -> pick(NASTY);
                case 2 -> valid + pick(NASTY);
                case 3 -> huge();
                case 4 -> "-" + valid;
                case 5 -> valid.toUpperCase() + valid;
                default -> randomText(1 + random.nextInt(40));
            };
        }

        /** Long enough to hurt, short enough for the request line or body limits the server has. */
        private String huge() {
            String unit = pick(List.of("a", "9", "é", "日", "../", "\u0000", "%"));
            return unit.repeat(200 + random.nextInt(1500));
        }

        private String randomText(int length) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < length; i++) {
                int kind = random.nextInt(10);
                if (kind < 6) {
                    text.append((char) (0x20 + random.nextInt(0x5f)));
                } else if (kind < 7) {
                    text.append((char) random.nextInt(0x20));
                } else if (kind < 9) {
                    text.appendCodePoint(0xa0 + random.nextInt(0x2000));
                } else {
                    text.appendCodePoint(0x1f600 + random.nextInt(0x40));
                }
            }
            return text.toString();
        }

        // ------------------------------------------------------------------------------ qBittorrent API

        private Request qbit() {
            // Rare: a few dozen of these a run cost as much as thousands of small requests.
            Request request = random.nextInt(1000) < 3 ? large() : qbitCall();
            request.chunked = request.body != null && chance(5);
            return request;
        }

        /**
         * A body of megabytes, near and over the limits: magnets by the thousand, one magnet with megabytes of
         * tags or category, or a torrent file part of 512 KiB to 2 MiB (1 MiB is the most a file part may have, 2 MiB a body).
         */
        private Request large() {
            List<String> headers = new ArrayList<>(List.of("Cookie: SID=" + sid));
            int megabytes = 1 + random.nextInt(4);
            String magnet = encode(pick(spare).attr("magneturl") + "\n");
            String form = switch (random.nextInt(4)) {
                case 0 -> "urls=" + magnet.repeat(megabytes * 1024 * 1024 / magnet.length());
                case 1 -> "urls=" + magnet + "&tags=" + "t,".repeat(megabytes * 512 * 1024);
                case 2 -> "urls=" + magnet + "&category=" + "c".repeat(megabytes * 1024 * 1024);
                default -> null;
            };
            if (form != null) {
                headers.add("Content-Type: application/x-www-form-urlencoded");
                return new Request("POST", "/api/v2/torrents/add", headers, form.getBytes(StandardCharsets.UTF_8));
            }
            byte[] file = new byte[(1 + random.nextInt(4)) * 512 * 1024];
            random.nextBytes(file);
            String boundary = "----fuzz-large";
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"torrents\";"
                    + " filename=\"big.torrent\"\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(file);
            body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            headers.add("Content-Type: multipart/form-data; boundary=" + boundary);
            return new Request("POST", "/api/v2/torrents/add", headers, body.toByteArray());
        }

        private Request qbitCall() {
            boolean read = chance(40);
            String endpoint = read ? pick(READS) : pick(WRITES);
            if (chance(3)) {
                endpoint = pick(List.of("torrents/../app/version", "/torrents/info", "torrents/info/", "TORRENTS/INFO",
                        "torrents/info%00", "%2e%2e/%2e%2e/etc/passwd", "torrents%2Finfo", "torrents/reannounce",
                        "app/shutdown", "", "torrents/", "日本", "torrents/info;jsessionid=1"));
            }
            List<String[]> params = parameters(endpoint);
            String method = read ? (chance(50) ? "GET" : "POST") : "POST";
            if (chance(5)) {
                method = pick(METHODS);
            }
            List<String> headers = new ArrayList<>();
            cookie(endpoint).ifPresent(headers::add);
            if (chance(5)) {
                headers.add(pick(List.of("Authorization: Basic " + Base64.getEncoder()
                        .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)),
                        "Origin: http://evil.example", "Referer: http://127.0.0.1/", "Accept: */*",
                        "Accept-Charset: latin1", "X-Forwarded-For: 10.0.0.1")));
            }
            List<String> wire = mutateParameters(params, List.of("hashes", "hash", "category", "savepath", "savePath",
                    "tags", "urls", "rid", "filter", "sort", "limit", "offset", "value", "deleteFiles",
                    "ratioLimit", "seedingTimeLimit", "username", "password", "categories"));
            // The fuzz must not delete the jobs it counts: a mutation could have put their hashes back in.
            if (endpoint.contains("delete") && wire.stream().anyMatch(this::namesCountedJobs)) {
                wire = List.of("hashes=" + randomHash(40));
            }
            String target = "/api/v2/" + endpoint;
            if ("GET".equals(method) || chance(10)) {
                return new Request(method, target + (wire.isEmpty() ? "" : "?" + String.join("&", wire)), headers,
                        "GET".equals(method) ? null : new byte[0]);
            }
            int form = random.nextInt(100);
            if (form < 55) {
                headers.add("Content-Type: application/x-www-form-urlencoded"
                        + (chance(10) ? "; charset=ISO-8859-1" : ""));
                return new Request(method, target, headers, String.join("&", wire).getBytes(StandardCharsets.UTF_8));
            }
            if (form < 85) {
                return multipart(method, target, headers, params, endpoint);
            }
            headers.add("Content-Type: " + pick(List.of("text/plain", "application/json", "application/octet-stream",
                    "multipart/mixed; boundary=x", "multipart/form-data", "multipart/form-data; boundary=",
                    "multipart/form-data; boundary=\"\"", "???", "application/x-www-form-urlencoded; charset=bogus")));
            byte[] body = chance(50) ? String.join("&", wire).getBytes(StandardCharsets.UTF_8)
                    : ("{\"hashes\":\"" + pick(counted) + "\"}").getBytes(StandardCharsets.UTF_8);
            return new Request(method, target, headers, body);
        }

        private boolean namesCountedJobs(String wireParameter) {
            String lower = URLDecoder.decode(wireParameter.replace("%", "%25").replace("+", " "),
                    StandardCharsets.UTF_8).toLowerCase();
            return lower.contains("all") || counted.stream().anyMatch(lower::contains)
                    || counted.stream().anyMatch(h -> lower.contains(h.substring(0, 8)));
        }

        /** The SID of the fuzz's session mostly; sometimes none, a foreign one or a malformed header. */
        private Optional<String> cookie(String endpoint) {
            if (endpoint.equals("auth/logout")) {
                // Logging out the shared session would only make the rest of the run a test of 403.
                return Optional.of("Cookie: SID=" + randomHash(32));
            }
            int kind = random.nextInt(100);
            if (kind < 85) {
                return Optional.of("Cookie: SID=" + sid);
            }
            return switch (kind % 6) {
                case 0 -> Optional.empty();
                case 1 -> Optional.of("Cookie: SID=" + randomHash(random.nextInt(64)));
                case 2 -> Optional.of("Cookie: SID=; SID=" + sid);
                case 3 -> Optional.of("Cookie: SID=\"" + sid + "\"; other=\u00ff\u0001");
                case 4 -> Optional.of("Cookie: " + "x=y; ".repeat(200) + "SID=" + sid);
                default -> Optional.of("Cookie: SID");
            };
        }

        private String randomHash(int length) {
            StringBuilder hash = new StringBuilder();
            for (int i = 0; i < length; i++) {
                hash.append(HexFormat.of().toHexDigits((byte) random.nextInt(16)).charAt(1));
            }
            return hash.toString();
        }

        private String spareHash() {
            return pick(spare).attr("infohash").toLowerCase();
        }

        /** Hashes for a method that cannot lose a job: the counted ones too, and {@code all}. */
        private String anyHashes() {
            int kind = random.nextInt(10);
            if (kind == 0) {
                return pick(List.of("all", "ALL", "All"));
            }
            List<String> hashes = new ArrayList<>();
            int count = 1 + random.nextInt(3);
            for (int i = 0; i < count; i++) {
                hashes.add(switch (random.nextInt(6)) {
                    case 0, 1 -> pick(counted);
                    case 2 -> pick(counted).toUpperCase();
                    case 3 -> spareHash();
                    case 4 -> randomHash(random.nextInt(80));
                    default -> randomText(1 + random.nextInt(10));
                });
            }
            return String.join(pick(List.of("|", "|", " | ", ",", "||")), hashes);
        }

        /** Hashes for {@code torrents/delete}: only jobs the fuzz added itself, or no job at all. */
        private String deletableHashes() {
            return switch (random.nextInt(4)) {
                case 0 -> spareHash();
                case 1 -> spareHash() + "|" + randomHash(40);
                case 2 -> randomHash(random.nextInt(80));
                default -> "";
            };
        }

        private List<String[]> parameters(String endpoint) {
            List<String[]> p = new ArrayList<>();
            switch (endpoint) {
                case "auth/login" -> {
                    p.add(new String[] { "username", chance(60) ? USER : randomText(5) });
                    p.add(new String[] { "password", chance(50) ? PASSWORD : randomText(8) });
                }
                case "torrents/add" -> {
                    if (chance(70)) {
                        p.add(new String[] { "urls", urls() });
                    }
                    if (chance(40)) {
                        p.add(new String[] { "category", category() });
                    }
                    if (chance(30)) {
                        p.add(new String[] { "savepath", savePath() });
                    }
                    if (chance(20)) {
                        p.add(new String[] { pick(List.of("paused", "stopped")), pick(List.of("true", "false", "x")) });
                    }
                    if (chance(20)) {
                        p.add(new String[] { "tags", pick(List.of("a,b", "", ",,,", "日本", "x".repeat(500))) });
                    }
                    if (chance(20)) {
                        p.add(new String[] {
                                pick(List.of("ratioLimit", "seedingTimeLimit", "inactiveSeedingTimeLimit")),
                                pick(NUMBERS) });
                    }
                }
                case "torrents/info" -> {
                    if (chance(40)) {
                        p.add(new String[] { "filter", pick(List.of("all", "downloading", "completed", "paused",
                                "active", "errored", "stalled", "bogus", "")) });
                    }
                    if (chance(20)) {
                        p.add(new String[] { "category", category() });
                    }
                    if (chance(20)) {
                        p.add(new String[] { "tag", pick(List.of("a", "", "日本")) });
                    }
                    if (chance(40)) {
                        p.add(new String[] { "hashes", anyHashes() });
                    }
                    if (chance(30)) {
                        p.add(new String[] { "sort", pick(SORTS) });
                    }
                    if (chance(20)) {
                        p.add(new String[] { "reverse", pick(List.of("true", "false", "1")) });
                    }
                    if (chance(30)) {
                        p.add(new String[] { "limit", pick(NUMBERS) });
                    }
                    if (chance(30)) {
                        p.add(new String[] { "offset", pick(NUMBERS) });
                    }
                }
                case "torrents/properties", "torrents/files" -> p.add(new String[] { "hash", chance(70) ? pick(counted)
                        : randomHash(random.nextInt(80)) });
                case "torrents/delete" -> {
                    p.add(new String[] { "hashes", deletableHashes() });
                    p.add(new String[] { "deleteFiles", pick(List.of("true", "false", "TRUE", "")) });
                }
                case "torrents/pause", "torrents/stop", "torrents/resume", "torrents/start", "torrents/topPrio",
                        "torrents/bottomPrio", "torrents/increasePrio", "torrents/decreasePrio" ->
                    p.add(new String[] { "hashes", anyHashes() });
                case "torrents/setCategory" -> {
                    p.add(new String[] { "hashes", anyHashes() });
                    p.add(new String[] { "category", category() });
                }
                case "torrents/addTags", "torrents/removeTags" -> {
                    p.add(new String[] { "hashes", anyHashes() });
                    p.add(new String[] { "tags", pick(List.of("a", "a,b", "日本", " , ", "t".repeat(300))) });
                }
                case "torrents/setShareLimits" -> {
                    p.add(new String[] { "hashes", anyHashes() });
                    p.add(new String[] { "ratioLimit", pick(NUMBERS) });
                    p.add(new String[] { "seedingTimeLimit", pick(NUMBERS) });
                    if (chance(50)) {
                        p.add(new String[] { "inactiveSeedingTimeLimit", pick(NUMBERS) });
                    }
                }
                case "torrents/setForceStart" -> {
                    p.add(new String[] { "hashes", anyHashes() });
                    p.add(new String[] { "value", pick(List.of("true", "false", "True", "")) });
                }
                case "torrents/createCategory", "torrents/editCategory" -> {
                    p.add(new String[] { "category", category() });
                    if (chance(60)) {
                        p.add(new String[] { "savePath", savePath() });
                    }
                }
                case "torrents/removeCategories" -> p.add(new String[] { "categories",
                        pick(List.of("fuzz", "fuzz\nother", "", "\n\n", "tv-sonarr-not", category())) });
                case "sync/maindata" -> p.add(new String[] { "rid", pick(NUMBERS) });
                default -> {
                    // no parameters
                }
            }
            return p;
        }

        private String category() {
            return pick(List.of("tv-sonarr", "fuzz", "anime", "", " ", "../x", "../../etc", "/etc", "/tmp/abs", "a/b",
                    "a\\b", "..", ".", "x\u0000y", "日本", "c".repeat(300), "c".repeat(5000), "\u001b", "a\nb"));
        }

        private String savePath() {
            return pick(List.of("", "sub", "../escape", "/", "/tmp", "/etc/passwd", "..", "a/../../b", "x\u0000",
                    "p".repeat(2000), "sub/../sub2", installation.data.resolve("downloads/fuzz").toString(),
                    "~/x", "C:\\x", "\\\\server\\share"));
        }

        /** Magnets of spare items, valid or mutated, and things that are no magnet of ours. */
        private String urls() {
            String magnet = pick(spare).attr("magneturl");
            String url = switch (random.nextInt(8)) {
                case 0, 1 -> magnet;
                case 2 -> magnet.replaceFirst("btih:[0-9a-fA-F]{40}", "btih:" + randomHash(random.nextInt(60)));
                case 3 -> magnet.replaceAll("x\\.catalogarr\\.(season|episode)=[0-9]+",
                        "x.catalogarr.$1=" + encode(pick(NUMBERS)));
                case 4 -> magnet.substring(0, random.nextInt(magnet.length()));
                case 5 -> magnet + "&x.catalogarr.lang=" + encode(pick(NASTY)) + "&dn=" + encode(huge());
                case 6 -> pick(List.of("http://127.0.0.1:9/x.torrent", "file:///etc/passwd", "magnet:?", "magnet:",
                        "not a url", "bc://bt/abc", "magnet:?xt=urn:btih:%zz"));
                default -> magnet.replace("%", pick(List.of("%", "%2", "%FF")));
            };
            return chance(20) ? url + "\n" + pick(spare).attr("magneturl") : url;
        }

        /** A multipart form, well made or broken in one of the ways a hostile client can. */
        private Request multipart(String method, String target, List<String> headers, List<String[]> params,
                String endpoint) {
            String boundary = pick(List.of("----fuzz" + random.nextInt(1_000_000), "x", "b".repeat(70),
                    "b".repeat(71 + random.nextInt(400)), "with space", "\"quoted\""));
            String delimiter = boundary.startsWith("\"") ? boundary.substring(1, boundary.length() - 1) : boundary;
            String newline = chance(90) ? "\r\n" : "\n";
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            if (chance(10)) {
                body.writeBytes("preamble".getBytes(StandardCharsets.UTF_8));
                body.writeBytes(newline.getBytes(StandardCharsets.UTF_8));
            }
            for (String[] p : params) {
                String disposition = chance(5) ? "" : "Content-Disposition: form-data; name=\"" + p[0] + "\"";
                body.writeBytes(("--" + delimiter + newline + disposition + newline + newline + p[1] + newline)
                        .getBytes(StandardCharsets.UTF_8));
            }
            if (endpoint.equals("torrents/add") && chance(70)) {
                byte[] file = torrentFile();
                String fileName = pick(List.of("a.torrent", "", "../../etc/passwd", "日本.torrent", "x\u0000.torrent",
                        "n".repeat(500)));
                String name = chance(80) ? "filename=\"" + fileName + "\""
                        : "filename*=" + pick(List.of("UTF-8''%E2%80%93.torrent", "UTF-8''%", "UTF-8''%FF%FE",
                                "latin1''x", "''"));
                body.writeBytes(("--" + delimiter + newline + "Content-Disposition: form-data; name=\""
                        + pick(List.of("torrents", "file", "")) + "\"; " + name + newline
                        + "Content-Type: application/x-bittorrent" + newline + newline)
                        .getBytes(StandardCharsets.UTF_8));
                body.writeBytes(file);
                body.writeBytes(newline.getBytes(StandardCharsets.UTF_8));
            }
            if (chance(90)) {
                body.writeBytes(("--" + delimiter + "--" + newline).getBytes(StandardCharsets.UTF_8));
            }
            byte[] bytes = body.toByteArray();
            if (chance(8)) {
                bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length + 1));
            }
            headers.add("Content-Type: multipart/form-data; boundary=" + boundary);
            return new Request(method, target, headers, bytes);
        }

        /** A torrent file of a spare item, or one mutated: cut, flipped, nested deep, or no bencoding at all. */
        private byte[] torrentFile() {
            byte[] file = pick(torrentFiles).clone();
            switch (random.nextInt(7)) {
                case 0, 1 -> {
                    return file;
                }
                case 2 -> {
                    return Arrays.copyOf(file, random.nextInt(file.length));
                }
                case 3 -> {
                    for (int i = 0; i < 1 + random.nextInt(5); i++) {
                        file[random.nextInt(file.length)] ^= (byte) (1 << random.nextInt(8));
                    }
                    return file;
                }
                case 4 -> {
                    int depth = 10 + random.nextInt(200_000);
                    return ("l".repeat(depth) + "e".repeat(depth)).getBytes(StandardCharsets.US_ASCII);
                }
                case 5 -> {
                    return pick(List.of("d4:infod4:name1:x12:piece lengthi-1eee", "i99999999999999999999999e",
                            "d999999999:xe", "d4:infoi1ee", "", "<html/>", "d4:infod4:name1:x12:piece lengthi1e"
                            + "6:pieces20:01234567890123456789" + "6:lengthi-5eee")).getBytes(StandardCharsets.UTF_8);
                }
                default -> {
                    byte[] noise = new byte[random.nextInt(4096)];
                    random.nextBytes(noise);
                    return noise;
                }
            }
        }
    }
}
