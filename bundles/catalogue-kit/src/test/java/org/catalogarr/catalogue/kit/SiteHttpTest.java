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
import java.util.Set;
import java.util.concurrent.Executors;

import org.catalogarr.catalogue.api.CatalogueException;
import org.catalogarr.catalogue.api.CatalogueException.Reason;
import org.catalogarr.catalogue.api.CatalogueSite;
import org.catalogarr.catalogue.api.Language;
import org.junit.After;
import org.junit.Test;

import com.sun.net.httpserver.HttpServer;

/** A site that answers with endless or dripping pages: each request fails within its budget, memory untouched. */
public class SiteHttpTest {

    private final HttpServer server;
    private final URI base;
    private volatile boolean closing;

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
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @After
    public void stop() {
        closing = true;
        server.stop(0);
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
}
