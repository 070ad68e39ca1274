package org.catalogarr.hosters;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.catalogarr.hoster.api.HosterException;
import org.catalogarr.testkit.FakeMp4Host;
import org.catalogarr.testkit.FakeMp4Host.Hostility;
import org.junit.After;
import org.junit.Test;

public class PageFetcherTest {

    private final FakeMp4Host host = new FakeMp4Host();

    {
        host.start();
    }

    @After
    public void stop() {
        host.close();
    }

    @Test
    public void refusesAPageBeyondTheLimit() throws Exception {
        PageFetcher fetcher = new PageFetcher("Test", TestDestinations.LOOPBACK, "TestBrowser/1.0", Duration.ofSeconds(5), 64 * 1024);

        assertEquals(200, fetcher.fetch(host.embedUrl("a"), null).status());
        HosterException failure = assertThrows(HosterException.class,
                () -> fetcher.fetch(host.mediaUrl("a"), host.embedUrl("a")));

        assertFalse(failure.gone());
        assertTrue(failure.getMessage(), failure.getMessage().contains("larger than 65536 bytes"));
        assertTrue(failure.getMessage(), failure.getMessage().startsWith("Test: cannot load " + host.mediaUrl("a")));
    }

    @Test
    public void saysInWordsWhyAConnectionFailed() {
        PageFetcher fetcher = new PageFetcher("Test", TestDestinations.LOOPBACK, "TestBrowser/1.0", Duration.ofSeconds(5), 1024);

        // Port 9 (discard) is closed on the loopback: the client fails without a message.
        HosterException failure = assertThrows(HosterException.class,
                () -> fetcher.fetch(URI.create("http://127.0.0.1:9/e/x"), null));

        assertEquals("Test: cannot load http://127.0.0.1:9/e/x: the connection was refused", failure.getMessage());
        assertEquals("the connection failed", PageFetcher.reason(new java.io.IOException()));
        assertEquals("closed", PageFetcher.reason(new java.io.IOException("closed")));
    }

    @Test
    public void loadsOnlyHttpUrls() {
        PageFetcher fetcher = new PageFetcher("Test", TestDestinations.LOOPBACK, "TestBrowser/1.0", Duration.ofSeconds(5), 1024);

        HosterException failure = assertThrows(HosterException.class,
                () -> fetcher.fetch(URI.create("file:///etc/passwd"), null));

        assertTrue(failure.getMessage(), failure.getMessage().contains("only http and https"));
    }

    @Test
    public void refusesPrivateAddressesThatAreNotAllowed() {
        PageFetcher fetcher = new PageFetcher("Test", TestDestinations.LOOPBACK, "TestBrowser/1.0", Duration.ofSeconds(5), 1024);
        String port = String.valueOf(host.baseUrl().getPort());

        for (String url : List.of("http://localhost:" + port + "/embed-a.html", "http://127.0.0.2:" + port + "/embed-a.html",
                "http://[::1]:" + port + "/embed-a.html", "http://10.0.0.1/e/x", "http://169.254.169.254/latest/meta-data/")) {
            HosterException failure = assertThrows(url, HosterException.class, () -> fetcher.fetch(URI.create(url), null));
            assertTrue(failure.gone());
            assertTrue(failure.getMessage(), failure.getMessage().startsWith("Test: refusing "));
            assertTrue(failure.getMessage(), failure.getMessage().contains("allowed_private_hosts"));
        }
        assertEquals(List.of(), host.requests());
    }

    @Test
    public void aHugePageIsCutOffAtTheLimit() {
        host.hostile("a", Hostility.HUGE_PAGE, null);
        PageFetcher fetcher = new PageFetcher("Test", TestDestinations.LOOPBACK, "TestBrowser/1.0", Duration.ofSeconds(20),
                EmbedPages.MAX_PAGE_BYTES);

        HosterException failure = assertThrows(HosterException.class, () -> fetcher.fetch(host.embedUrl("a"), null));

        assertTrue(failure.getMessage(), failure.getMessage().contains("larger than " + EmbedPages.MAX_PAGE_BYTES));
    }

    @Test
    public void aDrippingPageMeetsItsDeadline() {
        host.hostile("a", Hostility.DRIPPING_PAGE, null);
        PageFetcher fetcher = new PageFetcher("Test", TestDestinations.LOOPBACK, "TestBrowser/1.0", Duration.ofSeconds(3),
                EmbedPages.MAX_PAGE_BYTES);
        long start = System.nanoTime();

        HosterException failure = assertThrows(HosterException.class, () -> fetcher.fetch(host.embedUrl("a"), null));

        long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
        assertTrue(failure.getMessage(), failure.getMessage().contains("no complete answer within 3 s"));
        assertTrue("gave up after " + seconds + " s", seconds < 10);
    }
}
