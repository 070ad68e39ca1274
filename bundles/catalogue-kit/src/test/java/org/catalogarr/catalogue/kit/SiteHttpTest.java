package org.catalogarr.catalogue.kit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.catalogarr.catalogue.api.CatalogueException;
import org.catalogarr.catalogue.api.CatalogueException.Reason;
import org.catalogarr.catalogue.api.CatalogueSite;
import org.catalogarr.catalogue.api.Language;
import org.junit.After;
import org.junit.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A site that answers with endless or dripping pages: each request fails within its budget, memory untouched.
 * And one that redirects: within the site it is followed, to the machine's or a private address it is refused.
 */
public class SiteHttpTest {

    private final HttpServer server;
    private final URI base;
    private volatile boolean closing;
    /** Requests that reached the second server, which plays the service's own API on another loopback port. */
    private final AtomicInteger apiRequests = new AtomicInteger();
    private final HttpServer api;
    private final AtomicInteger postsSeen = new AtomicInteger();

    public SiteHttpTest() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/ok", exchange -> {
            byte[] page = "<html><body>fine</body></html>".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        server.createContext("/huge", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            byte[] block = "<div>filler</div>\n".repeat(4096).getBytes(StandardCharsets.UTF_8);
            try (OutputStream body = exchange.getResponseBody()) {
                for (long sent = 0; sent < 1024L * 1024 * 1024 && !closing; sent += block.length) {
                    body.write(block);
                }
            }
        });
        server.createContext("/drip", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream body = exchange.getResponseBody()) {
                for (int i = 0; i < 120 && !closing; i++) {
                    body.write('<');
                    body.flush();
                    Thread.sleep(500);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.createContext("/moved", exchange -> redirect(exchange, 302, "/ok"));
        server.createContext("/to/", exchange -> redirect(exchange, 302,
                exchange.getRequestURI().getPath().substring("/to/".length()).replaceFirst("/", "://")));
        server.createContext("/loop", exchange -> redirect(exchange, 302, "/loop"));
        server.createContext("/hops/", exchange -> {
            int left = Integer.parseInt(exchange.getRequestURI().getPath().substring("/hops/".length()));
            redirect(exchange, 302, left == 0 ? "/ok" : "/hops/" + (left - 1));
        });
        server.createContext("/slow-hops/", exchange -> {
            int left = Integer.parseInt(exchange.getRequestURI().getPath().substring("/slow-hops/".length()));
            try {
                Thread.sleep(800);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            redirect(exchange, 302, left == 0 ? "/ok" : "/slow-hops/" + (left - 1));
        });
        server.createContext("/form", exchange -> {
            if (exchange.getRequestMethod().equals("POST")) {
                postsSeen.incrementAndGet();
                exchange.getRequestBody().readAllBytes();
                redirect(exchange, 303, "/form");
            } else {
                byte[] page = "sent".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, page.length);
                exchange.getResponseBody().write(page);
                exchange.close();
            }
        });
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        api.createContext("/", exchange -> {
            apiRequests.incrementAndGet();
            byte[] page = "{\"secret\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        api.start();
    }

    private static void redirect(HttpExchange exchange, int status, String location) throws IOException {
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    @After
    public void stop() {
        closing = true;
        server.stop(0);
        api.stop(0);
    }

    private CatalogueSite site(int timeoutSeconds) {
        return new CatalogueSite("test", "Test", base, 1, List.of(Language.GERMAN_DUB), true, timeoutSeconds,
                Set.of("127.0.0.1"), 24, 6, false);
    }

    private static SiteAccess access() {
        return new SiteAccess(URI.create("http://127.0.0.1/index"), "TestBrowser/1.0", Duration.ofSeconds(60));
    }

    @Test
    public void readsAnOrdinaryPage() throws Exception {
        assertEquals("<html><body>fine</body></html>", new SiteHttp("test").get(site(5), access(), base.resolve("/ok")).body());
    }

    @Test
    public void aPageBeyondTheLimitIsASiteErrorAndIsNotRetried() {
        CatalogueException failure = assertThrows(CatalogueException.class,
                () -> new SiteHttp("test").get(site(30), access(), base.resolve("/huge")));

        assertEquals(Reason.SITE_ERROR, failure.reason());
        assertTrue(failure.getMessage(), failure.getMessage().contains("larger than " + SiteHttp.MAX_PAGE_BYTES + " bytes"));
    }

    @Test
    public void aDrippingPageRunsOutOfItsBudget() {
        long start = System.nanoTime();

        CatalogueException failure = assertThrows(CatalogueException.class,
                () -> new SiteHttp("test").get(site(2), access(), base.resolve("/drip")));

        long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
        assertEquals(Reason.TIMEOUT, failure.reason());
        assertTrue("gave up after " + seconds + " s", seconds < 10);
    }

    @Test
    public void aRedirectWithinTheSiteIsFollowed() throws Exception {
        Page page = new SiteHttp("test").get(site(5), access(), base.resolve("/moved"));

        assertEquals(200, page.status());
        assertEquals("<html><body>fine</body></html>", page.body());
        assertEquals(base.resolve("/ok"), page.uri());
    }

    @Test
    public void aPostRedirectedWith303IsFollowedWithAGet() throws Exception {
        Page page = new SiteHttp("test").postForm(site(5), access(), base.resolve("/form"), Map.of("keyword", "x"));

        assertEquals("sent", page.body());
        assertEquals("the form was posted once, not again to the redirect's target", 1, postsSeen.get());
    }

    @Test
    public void aRedirectIsLeftToTheCallerWhenAsked() throws Exception {
        Page page = new SiteHttp("test").getRedirect(site(5), access(), base.resolve("/to/http/10.0.0.1/x"));

        assertEquals(302, page.status());
        assertEquals(URI.create("http://10.0.0.1/x"), page.location().orElseThrow());
    }

    @Test
    public void aRedirectToAnotherLoopbackHostAndPortIsRefusedAndNotFetched() {
        String target = "http/localhost:" + api.getAddress().getPort() + "/api/v2/app/preferences";

        CatalogueException failure = refused("/to/" + target);

        assertTrue(failure.getMessage(), failure.getMessage().contains("localhost:" + api.getAddress().getPort()));
        assertTrue(failure.getMessage(), failure.getMessage().contains("loopback"));
        assertEquals("the API behind the redirect was never asked", 0, apiRequests.get());
    }

    @Test
    public void theSameTargetPassesOnceItsHostIsListed() throws Exception {
        CatalogueSite listing = new CatalogueSite("test", "Test", base, 1, List.of(Language.GERMAN_DUB), true, 5,
                Set.of("127.0.0.1", "localhost"), 24, 6, false);

        Page page = new SiteHttp("test").get(listing, access(),
                base.resolve("/to/http/localhost:" + api.getAddress().getPort() + "/api"));

        assertEquals("{\"secret\":true}", page.body());
        assertEquals(1, apiRequests.get());
    }

    @Test
    public void aRedirectToAPrivateAddressIsRefused() {
        assertTrue(refused("/to/http/10.0.0.1/").getMessage().contains("private"));
    }

    @Test
    public void aRedirectToTheCloudMetadataAddressIsRefused() {
        assertTrue(refused("/to/http/169.254.169.254/latest/meta-data/").getMessage().contains("link-local"));
    }

    @Test
    public void aRedirectToIpv6LoopbackIsRefused() {
        CatalogueException failure = refused("/to/http/%5B::1%5D:" + api.getAddress().getPort() + "/api/v2/torrents/info");

        assertTrue(failure.getMessage(), failure.getMessage().contains("[::1]"));
        assertTrue(failure.getMessage(), failure.getMessage().contains("loopback"));
    }

    @Test
    public void aRedirectToAnotherSchemeIsRefused() {
        assertTrue(refused("/to/file/etc/passwd").getMessage().contains("only http and https"));
    }

    @Test
    public void aRedirectFromHttpsToPlainHttpIsRefused() throws Exception {
        CatalogueSite https = new CatalogueSite("test", "Test", URI.create("https://catalogue.example"), 1,
                List.of(Language.GERMAN_DUB), true, 5, Set.of(), 24, 6, false);

        CatalogueException failure = assertThrows(CatalogueException.class, () -> SiteRedirects.check("test", https,
                URI.create("https://catalogue.example/a"), URI.create("http://catalogue.example/b")));

        assertEquals(Reason.SITE_ERROR, failure.reason());
        assertTrue(failure.getMessage(), failure.getMessage().contains("from https to plain http"));
    }

    @Test
    public void fiveRedirectsAreFollowedButNotASixth() throws Exception {
        assertEquals(base.resolve("/ok"), new SiteHttp("test").get(site(10), access(), base.resolve("/hops/4")).uri());

        CatalogueException failure = assertThrows(CatalogueException.class,
                () -> new SiteHttp("test").get(site(10), access(), base.resolve("/hops/5")));

        assertEquals(Reason.SITE_ERROR, failure.reason());
        assertTrue(failure.getMessage(), failure.getMessage().contains("more than 5 times"));
    }

    @Test
    public void aRedirectLoopEnds() {
        CatalogueException failure = assertThrows(CatalogueException.class,
                () -> new SiteHttp("test").get(site(10), access(), base.resolve("/loop")));

        assertEquals(Reason.SITE_ERROR, failure.reason());
    }

    @Test
    public void theBudgetCoversTheWholeChain() {
        // Four hops of 0.8 s each: every one fits the 2 s budget, the chain does not.
        long start = System.nanoTime();

        CatalogueException failure = assertThrows(CatalogueException.class,
                () -> new SiteHttp("test").get(site(2), access(), base.resolve("/slow-hops/3")));

        long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
        assertEquals(failure.getMessage(), Reason.TIMEOUT, failure.reason());
        assertTrue("gave up after " + seconds + " s", seconds < 10);
    }

    private CatalogueException refused(String path) {
        CatalogueException failure = assertThrows(CatalogueException.class,
                () -> new SiteHttp("test").get(site(5), access(), base.resolve(path)));
        assertEquals(failure.getMessage(), Reason.SITE_ERROR, failure.reason());
        assertTrue(failure.getMessage(), failure.getMessage().contains("not followed"));
        return failure;
    }
}
