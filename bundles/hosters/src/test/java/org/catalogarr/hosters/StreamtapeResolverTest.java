package org.catalogarr.hosters;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Arrays;

import org.catalogarr.hoster.api.MediaSource;
import org.catalogarr.settings.Settings;
import org.catalogarr.testkit.FakeMp4Host;
import org.catalogarr.testkit.FakeStreamtape;
import org.junit.Test;

public class StreamtapeResolverTest extends HosterFailureTests<FakeStreamtape, FakeMp4Host, StreamtapeResolver> {

    public StreamtapeResolverTest() {
        super(new FakeStreamtape(), new FakeMp4Host(), new StreamtapeResolver(TestDestinations.LOOPBACK, new Settings(),
                TestConfigs.browser("TestBrowser/1.0", 5)),
                "no script that computes #robotlink");
        cdn.refererOrigin(hoster.baseUrl().toString());
    }

    @Test
    public void takesTheLinkTheScriptComputesNotTheDecoys() throws Exception {
        MediaSource media = resolver.resolve(hoster.embedUrl("aot0103"));

        assertEquals("Streamtape", resolver.name());
        assertEquals(URI.create(hoster.videoLink("aot0103") + "&stream=1"), media.uri());
        assertEquals(MediaSource.Kind.MP4, media.kind());
        assertEquals(hoster.baseUrl() + "/", media.headers().get("Referer"));
        assertEquals("TestBrowser/1.0", media.headers().get("User-Agent"));
    }

    @Test
    public void theLinkRedirectsToTheMp4WhichLoadsWithTheHeaders() throws Exception {
        MediaSource media = resolver.resolve(hoster.embedUrl("aot0103"));

        HttpResponse<byte[]> video = firstBytes(media, true);

        assertEquals(206, video.statusCode());
        assertTrue(video.uri().toString(), video.uri().toString().startsWith(cdn.mediaUrl("aot0103").toString()));
        assertArrayEquals(Arrays.copyOf(FakeMp4Host.content("aot0103"), 1024), video.body());
        assertEquals(403, firstBytes(media, false).statusCode());
    }
}
