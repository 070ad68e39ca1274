package org.catalogarr.testkit;

import java.net.URI;

/**
 * A Vidmoly-like hoster on loopback. {@code /embed-{id}.html} answers, only to a request with a
 * {@code Referer}, a JWPlayer page with {@code sources: [{file:"{{CDN_BASE}}/hls/{id}/master.m3u8"}]}; id
 * {@value #LEGACY} has the older {@code file: "…"} setup instead. The failing ids of {@link FakeHoster} apply.
 */
public class FakeVidmoly extends FakeHoster {

    public static final String LEGACY = "legacy";

    public FakeVidmoly() {
        super("vidmoly");
        route("GET", "/embed-([A-Za-z0-9_-]+)\\.html", (request, match) -> {
            if (header(request, "Referer").isEmpty()) {
                return Response.status(403, "<html><body>Access denied: this video may only be embedded</body></html>");
            }
            String id = match.group(1);
            Response failure = failure(id);
            if (failure != null) {
                return failure;
            }
            return player(LEGACY.equals(id) ? "player-legacy.html" : "player.html", id);
        });
    }

    @Override
    public URI embedUrl(String id) {
        return URI.create(baseUrl() + "/embed-" + id + ".html");
    }
}
