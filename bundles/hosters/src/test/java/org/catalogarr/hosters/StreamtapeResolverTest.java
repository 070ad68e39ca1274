package org.catalogarr.hosters;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;

import org.catalogarr.hoster.api.HosterResolver;
import org.catalogarr.hoster.api.MediaSource;
import org.catalogarr.testkit.FakeHoster;
import org.catalogarr.testkit.FakeMp4Host;
import org.catalogarr.testkit.FakeStreamtape;
import org.junit.After;
import org.junit.Test;

public class StreamtapeResolverTest extends HosterFailureTests {

    private final FakeStreamtape streamtape = new FakeStreamtape();
    private final FakeMp4Host cdn = new FakeMp4Host();
    private final StreamtapeResolver resolver = new StreamtapeResolver("TestBrowser/1.0", Duration.ofSeconds(5));

    {
        streamtape.start();
        cdn.start();
        streamtape.placeholder("CDN_BASE", cdn.baseUrl().toString());
        cdn.refererOrigin(streamtape.baseUrl().toString());
    }

    @After
    public void stopCdn() {
        cdn.close();
    }

    @Override
    protected FakeHoster hoster() {
        return streamtape;
    }

    @Override
    protected HosterResolver resolver() {
        return resolver;
    }

    @Override
    protected String marker() {
        return "no script that computes #robotlink";
    }

    @Test
    public void takesTheLinkTheScriptComputesNotTheDecoys() throws Exception {
        MediaSource media = resolver.resolve(streamtape.embedUrl("aot0103"));

        assertEquals("Streamtape", resolver.name());
        assertEquals(URI.create(streamtape.videoLink("aot0103") + "&stream=1"), media.uri());
        assertEquals(MediaSource.Kind.MP4, media.kind());
        assertEquals(streamtape.baseUrl() + "/", media.headers().get("Referer"));
        assertEquals("TestBrowser/1.0", media.headers().get("User-Agent"));
    }

    @Test
    public void theLinkRedirectsToTheMp4WhichLoadsWithTheHeaders() throws Exception {
        MediaSource media = resolver.resolve(streamtape.embedUrl("aot0103"));

        HttpResponse<byte[]> video = firstBytes(media, true);

        assertEquals(206, video.statusCode());
        assertTrue(video.uri().toString(), video.uri().toString().startsWith(cdn.mediaUrl("aot0103").toString()));
        assertArrayEquals(Arrays.copyOf(FakeMp4Host.content("aot0103"), 1024), video.body());
        assertEquals(403, firstBytes(media, false).statusCode());
    }
}
