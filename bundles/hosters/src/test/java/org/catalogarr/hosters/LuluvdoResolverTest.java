package org.catalogarr.hosters;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;


import org.catalogarr.hoster.api.HosterException;
import org.catalogarr.hoster.api.MediaSource;
import org.catalogarr.settings.Settings;
import org.catalogarr.testkit.FakeCdn;
import org.catalogarr.testkit.FakeLuluvdo;
import org.junit.Test;

public class LuluvdoResolverTest extends HosterFailureTests<FakeLuluvdo, FakeCdn, LuluvdoResolver> {

    public LuluvdoResolverTest() {
        super(new FakeLuluvdo(), new FakeCdn(), new LuluvdoResolver(TestDestinations.LOOPBACK, new Settings(),
                TestConfigs.browser(LuluvdoResolver.MOBILE_USER_AGENT, 5)),
                "no JWPlayer setup");
        cdn.refererOrigin(hoster.baseUrl().toString());
    }

    @Test
    public void takesTheHlsPlaylistWithTheHeadersTheCdnChecks() throws Exception {
        MediaSource media = resolver.resolve(hoster.embedUrl("aot0102"));

        assertEquals("Luluvdo", resolver.name());
        assertEquals(cdn.masterUrl("aot0102"), media.uri());
        assertEquals(MediaSource.Kind.HLS, media.kind());
        assertEquals(hoster.baseUrl() + "/", media.headers().get("Referer"));
        assertEquals(hoster.baseUrl().toString(), media.headers().get("Origin"));
        assertEquals(LuluvdoResolver.MOBILE_USER_AGENT, media.headers().get("User-Agent"));
        assertEquals(PageFetcher.ACCEPT_LANGUAGE, media.headers().get("Accept-Language"));
        assertEquals(200, firstBytes(media, true).statusCode());
        assertEquals(403, firstBytes(media, false).statusCode());
    }

    @Test
    public void readsTheOlderEmbedPage() throws Exception {
        MediaSource media = resolver.resolve(hoster.legacyEmbedUrl("aot0102"));

        assertEquals(cdn.masterUrl("aot0102"), media.uri());
        assertEquals(MediaSource.Kind.HLS, media.kind());
    }

    @Test
    public void aDesktopBrowserIsTurnedAway() {
        LuluvdoResolver desktop = new LuluvdoResolver(TestDestinations.LOOPBACK, new Settings(),
                TestConfigs.browser(VidozaResolver.BROWSER_USER_AGENT, 5));

        HosterException failure = assertThrows(HosterException.class, () -> desktop.resolve(hoster.embedUrl("aot0102")));

        assertTrue(failure.getMessage(), failure.getMessage().startsWith("Luluvdo: HTTP 403 at "));
    }
}
