package org.catalogarr.hosters;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.catalogarr.hoster.api.HosterException;
import org.catalogarr.hoster.api.MediaSource;
import org.catalogarr.settings.Settings;
import org.catalogarr.testkit.FakeCdn;
import org.catalogarr.testkit.FakeFilemoon;
import org.catalogarr.testkit.FakeSite.Scenario;
import org.junit.After;
import org.junit.Test;

public class FilemoonResolverTest {

    private static final String CODE = "aot0101fm";

    private final FakeFilemoon filemoon = new FakeFilemoon();
    private final FakeCdn cdn = new FakeCdn();
    private final FilemoonResolver resolver = resolver(FilemoonResolver.DEFAULT_REFERER_ORIGIN, 5);

    {
        filemoon.start();
        cdn.start();
        filemoon.placeholder("CDN_BASE", cdn.baseUrl().toString());
        cdn.refererOrigin(FilemoonResolver.DEFAULT_REFERER_ORIGIN);
    }

    @After
    public void stop() {
        filemoon.close();
        cdn.close();
    }

    private static FilemoonResolver resolver(String refererOrigin, int timeoutSeconds) {
        return new FilemoonResolver(TestDestinations.LOOPBACK, new Settings(),
                TestConfigs.browser("TestBrowser/1.0", timeoutSeconds, "referer_origin", refererOrigin));
    }

    @Test
    public void asksTheApiFirstAndTakesItsBestSource() throws Exception {
        MediaSource media = resolver.resolve(filemoon.embedUrl(CODE));

        assertEquals(filemoon.hlsUrl(CODE), media.uri());
        assertEquals(MediaSource.Kind.HLS, media.kind());
        assertEquals(List.of("GET /api/videos/" + CODE), filemoon.requests());
    }

    @Test
    public void aDownloadUrlNamesTheCodeToo() throws Exception {
        URI download = URI.create(filemoon.baseUrl() + "/d/" + CODE);

        assertEquals(filemoon.hlsUrl(CODE), resolver.resolve(download).uri());
        assertEquals(List.of("GET /api/videos/" + CODE), filemoon.requests());
    }

    @Test
    public void theApiWorksBehindTheSpaShell() throws Exception {
        assertEquals(filemoon.hlsUrl(FakeFilemoon.API_ONLY), resolver.resolve(filemoon.embedUrl(FakeFilemoon.API_ONLY)).uri());
    }

    @Test
    public void unpacksTheIframesPlayerScriptWhenThereIsNoApi() throws Exception {
        String code = FakeFilemoon.LEGACY_ONLY;

        MediaSource media = resolver.resolve(filemoon.embedUrl(code));

        assertEquals(filemoon.hlsUrl(code), media.uri());
        assertEquals(MediaSource.Kind.HLS, media.kind());
        assertEquals(List.of("GET /api/videos/" + code, "GET /e/" + code, "GET /bkg/" + code + "?ref=embed"),
                filemoon.requests());
    }

    @Test
    public void followsRedirectsOfTheApiAndThePage() throws Exception {
        String moved = FakeFilemoon.MOVED;
        String target = FakeFilemoon.LEGACY_ONLY;

        assertEquals(filemoon.hlsUrl(target), resolver.resolve(filemoon.embedUrl(moved)).uri());
        assertEquals(List.of("GET /api/videos/" + moved, "GET /api/videos/" + target, "GET /e/" + moved, "GET /e/" + target,
                "GET /bkg/" + target + "?ref=embed"), filemoon.requests());
    }

    @Test
    public void fallsBackToThePageWhenThePayloadDoesNotDecrypt() throws Exception {
        assertEquals(filemoon.hlsUrl(FakeFilemoon.BAD_KEY), resolver.resolve(filemoon.embedUrl(FakeFilemoon.BAD_KEY)).uri());
        assertTrue(filemoon.requests().toString(), filemoon.requests().contains("GET /bkg/" + FakeFilemoon.BAD_KEY + "?ref=embed"));
    }

    @Test
    public void theMediaRequestsCarryTheConfiguredOriginAndTheUserAgent() throws Exception {
        MediaSource media = resolver.resolve(filemoon.embedUrl(CODE));

        assertEquals(Map.of("User-Agent", "TestBrowser/1.0", "Referer", "https://filemoon.to/", "Origin",
                "https://filemoon.to"), media.headers());
    }

    @Test
    public void withoutAConfiguredOriginThePlayerPagesOriginIsSent() throws Exception {
        MediaSource media = resolver(" ", 5).resolve(filemoon.embedUrl(FakeFilemoon.LEGACY_ONLY));

        assertEquals(filemoon.baseUrl() + "/", media.headers().get("Referer"));
        assertEquals(filemoon.baseUrl().toString(), media.headers().get("Origin"));
    }

    @Test
    public void theCdnServesTheApisPlaylistWithTheReturnedHeaders() throws Exception {
        MediaSource media = resolver.resolve(filemoon.embedUrl(CODE));

        assertPlaylistServed(media);
    }

    @Test
    public void theCdnServesTheUnpackedPlaylistWithTheReturnedHeaders() throws Exception {
        MediaSource media = resolver.resolve(filemoon.embedUrl(FakeFilemoon.LEGACY_ONLY));

        assertPlaylistServed(media);
    }

    @Test
    public void aMissingFileIsGone() {
        assertFailure(failure(FakeFilemoon.GONE), true, "Filemoon: the file is gone (HTTP 404) at "
                + filemoon.embedUrl(FakeFilemoon.GONE));
    }

    @Test
    public void aNotFoundPageIsGoneWhateverItsStatus() {
        assertFailure(failure(FakeFilemoon.DELETED), true, "Filemoon: the file is gone (\"File Not Found - Filemoon\") at "
                + filemoon.embedUrl(FakeFilemoon.DELETED));
    }

    @Test
    public void maintenanceIsTemporary() {
        assertFailure(failure(FakeFilemoon.MAINTENANCE), false, "Filemoon: the hoster is in maintenance mode",
                "the API gave no media either: HTTP 503");
    }

    @Test
    public void theSpaShellWithoutDataIsTemporaryAndSaysSo() {
        assertFailure(failure(FakeFilemoon.SPA_SHELL), false, "Filemoon: the page gives no media (SPA shell",
                filemoon.embedUrl(FakeFilemoon.SPA_SHELL).toString(), "no playback at ");
    }

    @Test
    public void theSpaShellIsGoneWhenTheApiDoesNotKnowTheVideo() {
        assertFailure(failure(FakeFilemoon.SHELL_GONE), true, "Filemoon: the page gives no media (SPA shell",
                "the API gave no media either: HTTP 404");
    }

    @Test
    public void aBrokenPackedScriptNamesTheStepAndThePage() {
        assertFailure(failure(FakeFilemoon.BROKEN_PACK), false, "Filemoon: cannot unpack the player script: ",
                filemoon.playerUrl(FakeFilemoon.BROKEN_PACK).toString(), "the API gave no media either: HTTP 404");
    }

    @Test
    public void aServerErrorIsTemporary() {
        filemoon.scenario(Scenario.ERROR_THEN_OK);

        assertFailure(failure(CODE), false, "Filemoon: an error page instead of the player (HTTP 503)",
                "the API gave no media either: HTTP 503");
    }

    @Test
    public void aSlowHosterTimesOut() {
        filemoon.scenario(Scenario.SLOW);
        filemoon.slowDelayMillis(3_000);

        assertFailure(assertThrows(HosterException.class,
                () -> resolver(FilemoonResolver.DEFAULT_REFERER_ORIGIN, 1).resolve(filemoon.embedUrl(CODE))), false,
                "Filemoon: no complete answer within 1 s");
    }

    @Test
    public void aUrlThatIsNoHttpIsRefusedWithoutAsking() {
        assertFailure(assertThrows(HosterException.class, () -> resolver.resolve(URI.create("ftp://127.0.0.1/e/" + CODE))),
                true, "Filemoon: refusing ftp://127.0.0.1/e/" + CODE + ": only http and https URLs are fetched");
    }

    @Test
    public void aRefererOriginThatIsNoHttpOriginIsRefusedAndTheDefaultKept() throws Exception {
        Settings settings = new Settings();
        FilemoonResolver refused = new FilemoonResolver(TestDestinations.LOOPBACK, settings,
                TestConfigs.browser("TestBrowser/1.0", 5, "referer_origin", "ftp://filemoon.to"));

        assertEquals(List.of("referer_origin must be empty or an http(s) origin such as https://filemoon.to,"
                + " was 'ftp://filemoon.to'"), settings.problems().get(FilemoonResolver.PID));
        MediaSource media = refused.resolve(filemoon.embedUrl(CODE));
        assertEquals(FilemoonResolver.DEFAULT_REFERER_ORIGIN + "/", media.headers().get("Referer"));
    }

    private HosterException failure(String code) {
        return assertThrows(HosterException.class, () -> resolver.resolve(filemoon.embedUrl(code)));
    }

    private static void assertFailure(HosterException failure, boolean gone, String start, String... parts) {
        assertEquals(failure.getMessage(), gone, failure.gone());
        assertTrue(failure.getMessage(), failure.getMessage().startsWith(start));
        for (String part : parts) {
            assertTrue(failure.getMessage(), failure.getMessage().contains(part));
        }
    }

    /** The download engine's first request: the master playlist, with the headers the resolver returned. */
    private void assertPlaylistServed(MediaSource media) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest.Builder request = HttpRequest.newBuilder(media.uri()).timeout(Duration.ofSeconds(5));
        media.headers().forEach(request::header);
        HttpResponse<String> playlist = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> bare = client.send(HttpRequest.newBuilder(media.uri()).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, playlist.statusCode());
        assertTrue(playlist.body(), playlist.body().startsWith("#EXTM3U") && playlist.body().contains(FakeCdn.BEST));
        assertEquals(403, bare.statusCode());
    }
}
