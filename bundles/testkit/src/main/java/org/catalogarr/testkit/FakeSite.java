package org.catalogarr.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An HTTP server on 127.0.0.1 (ephemeral port) that plays one site. Subclasses declare routes; pages
 * come from {@code fixtures/<site>/...} resources, where {@code {{BASE}}} and other placeholders are
 * replaced by the real loopback URLs. A scenario switches failure behaviours for the whole site, so
 * that a test (or a separate process pointed at this server) meets the failure through plain HTTP.
 */
public abstract class FakeSite implements AutoCloseable {

    /** What the site does to every request, before the routes are asked. */
    public enum Scenario {
        /** Normal answers. */
        NORMAL,
        /** 403 with a DDoS-Guard page and cookie. */
        DDOS_GUARD,
        /** 503 twice, then the normal answer. */
        ERROR_THEN_OK,
        /** 429 with {@code Retry-After: 1} once, then the normal answer. */
        RATE_LIMITED_ONCE,
        /** Every answer comes later than {@link #slowDelayMillis}. */
        SLOW,
        /** Pages in renamed markup: parsers must report a layout change. */
        LAYOUT_CHANGED
    }

    /** One request as the route sees it. */
    public record Request(String method, String path, Map<String, String> query, Map<String, String> form,
            Map<String, List<String>> headers) {

        public String param(String name) {
            return query.containsKey(name) ? query.get(name) : form.get(name);
        }
    }

    /**
     * An answer.
     *
     * @param body the text body, sent as UTF-8 unless {@code binary} is given
     * @param binary a byte body instead of the text, or null
     * @param dropAfter how many body bytes to send before breaking the connection, or -1 to send them all
     * @param stall whether to fall silent after {@code dropAfter} bytes (until the fake closes) instead of
     *     breaking the connection at once
     */
    public record Response(int status, Map<String, String> headers, String body, byte[] binary, int dropAfter,
            boolean stall, Stream stream) {

        public Response(int status, Map<String, String> headers, String body, byte[] binary, int dropAfter,
                boolean stall) {
            this(status, headers, body, binary, dropAfter, stall, null);
        }

        public Response(int status, Map<String, String> headers, String body) {
            this(status, headers, body, null, -1, false);
        }

        public static Response binary(int status, Map<String, String> headers, byte[] bytes) {
            return new Response(status, headers, "", bytes.clone(), -1, false);
        }

        /** This answer cut off after {@code bytes} bytes of its body, the way a flaky CDN connection breaks. */
        public Response droppedAfter(int bytes) {
            return new Response(status, headers, body, binary, bytes, false);
        }

        /** This answer falling silent after {@code bytes} bytes of its body, connection open, as a hung CDN does. */
        public Response stalledAfter(int bytes) {
            return new Response(status, headers, body, binary, bytes, true);
        }

        /**
         * An answer whose body is written as it goes (chunked, no length), as a hostile server sends a page
         * that never ends or drips its bytes.
         */
        public static Response streamed(int status, Map<String, String> headers, Stream stream) {
            return new Response(status, headers, "", null, -1, false, stream);
        }

        byte[] content() {
            return binary != null ? binary : body.getBytes(StandardCharsets.UTF_8);
        }

        public static Response html(String body) {
            return new Response(200, Map.of("Content-Type", "text/html; charset=UTF-8"), body);
        }

        public static Response json(String body) {
            return new Response(200, Map.of("Content-Type", "application/json; charset=UTF-8"), body);
        }

        public static Response redirect(int status, String location) {
            return new Response(status, Map.of("Location", location), "");
        }

        public static Response status(int status, String body) {
            return new Response(status, Map.of("Content-Type", "text/html; charset=UTF-8"), body);
        }
    }

    /** Writes a streamed body; {@code pause} sleeps until the fake closes, but no longer than asked. */
    @FunctionalInterface
    public interface Stream {
        void write(OutputStream body, Pause pause) throws IOException;
    }

    /** Waits between the pieces of a streamed body; returns false once the fake is closing. */
    @FunctionalInterface
    public interface Pause {
        boolean sleep(long millis);
    }

    /** A route: answers a request whose path matched, given the match's groups. */
    @FunctionalInterface
    public interface Route {
        Response answer(Request request, Matcher match) throws IOException;
    }

    private record Entry(String method, Pattern path, Route route) {
    }

    private final String name;
    private final String fixtures;
    private final HttpServer server;
    private final List<Entry> routes = new ArrayList<>();
    private final Map<String, String> placeholders = new ConcurrentHashMap<>();
    private final Map<String, String> redirects = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<Served> served = new CopyOnWriteArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile Scenario scenario = Scenario.NORMAL;
    private volatile int scenarioHits;
    private volatile long slowDelayMillis = 3_000;
    /** The JDK server's switch for TCP_NODELAY on the connections it accepts. */
    private static final String NO_DELAY = "sun.net.httpserver.nodelay";

    static {
        // Real sites' servers (nginx, Cloudflare) send small answers without waiting for the client's ACK of the
        // headers; the JDK server waits (Nagle) unless told, and with Linux's delayed ACKs an answer then arrives
        // up to 40 ms after the fake sent it: a delay the real sites do not have, which the benchmark measured as
        // Catalogarr's own. Read once, when the first server is made, so it is set before any.
        if (System.getProperty(NO_DELAY) == null) {
            System.setProperty(NO_DELAY, "true");
        }
    }

    protected FakeSite(String name) {
        this(name, name);
    }

    /** A site whose pages are in {@code fixtures/<fixtures>/}, for several hosts that serve one site's pages. */
    protected FakeSite(String name, String fixtures) {
        this.name = Objects.requireNonNull(name);
        this.fixtures = Objects.requireNonNull(fixtures);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a loopback port for the fake " + name, e);
        }
        server.setExecutor(Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "fake-" + name);
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/", this::serve);
        placeholders.put("BASE", baseUrl().toString());
    }

    /** Starts answering; returns this for chaining. */
    public FakeSite start() {
        server.start();
        return this;
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
    }

    /** Holds a stalled answer until the fake closes, but not past a minute, so no thread is kept for good. */
    private void awaitClose() {
        try {
            closed.await(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits before an answer, as a slow server does; returns false when the fake closed meanwhile. */
    protected boolean pause(long millis) {
        try {
            return !closed.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public String name() {
        return name;
    }

    /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public void scenario(Scenario newScenario) {
        scenarioHits = 0;
        scenario = newScenario;
    }

    public Scenario scenario() {
        return scenario;
    }

    /** How late {@link Scenario#SLOW} answers. */
    public void slowDelayMillis(long millis) {
        slowDelayMillis = millis;
    }

    /** A value for a {@code {{NAME}}} placeholder in fixture pages, e.g. the URL of a fake hoster. */
    public void placeholder(String key, String value) {
        placeholders.put(key, value);
    }

    /**
     * Answers every request for exactly this path with a 302 to {@code location} (any URL, also one the
     * service must not follow), before scenario and routes; a null location ends it.
     */
    public void redirect(String path, String location) {
        if (location == null) {
            redirects.remove(path);
        } else {
            redirects.put(path, location);
        }
    }

    /**
     * When one request arrived and when its answer was written ({@link System#nanoTime()}), for benchmarks that
     * tell the time the site took from the time the service spent around it.
     */
    public record Served(String request, long arrivedNanos, long answeredNanos) {
    }

    /** Every request answered so far with its times, in the order the answers were written. */
    public List<Served> served() {
        return Collections.unmodifiableList(served);
    }

    /** "METHOD path?query" of every request so far, oldest first. */
    public List<String> requests() {
        return Collections.unmodifiableList(requests);
    }

    public void clearRequests() {
        requests.clear();
        served.clear();
    }

    /**
     * An answer to every request before scenario and routes, for a site that behaves the same on all paths
     * (a moved domain); null lets the request through. Nothing by default.
     */
    protected Response before(Request request, String rawQuery) throws IOException {
        return null;
    }

    protected void route(String method, String pathRegex, Route route) {
        routes.add(new Entry(method, Pattern.compile(pathRegex), route));
    }

    /** A fixture page of this site with its placeholders filled in. */
    protected String fixture(String resource) throws IOException {
        String path = "fixtures/" + fixtures + "/" + resource;
        try (InputStream in = FakeSite.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IOException("no fixture " + path);
            }
            return fill(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** A text with this site's placeholders filled in, for answers that are built rather than read from a file. */
    protected String fill(String text) {
        for (Map.Entry<String, String> placeholder : placeholders.entrySet()) {
            text = text.replace("{{" + placeholder.getKey() + "}}", placeholder.getValue());
        }
        return text;
    }

    /** Whether a fixture page exists, for routes that map paths to files. */
    protected boolean hasFixture(String resource) {
        return FakeSite.class.getClassLoader().getResource("fixtures/" + fixtures + "/" + resource) != null;
    }

    private void serve(HttpExchange exchange) throws IOException {
        long arrived = System.nanoTime();
        String line = exchange.getRequestMethod() + " " + exchange.getRequestURI();
        try (exchange) {
            answer(exchange);
        } finally {
            served.add(new Served(line, arrived, System.nanoTime()));
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        try {
            Request request = request(exchange);
            String raw = exchange.getRequestURI().getRawQuery();
            requests.add(request.method() + " " + request.path() + (raw == null ? "" : "?" + raw));
            String redirect = redirects.get(request.path());
            Response response = redirect == null ? before(request, raw) : Response.redirect(302, redirect);
            if (response == null) {
                response = scenarioAnswer(request);
            }
            if (response == null) {
                response = routeAnswer(request);
            }
            response.headers().forEach((key, value) -> exchange.getResponseHeaders().add(key, value));
            if (response.stream() != null) {
                exchange.sendResponseHeaders(response.status(), 0);
                response.stream().write(exchange.getResponseBody(), this::pause);
                return;
            }
            byte[] body = response.content();
            exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
            if (response.dropAfter() >= 0 && response.dropAfter() < body.length) {
                exchange.getResponseBody().write(body, 0, response.dropAfter());
                exchange.getResponseBody().flush();
                if (response.stall()) {
                    awaitClose();
                }
                // Closing a fixed-length body early makes the server drop the connection mid-body.
                throw new IOException("fake " + name + " dropped the connection after " + response.dropAfter()
                        + " of " + body.length + " bytes of " + exchange.getRequestURI());
            }
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
        } catch (RuntimeException e) {
            throw new IOException("fake " + name + " failed on " + exchange.getRequestURI(), e);
        }
    }

    private Response scenarioAnswer(Request request) {
        int hit = scenarioHits++;
        switch (scenario) {
            case DDOS_GUARD:
                return new Response(403, Map.of("Content-Type", "text/html; charset=UTF-8",
                        "Set-Cookie", "__ddg1_=fake; Path=/; HttpOnly"),
                        "<!DOCTYPE html><html><head><title>DDoS-Guard</title></head><body>"
                                + "<h1>Checking your browser before accessing</h1><p>DDoS-Guard</p></body></html>");
            case ERROR_THEN_OK:
                return hit < 2 ? Response.status(503, "<html><body>Service Unavailable</body></html>") : null;
            case RATE_LIMITED_ONCE:
                return hit < 1 ? new Response(429, Map.of("Retry-After", "1"), "Too Many Requests") : null;
            case SLOW:
                try {
                    Thread.sleep(slowDelayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            default:
                return null;
        }
    }

    private Response routeAnswer(Request request) throws IOException {
        for (Entry entry : routes) {
            Matcher match = entry.path().matcher(request.path());
            if (entry.method().equals(request.method()) && match.matches()) {
                return entry.route().answer(request, match);
            }
        }
        return Response.status(404, "<html><body><h1>404</h1></body></html>");
    }

    private static Request request(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        Map<String, String> form = Map.of();
        if ("POST".equals(exchange.getRequestMethod())) {
            form = decode(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        }
        return new Request(exchange.getRequestMethod(), uri.getPath(), decode(uri.getRawQuery()), form,
                exchange.getRequestHeaders());
    }

    private static Map<String, String> decode(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return values;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            values.put(key, value);
        }
        return values;
    }
}
