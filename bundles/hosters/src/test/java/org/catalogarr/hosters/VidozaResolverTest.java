package org.catalogarr.hosters;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;

import org.catalogarr.hoster.api.HosterException;
import org.catalogarr.hoster.api.MediaSource;
import org.catalogarr.settings.Settings;
import org.catalogarr.testkit.FakeMp4Host;
import org.catalogarr.testkit.FakeMp4Host.Hostility;
import org.catalogarr.testkit.FakeSite.Scenario;
import org.junit.After;
import org.junit.Test;

public class VidozaResolverTest {

    private final FakeMp4Host host = new FakeMp4Host();
    private final VidozaResolver resolver = new VidozaResolver(TestDestinations.LOOPBACK, new Settings(),
            TestConfigs.browser("TestBrowser/1.0", 5));

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

    @Test
    public void anEmbedPageRedirectingToAPrivateAddressIsRefused() {
        String port = String.valueOf(host.baseUrl().getPort());
        for (String target : List.of("http://localhost:" + port + "/embed-b.html", "http://10.0.0.1/embed-b.html",
                "http://169.254.169.254/latest/meta-data/", "http://[::1]:" + port + "/embed-b.html")) {
            host.hostile("a", Hostility.REDIRECTING_PAGE, target);

            HosterException failure = assertThrows(target, HosterException.class, () -> resolver.resolve(host.embedUrl("a")));

            assertTrue(failure.gone());
            assertTrue(failure.getMessage(), failure.getMessage().contains("allowed_private_hosts"));
        }
        assertFalse(host.requests().contains("GET /embed-b.html"));
    }

    @Test
    public void aRedirectToAnAllowedHostIsFollowed() throws Exception {
        host.hostile("a", Hostility.REDIRECTING_PAGE, host.embedUrl("b").toString());

        assertEquals(host.mediaUrl("b"), resolver.resolve(host.embedUrl("a")).uri());
    }

    @Test
    public void mediaOfAnotherSchemeIsALayoutChange() {
        host.hostile("a", Hostility.NAMING_MEDIA, "file:///etc/passwd");

        HosterException failure = assertThrows(HosterException.class, () -> resolver.resolve(host.embedUrl("a")));

        assertFalse(failure.gone());
        assertTrue(failure.getMessage(), failure.getMessage().contains("\"file:///etc/passwd\" is no http(s) URL"));
    }

    @Test
    public void aHugeEmbedPageFailsWithoutFillingTheMemory() {
        host.hostile("a", Hostility.HUGE_PAGE, null);

        HosterException failure = assertThrows(HosterException.class, () -> resolver.resolve(host.embedUrl("a")));

        assertFalse(failure.gone());
        assertTrue(failure.getMessage(), failure.getMessage().contains("larger than"));
    }
}
