package org.catalogarr.hosters;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Duration;

import org.catalogarr.hoster.api.HosterException;
import org.catalogarr.hoster.api.HosterResolver;
import org.catalogarr.hoster.api.MediaSource;
import org.catalogarr.testkit.FakeCdn;
import org.catalogarr.testkit.FakeHoster;
import org.catalogarr.testkit.FakeLuluvdo;
import org.junit.After;
import org.junit.Test;

public class LuluvdoResolverTest extends HosterFailureTests {

    private final FakeLuluvdo luluvdo = new FakeLuluvdo();
    private final FakeCdn cdn = new FakeCdn();
    private final LuluvdoResolver resolver =
            new LuluvdoResolver(LuluvdoResolver.MOBILE_USER_AGENT, Duration.ofSeconds(5));

    {
        luluvdo.start();
        cdn.start();
        luluvdo.placeholder("CDN_BASE", cdn.baseUrl().toString());
        cdn.refererOrigin(luluvdo.baseUrl().toString());
    }

    @After
    public void stopCdn() {
        cdn.close();
    }

    @Override
    protected FakeHoster hoster() {
        return luluvdo;
    }

    @Override
    protected HosterResolver resolver() {
        return resolver;
    }

    @Override
    protected String marker() {
        return "no JWPlayer setup";
    }

    @Test
    public void takesTheHlsPlaylistWithTheHeadersTheCdnChecks() throws Exception {
        MediaSource media = resolver.resolve(luluvdo.embedUrl("aot0102"));

        assertEquals("Luluvdo", resolver.name());
        assertEquals(cdn.masterUrl("aot0102"), media.uri());
        assertEquals(MediaSource.Kind.HLS, media.kind());
        assertEquals(luluvdo.baseUrl() + "/", media.headers().get("Referer"));
        assertEquals(luluvdo.baseUrl().toString(), media.headers().get("Origin"));
        assertEquals(LuluvdoResolver.MOBILE_USER_AGENT, media.headers().get("User-Agent"));
        assertEquals(PageFetcher.ACCEPT_LANGUAGE, media.headers().get("Accept-Language"));
        assertEquals(200, firstBytes(media, true).statusCode());
        assertEquals(403, firstBytes(media, false).statusCode());
    }

    @Test
    public void readsTheOlderEmbedPage() throws Exception {
        MediaSource media = resolver.resolve(luluvdo.legacyEmbedUrl("aot0102"));

        assertEquals(cdn.masterUrl("aot0102"), media.uri());
        assertEquals(MediaSource.Kind.HLS, media.kind());
    }

    @Test
    public void aDesktopBrowserIsTurnedAway() {
        LuluvdoResolver desktop = new LuluvdoResolver(VidozaResolver.BROWSER_USER_AGENT, Duration.ofSeconds(5));

        HosterException failure = assertThrows(HosterException.class, () -> desktop.resolve(luluvdo.embedUrl("aot0102")));

        assertTrue(failure.getMessage(), failure.getMessage().startsWith("Luluvdo: HTTP 403 at "));
    }
}
