package org.catalogarr.hosters;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import org.catalogarr.hoster.api.HosterException;
import org.catalogarr.hoster.api.MediaSource;
import org.catalogarr.settings.Settings;
import org.catalogarr.testkit.FakeDood;
import org.catalogarr.testkit.FakeMp4Host;
import org.junit.Test;

public class DoodstreamResolverTest extends HosterFailureTests<FakeDood, FakeMp4Host, DoodstreamResolver> {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    public DoodstreamResolverTest() {
        super(new FakeDood(), new FakeMp4Host(), new DoodstreamResolver(TestDestinations.LOOPBACK, new Settings(),
                TestConfigs.browser("TestBrowser/1.0", 5), Clock.fixed(NOW, ZoneOffset.UTC)),
                "no $.get('/pass_md5/…') call");
        cdn.refererOrigin(hoster.baseUrl().toString());
    }

    @Test
    public void completesThePassMd5AnswerToTheVideoLink() throws Exception {
        MediaSource media = resolver.resolve(hoster.embedUrl("aot0104"));

        assertEquals("Doodstream", resolver.name());
        String link = media.uri().toString();
        assertTrue(link, link.matches(Pattern.quote(cdn.signedBase("aot0104").toString())
                + "[A-Za-z0-9]{10}\\?token=" + FakeDood.TOKEN + "&expiry=" + NOW.toEpochMilli()));
        assertEquals(MediaSource.Kind.MP4, media.kind());
        assertEquals(hoster.baseUrl() + "/", media.headers().get("Referer"));
        assertEquals("TestBrowser/1.0", media.headers().get("User-Agent"));
        assertEquals(List.of("GET /e/aot0104", "GET /pass_md5/aot0104-1767225600-a1b2c3/" + FakeDood.TOKEN),
                hoster.requests());
    }

    @Test
    public void theVideoLoadsWithTheHeaders() throws Exception {
        MediaSource media = resolver.resolve(hoster.embedUrl("aot0104"));

        HttpResponse<byte[]> video = firstBytes(media, true);

        assertEquals(206, video.statusCode());
        assertArrayEquals(Arrays.copyOf(FakeMp4Host.content("aot0104"), 1024), video.body());
        assertEquals(403, firstBytes(media, false).statusCode());
    }

    @Test
    public void goesFromTheDownloadPageToThePlayerPage() throws Exception {
        resolver.resolve(hoster.downloadUrl("aot0104"));

        assertEquals("GET /e/aot0104", hoster.requests().get(0));
    }

    @Test
    public void aFailingPassMd5IsTemporary() {
        hoster.placeholder("TOKEN", "othertoken");

        HosterException failure = assertThrows(HosterException.class, () -> resolver.resolve(hoster.embedUrl("aot0104")));

        assertFalse(failure.gone());
        assertTrue(failure.getMessage(), failure.getMessage().startsWith("Doodstream: HTTP 404 from "));
    }

    @Test
    public void aRefusalInsteadOfTheLinkIsTemporary() {
        HosterException failure = assertThrows(HosterException.class, () -> resolver.resolve(hoster.embedUrl(FakeDood.REFUSED)));

        assertFalse(failure.gone());
        assertTrue(failure.getMessage(), failure.getMessage().contains("answered no video URL but \"RELOAD\""));
        assertTrue(failure.getMessage(), failure.getMessage().contains(hoster.embedUrl(FakeDood.REFUSED).toString()));
    }
}
