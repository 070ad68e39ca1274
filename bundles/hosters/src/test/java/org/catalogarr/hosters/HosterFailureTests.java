package org.catalogarr.hosters;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.catalogarr.hoster.api.HosterException;
import org.catalogarr.hoster.api.HosterResolver;
import org.catalogarr.hoster.api.MediaSource;
import org.catalogarr.testkit.FakeHoster;
import org.catalogarr.testkit.FakeSite;
import org.catalogarr.testkit.FakeSite.Scenario;
import org.junit.After;
import org.junit.Test;

/**
 * How every resolver of a {@link FakeHoster} tells a file that is gone from a hoster that is down for now or
 * has changed its pages. A subclass gives its resolver, the fake hoster and the fake server of its media,
 * which this starts and points the hoster's pages at.
 */
public abstract class HosterFailureTests<H extends FakeHoster, C extends FakeSite, R extends HosterResolver> {

    private static final HttpClient MEDIA_CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    protected final H hoster;
    protected final C cdn;
    protected final R resolver;
    private final String marker;

    /** @param marker a piece of the layout-changed message that names what the resolver did not find */
    protected HosterFailureTests(H hoster, C cdn, R resolver, String marker) {
        this.hoster = hoster;
        this.cdn = cdn;
        this.resolver = resolver;
        this.marker = marker;
        hoster.start();
        cdn.start();
        hoster.placeholder("CDN_BASE", cdn.baseUrl().toString());
    }

    @After
    public void stopServers() {
        hoster.close();
        cdn.close();
    }

    /** The first bytes of the media, requested as the download engine does: with its headers, following redirects. */
    static HttpResponse<byte[]> firstBytes(MediaSource media, boolean withHeaders) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(media.uri()).timeout(Duration.ofSeconds(5))
                .header("Range", "bytes=0-1023");
        if (withHeaders) {
            media.headers().forEach(request::header);
        }
        return MEDIA_CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HosterException failure(String id) {
        return assertThrows(HosterException.class, () -> resolver.resolve(hoster.embedUrl(id)));
    }

    private void assertGone(String id, String detail) {
        HosterException failure = failure(id);
        assertTrue(failure.getMessage(), failure.gone());
        assertTrue(failure.getMessage(), failure.getMessage().startsWith(resolver.name() + ": the file is gone"));
        assertTrue(failure.getMessage(), failure.getMessage().contains(detail));
        assertTrue(failure.getMessage(), failure.getMessage().contains(hoster.embedUrl(id).toString()));
    }

    private HosterException assertTemporary(String id) {
        HosterException failure = failure(id);
        assertFalse(failure.getMessage(), failure.gone());
        assertTrue(failure.getMessage(), failure.getMessage().startsWith(resolver.name() + ": "));
        assertTrue(failure.getMessage(), failure.getMessage().contains(hoster.embedUrl(id).toString()));
        return failure;
    }

    @Test
    public void aMissingFileIsGone() {
        assertGone(FakeHoster.DELETED, "HTTP 404");
    }

    @Test
    public void aRemovedFileIsGone() {
        assertGone(FakeHoster.REMOVED, "HTTP 410");
    }

    @Test
    public void aDeletedNoticeIsGone() {
        assertGone(FakeHoster.DELETED_NOTICE, "Watch video");
    }

    @Test
    public void maintenanceIsTemporary() {
        assertTrue(assertTemporary(FakeHoster.MAINTENANCE).getMessage().contains("maintenance mode"));
    }

    @Test
    public void aChallengeIsTemporary() {
        String message = assertTemporary(FakeHoster.CHALLENGE).getMessage();
        assertTrue(message, message.contains("challenge") && message.contains("HTTP 403"));
    }

    @Test
    public void aServerErrorIsTemporary() {
        hoster.scenario(Scenario.ERROR_THEN_OK);

        assertTrue(assertTemporary("x1").getMessage().contains("HTTP 503"));
    }

    @Test
    public void aChangedPageNamesTheHosterWhatIsMissingAndTheUrl() {
        String message = assertTemporary(FakeHoster.CHANGED).getMessage();
        assertTrue(message, message.startsWith(resolver.name() + ": the page layout changed, "));
        assertTrue(message, message.contains(marker));
    }
}
