package org.catalogarr.testkit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.After;
import org.junit.Test;

public class FakeVoeTest {

    private final FakeVoe.Pair voe = FakeVoe.pair();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @After
    public void stop() {
        voe.close();
    }

    private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    public void theEntryHostSendsTheBrowserToTheMirror() throws Exception {
        HttpResponse<String> page = get(voe.entry().embedUrl("abc"));

        assertEquals(200, page.statusCode());
        assertTrue(page.body(), page.body().contains("window.location.href = '" + voe.mirror().embedUrl("abc") + "';"));
        assertEquals(301, get(voe.entry().embedUrl(FakeVoe.HTTP_MOVED)).statusCode());
    }

    @Test
    public void theMirrorHidesItsMediaUrls() throws Exception {
        voe.mirror().placeholder("CDN_BASE", "http://cdn.test:1");

        String page = get(voe.mirror().embedUrl("abc")).body();

        assertTrue(page, page.contains("<script type=\"application/json\">[\""));
        assertFalse(page, page.contains("cdn.test"));
        assertEquals(URI.create("http://cdn.test:1/hls/abc/master.m3u8"), voe.mirror().hlsUrl("abc"));
        assertTrue(voe.mirror().playerJson("abc").contains("\"direct_access_url\":\"http://cdn.test:1/mp4/abc.mp4\""));
        assertTrue(voe.mirror().playerJson(FakeVoe.HLS_ONLY).contains("\"direct_access_allowed\":false"));
    }

    @Test
    public void variantsAnswerWithTheirStatus() throws Exception {
        assertEquals(404, get(voe.mirror().embedUrl(FakeVoe.DELETED)).statusCode());
        assertEquals(410, get(voe.mirror().embedUrl(FakeVoe.REMOVED)).statusCode());
        HttpResponse<String> challenge = get(voe.mirror().embedUrl(FakeVoe.CHALLENGE));
        assertEquals(403, challenge.statusCode());
        assertEquals("challenge", challenge.headers().firstValue("cf-mitigated").orElseThrow());
        assertTrue(get(voe.mirror().embedUrl(FakeVoe.MAINTENANCE)).body().contains("<title>Maintenance Mode</title>"));
        assertTrue(get(voe.mirror().embedUrl(FakeVoe.ENDLESS)).body().contains(voe.entry().embedUrl(FakeVoe.ENDLESS).toString()));
    }

    @Test
    public void theEncoderIsDeterministicPerSeed() {
        assertEquals(VoeEncoder.encode("{\"a\":1}", 5), VoeEncoder.encode("{\"a\":1}", 5));
        assertNotEquals(VoeEncoder.encode("{\"a\":1}", 5), VoeEncoder.encode("{\"a\":1}", 6));
        assertEquals("Uryyb, jbeyq! 13", VoeEncoder.rot13("Hello, world! 13"));
    }
}
