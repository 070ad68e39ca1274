package org.catalogarr.testkit;

import java.io.IOException;
import java.net.URI;

/**
 * A Luluvdo-like hoster on loopback. {@code /e/{id}} answers, only to a mobile browser (a
 * {@code User-Agent} with "Mobile"), a JWPlayer page with {@code sources: [{file:"{{CDN_BASE}}/hls/{id}/master.m3u8"}]}
 * and subtitle {@code tracks}; the older {@code /dl?op=embed&file_code={id}&auto=1} answers a page with a bare
 * {@code file:"…"} setup. The failing ids of {@link FakeHoster} apply to both.
 */
public class FakeLuluvdo extends FakeHoster {

    public FakeLuluvdo() {
        super("luluvdo");
        route("GET", "/e/([A-Za-z0-9_-]+)", (request, match) -> page(request, match.group(1), "player.html"));
        route("GET", "/dl", (request, match) -> page(request, request.query().getOrDefault("file_code", ""),
                "player-legacy.html"));
    }

    @Override
    public URI embedUrl(String id) {
        return URI.create(baseUrl() + "/e/" + id);
    }

    /** The older embed URL of a video. */
    public URI legacyEmbedUrl(String id) {
        return URI.create(baseUrl() + "/dl?op=embed&file_code=" + id + "&auto=1");
    }

    private Response page(Request request, String id, String fixture) throws IOException {
        if (!header(request, "User-Agent").contains("Mobile")) {
            return Response.status(403, "<html><body>Please open this video on your phone</body></html>");
        }
        Response failure = failure(id);
        return failure != null ? failure : player(fixture, id);
    }
}
