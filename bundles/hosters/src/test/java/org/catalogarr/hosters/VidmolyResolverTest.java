package org.catalogarr.hosters;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.catalogarr.hoster.api.MediaSource;
import org.catalogarr.settings.Settings;
import org.catalogarr.testkit.FakeCdn;
import org.catalogarr.testkit.FakeVidmoly;
import org.junit.Test;

public class VidmolyResolverTest extends HosterFailureTests<FakeVidmoly, FakeCdn, VidmolyResolver> {

    public VidmolyResolverTest() {
        super(new FakeVidmoly(), new FakeCdn(), new VidmolyResolver(TestDestinations.LOOPBACK, new Settings(),
                TestConfigs.browser("TestBrowser/1.0", 5)),
                "no JWPlayer setup");
        cdn.refererOrigin(hoster.baseUrl().toString());
    }

    @Test
    public void takesTheHlsPlaylistFromTheJwPlayerSources() throws Exception {
        MediaSource media = resolver.resolve(hoster.embedUrl("aot0101"));

        assertEquals("Vidmoly", resolver.name());
        assertEquals(cdn.masterUrl("aot0101"), media.uri());
        assertEquals(MediaSource.Kind.HLS, media.kind());
        assertEquals(hoster.baseUrl() + "/", media.headers().get("Referer"));
        assertEquals("TestBrowser/1.0", media.headers().get("User-Agent"));
    }

    @Test
    public void thePlaylistAndItsSegmentsLoadOnlyWithTheHeaders() throws Exception {
        MediaSource media = resolver.resolve(hoster.embedUrl("aot0101"));

        HttpResponse<byte[]> playlist = firstBytes(media, true);
        assertEquals(200, playlist.statusCode());
        assertTrue(new String(playlist.body(), StandardCharsets.UTF_8).contains(FakeCdn.BEST + "/index.m3u8"));
        assertEquals(403, firstBytes(media, false).statusCode());
        MediaSource segment = new MediaSource(cdn.baseUrl().resolve(FakeCdn.segmentPath("aot0101", 1)), media.headers(),
                media.kind());
        assertArrayEquals(FakeCdn.plainSegment("aot0101", FakeCdn.BEST, 1), firstBytes(segment, true).body());
    }

    @Test
    public void readsTheOlderFileSetup() throws Exception {
        MediaSource media = resolver.resolve(hoster.embedUrl(FakeVidmoly.LEGACY));

        assertEquals(cdn.masterUrl(FakeVidmoly.LEGACY), media.uri());
        assertEquals(MediaSource.Kind.HLS, media.kind());
    }
}
