package org.catalogarr.testkit;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;

import org.junit.After;
import org.junit.Test;

public class FakeMp4HostTest {

    private final FakeMp4Host host = new FakeMp4Host();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    {
        host.start();
    }

    @After
    public void stop() {
        host.close();
    }

    private HttpResponse<byte[]> get(URI uri, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    public void theEmbedPageNamesTheMediaUrl() throws Exception {
        String page = new String(get(host.embedUrl("abc")).body());

        assertTrue(page, page.contains("<source src=\"" + host.mediaUrl("abc") + "\" type=\"video/mp4\">"));
        assertTrue(new String(get(host.embedUrl("scripted")).body()).contains("sourcesCode: [{ src: \"/mp4/scripted.mp4\""));
        assertEquals(404, get(host.embedUrl("deleted")).statusCode());
    }

    @Test
    public void servesTheVideoWholeOrByRange() throws Exception {
        String referer = host.baseUrl() + "/";
        HttpResponse<byte[]> whole = get(host.mediaUrl("abc"), "Referer", referer);
        HttpResponse<byte[]> tail = get(host.mediaUrl("abc"), "Referer", referer, "Range", "bytes=1000-");

        assertEquals(200, whole.statusCode());
        assertArrayEquals(FakeMp4Host.content("abc"), whole.body());
        assertEquals(206, tail.statusCode());
        assertEquals("bytes 1000-" + (FakeMp4Host.SIZE - 1) + "/" + FakeMp4Host.SIZE,
                tail.headers().firstValue("Content-Range").orElseThrow());
        assertArrayEquals(Arrays.copyOfRange(FakeMp4Host.content("abc"), 1000, FakeMp4Host.SIZE), tail.body());
        assertNotEquals(FakeMp4Host.sha256Of("abc"), FakeMp4Host.sha256Of("abd"));
        assertEquals(403, get(host.mediaUrl("abc")).statusCode());
    }

    @Test
    public void theDroppingVideoBreaksItsFirstConnectionOnly() throws Exception {
        String referer = host.baseUrl() + "/";

        assertThrows(IOException.class, () -> get(host.mediaUrl("dropping"), "Referer", referer));
        assertArrayEquals(FakeMp4Host.content("dropping"), get(host.mediaUrl("dropping"), "Referer", referer).body());
    }

    @Test
    public void standsInForAnotherHostersCdn() throws Exception {
        host.refererOrigin("http://hoster.test");

        assertEquals(200, get(host.mediaUrl("abc"), "Referer", "http://hoster.test/").statusCode());
        assertEquals(403, get(host.mediaUrl("abc"), "Referer", host.baseUrl() + "/").statusCode());
    }

    @Test
    public void aSignedLinkNeedsItsTokenAndExpiry() throws Exception {
        String link = host.signedBase("abc") + "Ab3dE6gH9k";
        String referer = host.baseUrl() + "/";

        HttpResponse<byte[]> video = get(URI.create(link + "?token=t0k&expiry=1767225600000"), "Referer", referer);

        assertEquals(200, video.statusCode());
        assertArrayEquals(FakeMp4Host.content("abc"), video.body());
        assertEquals(403, get(URI.create(link + "?token=t0k"), "Referer", referer).statusCode());
        assertEquals(404, get(URI.create(host.signedBase("abc") + "short?token=t&expiry=1"), "Referer", referer)
                .statusCode());
    }
}
