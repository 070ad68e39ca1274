package org.catalogarr.testkit;

import java.net.URI;

/**
 * A Streamtape-like hoster on loopback. {@code /e/{id}} is a player page whose script writes the video link
 * into {@code #robotlink} from a string and a {@code .substring(…)} chain, next to a pre-filled
 * {@code div#robotlink} and a {@code #norobotlink} script line, both with stale tokens.
 * {@code /get_video?id={id}&…&token=}{@value #TOKEN}{@code &stream=1} answers 302 to
 * {@code {{CDN_BASE}}/mp4/{id}.mp4}; without {@code stream=1} or with another token it answers 403.
 * The failing ids of {@link FakeHoster} apply to the player page.
 */
public class FakeStreamtape extends FakeHoster {

    /** The token of the link the script computes; the decoys carry others. */
    public static final String TOKEN = "Zt6pQ2mXk9";

    public FakeStreamtape() {
        super("streamtape");
        placeholder("HOST", baseUrl().getRawAuthority());
        placeholder("TOKEN", TOKEN);
        route("GET", "/e/([A-Za-z0-9_-]+)", (request, match) -> {
            Response failure = failure(match.group(1));
            return failure != null ? failure : player("player.html", match.group(1));
        });
        route("GET", "/get_video", (request, match) -> video(request));
    }

    @Override
    public URI embedUrl(String id) {
        return URI.create(baseUrl() + "/e/" + id);
    }

    /** The link the player page's script computes for a video, before the player appends {@code &stream=1}. */
    public URI videoLink(String id) {
        return URI.create(baseUrl() + "/get_video?id=" + id + "&expires=1767225600&ip=FAKEIP&token=" + TOKEN);
    }

    private Response video(Request request) {
        String id = request.query().get("id");
        if (id == null || !TOKEN.equals(request.query().get("token")) || !"1".equals(request.query().get("stream"))) {
            return Response.status(403, "<html><body>Video not found or link expired</body></html>");
        }
        return Response.redirect(302, fill("{{CDN_BASE}}") + "/mp4/" + id + ".mp4");
    }
}
