package org.catalogarr.testkit;

import java.net.URI;
import java.util.Map;

/**
 * A LoadX-like hoster on loopback. {@code /e/{hash}} redirects (302) to {@code /video/{hash}/watch}, a
 * player page that sets the cookie {@code fireplayer_player}; the player's script then POSTs to
 * {@code /player/index.php?data={hash}&do=getVideo}, which answers
 * {@code {"videoSource": "{{CDN_BASE}}/hls/{hash}/master.m3u8", …}} only with that cookie and
 * {@code X-Requested-With: XMLHttpRequest}, else 403. The failing ids of {@link FakeHoster} apply to the
 * player page, except {@value #CHANGED}, whose answer to the POST names no {@code videoSource}.
 */
public class FakeLoadX extends FakeHoster {

    public FakeLoadX() {
        super("loadx");
        route("GET", "/e/([A-Za-z0-9_-]+)", (request, match) -> Response.redirect(302, "/video/" + match.group(1) + "/watch"));
        route("GET", "/video/([A-Za-z0-9_-]+)/[^/]*", (request, match) -> {
            String hash = match.group(1);
            Response failure = CHANGED.equals(hash) ? null : failure(hash);
            if (failure != null) {
                return failure;
            }
            Response page = player("player.html", hash);
            return new Response(200, Map.of("Content-Type", "text/html; charset=UTF-8",
                    "Set-Cookie", "fireplayer_player=" + cookie(hash) + "; path=/; HttpOnly"), page.body());
        });
        route("POST", "/player/index\\.php", (request, match) -> video(request));
    }

    @Override
    public URI embedUrl(String hash) {
        return URI.create(baseUrl() + "/e/" + hash);
    }

    /** The value of the session cookie the player page of a video sets. */
    public static String cookie(String hash) {
        return "fp" + Integer.toHexString(hash.hashCode());
    }

    private Response video(Request request) {
        String hash = request.query().getOrDefault("data", "");
        boolean xhr = "XMLHttpRequest".equals(header(request, "X-Requested-With"));
        boolean session = header(request, "Cookie").contains("fireplayer_player=" + cookie(hash));
        if (!"getVideo".equals(request.query().get("do")) || !xhr || !session) {
            return new Response(403, Map.of("Content-Type", "application/json"), "{\"error\":\"forbidden\"}");
        }
        String hls = fill("{{CDN_BASE}}") + "/hls/" + hash + "/master.m3u8";
        return Response.json(CHANGED.equals(hash)
                ? "{\"hls\":true,\"sources\":[{\"src\":\"" + hls + "\"}]}"
                : "{\"hls\":true,\"videoImage\":\"/thumbs/" + hash + ".jpg\",\"videoSource\":\"" + hls
                        + "\",\"securedLink\":\"\",\"downloadLinks\":[]}");
    }
}
