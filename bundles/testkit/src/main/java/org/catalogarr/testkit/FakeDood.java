package org.catalogarr.testkit;

import java.net.URI;
import java.util.Map;

/**
 * A Doodstream-like hoster on loopback. {@code /e/{id}} is a player page whose script calls
 * {@code $.get('/pass_md5/{id}-…/}{@value #TOKEN}{@code ')}; that answers, only with a {@code Referer} from
 * this host's {@code /e/} pages, the start of the video link, {@code {{CDN_BASE}}/dl/{id}~}, to which the
 * script appends ten random characters and {@code ?token=…&expiry=…} ({@link FakeMp4Host} serves such links).
 * There is no {@code /d/{id}} download page: a resolver must go to the player page. The failing ids of
 * {@link FakeHoster} apply to the player page; for {@value #REFUSED}, pass_md5 answers 200 "RELOAD" as
 * Doodstream does to sessions it distrusts.
 */
public class FakeDood extends FakeHoster {

    /** The token the player page names. */
    public static final String TOKEN = "q8mw3xk2vd7rj5hn";
    public static final String REFUSED = "refused";

    public FakeDood() {
        super("dood");
        placeholder("TOKEN", TOKEN);
        route("GET", "/e/([A-Za-z0-9_-]+)", (request, match) -> {
            Response failure = failure(match.group(1));
            return failure != null ? failure : player("player.html", match.group(1));
        });
        route("GET", "/pass_md5/([A-Za-z0-9_-]+?)-[0-9]+-[a-z0-9]+/" + TOKEN, (request, match) -> {
            if (!header(request, "Referer").startsWith(baseUrl() + "/e/")) {
                return Response.status(403, "RELOAD");
            }
            if (REFUSED.equals(match.group(1))) {
                return new Response(200, Map.of("Content-Type", "text/plain"), "RELOAD");
            }
            return new Response(200, Map.of("Content-Type", "text/plain"),
                    fill("{{CDN_BASE}}") + "/dl/" + match.group(1) + "~");
        });
    }

    @Override
    public URI embedUrl(String id) {
        return URI.create(baseUrl() + "/e/" + id);
    }

    /** The download page of a video, which links the player page. */
    public URI downloadUrl(String id) {
        return URI.create(baseUrl() + "/d/" + id);
    }
}
