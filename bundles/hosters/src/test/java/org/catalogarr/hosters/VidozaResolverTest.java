package org.catalogarr.hosters;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;

import org.catalogarr.hoster.api.HosterException;
import org.catalogarr.hoster.api.MediaSource;
import org.catalogarr.testkit.FakeMp4Host;
import org.catalogarr.testkit.FakeSite.Scenario;
import org.junit.After;
import org.junit.Test;

public class VidozaResolverTest {

    private final FakeMp4Host host = new FakeMp4Host();
    private final VidozaResolver resolver = new VidozaResolver("TestBrowser/1.0", Duration.ofSeconds(5));

    {
        host.start();
    }

    @After
    public void stop() {
        host.close();
    }

    @Test
    public void findsTheMp4InTheSourceTag() throws Exception {
        MediaSource media = resolver.resolve(host.embedUrl("aot0101de"));

        assertEquals(host.mediaUrl("aot0101de"), media.uri());
        assertEquals(MediaSource.Kind.MP4, media.kind());
        assertEquals(host.baseUrl() + "/", media.headers().get("Referer"));
        assertEquals("TestBrowser/1.0", media.headers().get("User-Agent"));
        assertTrue(host.requests().contains("GET /embed-aot0101de.html"));
    }

    @Test
    public void findsTheMp4InTheSourcesCodeScriptAndResolvesItAgainstThePage() throws Exception {
        assertEquals(host.mediaUrl("scripted"), resolver.resolve(host.embedUrl("scripted")).uri());
    }

    @Test
    public void aDeletedFileIsGone() {
        HosterException failure = assertThrows(HosterException.class, () -> resolver.resolve(host.embedUrl("deleted")));

        assertTrue(failure.gone());
        assertTrue(failure.getMessage(), failure.getMessage().contains(host.embedUrl("deleted").toString()));
    }

    @Test
    public void aServerErrorIsTemporary() {
        host.scenario(Scenario.ERROR_THEN_OK);

        HosterException failure = assertThrows(HosterException.class, () -> resolver.resolve(host.embedUrl("x")));

        assertFalse(failure.gone());
        assertTrue(failure.getMessage(), failure.getMessage().contains("HTTP 503"));
    }

    @Test
    public void anUnreachableHostIsTemporary() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        HosterException failure = assertThrows(HosterException.class,
                () -> resolver.resolve(URI.create("http://127.0.0.1:" + closedPort + "/embed-x.html")));

        assertFalse(failure.gone());
    }
}
