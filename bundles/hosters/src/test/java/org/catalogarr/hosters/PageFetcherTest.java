package org.catalogarr.hosters;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.time.Duration;

import org.catalogarr.hoster.api.HosterException;
import org.catalogarr.testkit.FakeMp4Host;
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
        PageFetcher fetcher = new PageFetcher("Test", "TestBrowser/1.0", Duration.ofSeconds(5), 64 * 1024);

        assertEquals(200, fetcher.fetch(host.embedUrl("a"), null).status());
        HosterException failure = assertThrows(HosterException.class,
                () -> fetcher.fetch(host.mediaUrl("a"), host.embedUrl("a")));

        assertFalse(failure.gone());
        assertTrue(failure.getMessage(), failure.getMessage().contains("larger than 65536 bytes"));
        assertTrue(failure.getMessage(), failure.getMessage().startsWith("Test: cannot load " + host.mediaUrl("a")));
    }

    @Test
    public void loadsOnlyHttpUrls() {
        PageFetcher fetcher = new PageFetcher("Test", "TestBrowser/1.0", Duration.ofSeconds(5), 1024);

        HosterException failure = assertThrows(HosterException.class,
                () -> fetcher.fetch(URI.create("file:///etc/passwd"), null));

        assertTrue(failure.getMessage(), failure.getMessage().contains("no http(s) URL"));
    }
}
