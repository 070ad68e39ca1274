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
import org.catalogarr.testkit.FakeSite.Scenario;
import org.catalogarr.testkit.FakeVoe;
import org.junit.After;
import org.junit.Test;

public class VoeResolverTest {

    private static final String CDN = "http://cdn.voe.test:8443";

    private final FakeVoe.Pair voe = FakeVoe.pair();
    private final FakeVoe entry = voe.entry();
    private final FakeVoe mirror = voe.mirror();
    private final VoeResolver resolver = resolver(5);

    {
        mirror.placeholder("CDN_BASE", CDN);
    }

    @After
    public void stop() {
        voe.close();
    }

    private static VoeResolver resolver(int maxRedirects) {
        return new VoeResolver(TestDestinations.LOOPBACK, new Settings(),
                TestConfigs.browser("TestBrowser/1.0", 5, "max_redirects", maxRedirects));
    }

    @Test
    public void followsTheScriptRedirectPastItsDecoysAndTakesTheMp4() throws Exception {
        MediaSource media = resolver.resolve(entry.embedUrl("aot0101de"));

        assertEquals(URI.create(CDN + "/mp4/aot0101de.mp4"), media.uri());
        assertEquals(MediaSource.Kind.MP4, media.kind());
        assertEquals(List.of("GET /e/aot0101de"), entry.requests());
        assertEquals(List.of("GET /e/aot0101de"), mirror.requests());
    }

    @Test
    public void theMediaRequestsCarryTheMirrorsOriginAndTheUserAgent() throws Exception {
        MediaSource media = resolver.resolve(entry.embedUrl("aot0101de"));

        assertEquals(mirror.baseUrl() + "/", media.headers().get("Referer"));
        assertEquals(mirror.baseUrl().toString(), media.headers().get("Origin"));
        assertEquals("TestBrowser/1.0", media.headers().get("User-Agent"));
    }

    @Test
    public void takesTheHlsPlaylistWhenDirectAccessIsNotAllowed() throws Exception {
        MediaSource media = resolver.resolve(entry.embedUrl(FakeVoe.HLS_ONLY));

        assertEquals(mirror.hlsUrl(FakeVoe.HLS_ONLY), media.uri());
        assertEquals(MediaSource.Kind.HLS, media.kind());
        assertEquals(mirror.baseUrl() + "/", media.headers().get("Referer"));
    }

    @Test
    public void readsAQuotedStringInsteadOfAnArray() throws Exception {
        MediaSource media = resolver.resolve(entry.embedUrl(FakeVoe.QUOTED));

        assertEquals(mirror.mp4Url(FakeVoe.QUOTED), media.uri());
        assertEquals(MediaSource.Kind.MP4, media.kind());
    }

    @Test
    public void readsTheOlderA168cVariable() throws Exception {
        assertEquals(mirror.mp4Url(FakeVoe.LEGACY_A168C), resolver.resolve(entry.embedUrl(FakeVoe.LEGACY_A168C)).uri());
    }

    @Test
    public void readsTheOldestBase64HlsEntry() throws Exception {
        MediaSource media = resolver.resolve(entry.embedUrl(FakeVoe.LEGACY_HLS));

        assertEquals(mirror.hlsUrl(FakeVoe.LEGACY_HLS), media.uri());
        assertEquals(MediaSource.Kind.HLS, media.kind());
    }

    @Test
    public void fallsBackToABareM3u8Url() throws Exception {
        MediaSource media = resolver.resolve(entry.embedUrl(FakeVoe.BARE_M3U8));

        assertEquals(mirror.hlsUrl(FakeVoe.BARE_M3U8), media.uri());
        assertEquals(MediaSource.Kind.HLS, media.kind());
    }

    @Test
    public void resolvesAMirrorEmbedUrlWithoutAnyHop() throws Exception {
        assertEquals(mirror.mp4Url("direct"), resolver(0).resolve(mirror.embedUrl("direct")).uri());
        assertTrue(entry.requests().isEmpty());
    }

    @Test
    public void followsAnHttpRedirect() throws Exception {
        MediaSource media = resolver.resolve(entry.embedUrl(FakeVoe.HTTP_MOVED));

        assertEquals(mirror.mp4Url(FakeVoe.HTTP_MOVED), media.uri());
        assertEquals(mirror.baseUrl() + "/", media.headers().get("Referer"));
    }

    @Test
    public void givesUpAfterTheConfiguredHops() {
        HosterException failure = assertThrows(HosterException.class,
                () -> resolver(3).resolve(entry.embedUrl(FakeVoe.ENDLESS)));

        assertFalse(failure.gone());
        assertTrue(failure.getMessage(), failure.getMessage().startsWith("VOE: still redirected after 3 hops from "
                + entry.embedUrl(FakeVoe.ENDLESS)));
        assertEquals(4, entry.requests().size() + mirror.requests().size());
    }

    @Test
    public void aHopTooManyIsRefusedEvenWhenTheNextPageWouldWork() {
        assertThrows(HosterException.class, () -> resolver(0).resolve(entry.embedUrl("aot0101de")));
        assertTrue(mirror.requests().isEmpty());
    }

    @Test
    public void aMissingFileIsGone() {
        HosterException failure = assertThrows(HosterException.class, () -> resolver.resolve(entry.embedUrl(FakeVoe.DELETED)));

        assertTrue(failure.gone());
        assertTrue(failure.getMessage(), failure.getMessage().contains("HTTP 404"));
        assertTrue(failure.getMessage(), failure.getMessage().contains(mirror.embedUrl(FakeVoe.DELETED).toString()));
        assertTrue(failure.getMessage(), failure.getMessage().contains(entry.embedUrl(FakeVoe.DELETED).toString()));
    }

    @Test
    public void aRemovedFileIsGone() {
        HosterException failure = assertThrows(HosterException.class, () -> resolver.resolve(entry.embedUrl(FakeVoe.REMOVED)));

        assertTrue(failure.gone());
        assertTrue(failure.getMessage(), failure.getMessage().contains("HTTP 410"));
    }

    @Test
    public void maintenanceIsTemporary() {
        HosterException failure = assertThrows(HosterException.class,
                () -> resolver.resolve(entry.embedUrl(FakeVoe.MAINTENANCE)));

        assertFalse(failure.gone());
        assertTrue(failure.getMessage(), failure.getMessage().startsWith("VOE: the hoster is in maintenance mode"));
        assertTrue(failure.getMessage(), failure.getMessage().contains(mirror.embedUrl(FakeVoe.MAINTENANCE).toString()));
    }

    @Test
    public void aChallengeIsTemporary() {
        HosterException failure = assertThrows(HosterException.class,
                () -> resolver.resolve(entry.embedUrl(FakeVoe.CHALLENGE)));

        assertFalse(failure.gone());
        assertTrue(failure.getMessage(), failure.getMessage().contains("challenge"));
        assertTrue(failure.getMessage(), failure.getMessage().contains("HTTP 403"));
    }

    @Test
    public void undecodablePlayerDataIsALayoutChange() {
        HosterException failure = assertThrows(HosterException.class,
                () -> resolver.resolve(entry.embedUrl(FakeVoe.GARBLED)));

        assertFalse(failure.gone());
        assertTrue(failure.getMessage(), failure.getMessage().startsWith("VOE: the page layout changed"));
        assertTrue(failure.getMessage(), failure.getMessage().contains(mirror.embedUrl(FakeVoe.GARBLED).toString()));
    }

    @Test
    public void otherSeparatorsThanTheConfiguredOnesAreALayoutChange() {
        VoeResolver outdated = new VoeResolver(TestDestinations.LOOPBACK, new Settings(),
                TestConfigs.browser("TestBrowser/1.0", 5, "junk_separators", "@$, ^^"));

        HosterException failure = assertThrows(HosterException.class, () -> outdated.resolve(entry.embedUrl("aot0101de")));

        assertFalse(failure.gone());
        assertTrue(failure.getMessage(), failure.getMessage().contains("junk separators"));
    }

    @Test
    public void aServerErrorIsTemporary() {
        mirror.scenario(Scenario.ERROR_THEN_OK);

        HosterException failure = assertThrows(HosterException.class, () -> resolver.resolve(entry.embedUrl("x")));

        assertFalse(failure.gone());
        assertTrue(failure.getMessage(), failure.getMessage().contains("HTTP 503"));
    }

    @Test
    public void aSlowHosterTimesOut() {
        mirror.scenario(Scenario.SLOW);
        mirror.slowDelayMillis(3_000);
        VoeResolver impatient = new VoeResolver(TestDestinations.LOOPBACK, new Settings(),
                TestConfigs.browser("TestBrowser/1.0", 1));

        HosterException failure = assertThrows(HosterException.class, () -> impatient.resolve(entry.embedUrl("x")));

        assertFalse(failure.gone());
        assertTrue(failure.getMessage(), failure.getMessage().startsWith("VOE: "));
        assertTrue(failure.getMessage(), failure.getMessage().contains(mirror.embedUrl("x").toString()));
    }

    @Test
    public void anUnreachableHostIsTemporary() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        HosterException failure = assertThrows(HosterException.class,
                () -> resolver.resolve(URI.create("http://127.0.0.1:" + closedPort + "/e/x")));

        assertFalse(failure.gone());
    }
}
