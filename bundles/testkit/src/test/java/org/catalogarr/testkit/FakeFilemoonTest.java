package org.catalogarr.testkit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.After;
import org.junit.Test;

public class FakeFilemoonTest {

    private final FakeFilemoon filemoon = new FakeFilemoon();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    {
        filemoon.start();
        filemoon.placeholder("CDN_BASE", "http://cdn.test:1");
    }

    @After
    public void stop() {
        filemoon.close();
    }

    private HttpResponse<String> get(URI uri, String referer) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5));
        if (referer != null) {
            request.header("Referer", referer);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    public void theEmbedPageLeadsToAPlayerPageThatHidesThePlaylist() throws Exception {
        String embed = get(filemoon.embedUrl("abc"), null).body();
        HttpResponse<String> player = get(filemoon.playerUrl("abc"), filemoon.embedUrl("abc").toString());

        assertTrue(embed, embed.contains("<div id=\"iframe-holder\""));
        assertEquals(200, player.statusCode());
        assertTrue(player.body(), player.body().contains("eval(function(p,a,c,k,e,d){"));
        assertFalse(player.body(), player.body().contains("cdn.test"));
        assertTrue(filemoon.playerScript("abc").contains("sources:[{file:\"http://cdn.test:1/hls/abc/master.m3u8\"}]"));
        assertEquals(403, get(filemoon.playerUrl("abc"), null).statusCode());
    }

    @Test
    public void theApiHidesThePlaylistInItsPlayback() throws Exception {
        String api = get(URI.create(filemoon.baseUrl() + "/api/videos/abc"), null).body();

        assertTrue(api, api.contains("\"playback\":{\"algorithm\":\"AES-256-GCM\",\"key_parts\":[\""));
        assertFalse(api, api.contains("cdn.test"));
        assertEquals(api, get(URI.create(filemoon.baseUrl() + "/api/videos/abc"), null).body());
    }

    @Test
    public void variantsAnswerWithTheirStatus() throws Exception {
        assertEquals(404, get(filemoon.embedUrl(FakeFilemoon.GONE), null).statusCode());
        assertEquals(404, get(URI.create(filemoon.baseUrl() + "/api/videos/" + FakeFilemoon.LEGACY_ONLY), null).statusCode());
        assertEquals(503, get(URI.create(filemoon.baseUrl() + "/api/videos/" + FakeFilemoon.MAINTENANCE), null).statusCode());
        assertTrue(get(filemoon.embedUrl(FakeFilemoon.SPA_SHELL), null).body().contains("<title>Byse Frontend</title>"));
    }
}
