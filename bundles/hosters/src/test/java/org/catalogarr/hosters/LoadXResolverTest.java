package org.catalogarr.hosters;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.catalogarr.hoster.api.HosterException;
import org.catalogarr.hoster.api.MediaSource;
import org.catalogarr.settings.Settings;
import org.catalogarr.testkit.FakeCdn;
import org.catalogarr.testkit.FakeHoster;
import org.catalogarr.testkit.FakeLoadX;
import org.junit.Test;

public class LoadXResolverTest extends HosterFailureTests<FakeLoadX, FakeCdn, LoadXResolver> {

    public LoadXResolverTest() {
        super(new FakeLoadX(), new FakeCdn(), new LoadXResolver(TestDestinations.LOOPBACK, new Settings(),
                TestConfigs.browser("TestBrowser/1.0", 5)),
                "no videoSource in the JSON answer");
        cdn.refererOrigin(hoster.baseUrl().toString());
    }

    @Test
    public void followsTheRedirectAndAsksThePlayerWithItsCookie() throws Exception {
        MediaSource media = resolver.resolve(hoster.embedUrl("a1b2c3d4"));

        assertEquals("LoadX", resolver.name());
        assertEquals(cdn.masterUrl("a1b2c3d4"), media.uri());
        assertEquals(MediaSource.Kind.HLS, media.kind());
        assertEquals(List.of("GET /e/a1b2c3d4", "GET /video/a1b2c3d4/watch",
                "POST /player/index.php?data=a1b2c3d4&do=getVideo"), hoster.requests());
    }

    @Test
    public void thePlaylistLoadsWithTheHeaders() throws Exception {
        MediaSource media = resolver.resolve(hoster.embedUrl("a1b2c3d4"));

        assertEquals(hoster.baseUrl() + "/", media.headers().get("Referer"));
        assertEquals("TestBrowser/1.0", media.headers().get("User-Agent"));
        assertEquals("*/*", media.headers().get("Accept"));
        assertEquals(200, firstBytes(media, true).statusCode());
        assertEquals(403, firstBytes(media, false).statusCode());
    }

    @Test
    public void aChangedAnswerNamesTheUrlThatGaveIt() {
        String message = assertThrows(HosterException.class,
                () -> resolver.resolve(hoster.embedUrl(FakeHoster.CHANGED))).getMessage();

        assertTrue(message, message.contains(hoster.baseUrl() + "/player/index.php?data=" + FakeHoster.CHANGED));
    }
}
