package org.catalogarr.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * AniWorld on loopback, in its legacy markup: the A–Z and genre index, the AJAX searches, the
 * attack-on-titan series with seasons 1–4 and movies, episode pages with their hoster lists, the
 * soft 404 of an unknown slug, and the site's redirect links.
 * <p>
 * Redirects point at {@code {{VOE_BASE}}}, {@code {{MP4_BASE}}} and {@code {{FILEMOON_BASE}}}; a test
 * sets them to its fake hosters with {@link #placeholder(String, String)}. Until then they name a
 * closed loopback port, so pages always render. {@code /redirect/9001} points at a dead host,
 * {@code /redirect/9002} back to the site's home (the link is gone), {@code /redirect/9003} answers
 * with a captcha page.
 */
public class FakeAniWorld extends FakeSite {

    /** The redirect id whose answer is a captcha page instead of a redirect. */
    public static final String CHALLENGE_REDIRECT_ID = "9003";

    /**
     * What {@link Scenario#LAYOUT_CHANGED} renames: every class, id or JSON key a parser of the
     * legacy layout keys on gets a new name, the data stays the same.
     */
    private static final Map<String, String> RENAMED_MARKUP = renamedMarkup();

    public FakeAniWorld() {
        super("aniworld");
        String closed = "http://127.0.0.1:" + closedPort();
        placeholder("VOE_BASE", closed + "/voe");
        placeholder("MP4_BASE", closed + "/mp4");
        placeholder("FILEMOON_BASE", closed + "/filemoon");
        placeholder("DEAD_BASE", closed);

        route("GET", "/animes-alphabet/?", (request, match) -> Response.html(page("animes-alphabet.html")));
        route("GET", "/animes/?", (request, match) -> Response.html(page("animes.html")));
        route("POST", "/ajax/search", (request, match) -> search("search", request.form().get("keyword")));
        route("GET", "/ajax/seriesSearch", (request, match) -> search("series-search", request.query().get("keyword")));
        route("GET", "/anime/stream/([a-z0-9-]+)(/[a-z0-9/-]*)?", (request, match) -> {
            String slug = match.group(1);
            String rest = match.group(2) == null ? "" : match.group(2).replaceAll("/+$", "");
            String resource = "anime/stream/" + slug + rest + ".html";
            if (hasFixture(resource)) {
                return Response.html(page(resource));
            }
            // The site answers an unknown series with an ordinary page that only says so.
            return hasFixture("anime/stream/" + slug + ".html")
                    ? Response.status(404, "<html><body><h1>404</h1></body></html>")
                    : Response.html(page("not-found.html"));
        });
        route("GET", "/redirect/(\\d+)", (request, match) -> {
            String id = match.group(1);
            if (CHALLENGE_REDIRECT_ID.equals(id)) {
                return Response.html(page("redirect-challenge.html"));
            }
            return redirectTarget(id).map(location -> Response.redirect(302, location))
                    .orElseGet(() -> Response.status(404, "<html><body><h1>404</h1></body></html>"));
        });
    }

    /** Where {@code /redirect/{id}} sends a browser now, with the placeholders filled in. */
    public Optional<String> redirectTarget(String id) throws IOException {
        for (String line : fixture("redirects.txt").split("\n")) {
            String[] parts = line.strip().split("\\s+", 2);
            if (parts.length == 2 && parts[0].equals(id)) {
                return Optional.of(parts[1]);
            }
        }
        return Optional.empty();
    }

    /** The site's search endpoints require the keyword; canned results are keyed by its first word. */
    private Response search(String folder, String keyword) throws IOException {
        if (keyword == null || keyword.isBlank()) {
            return Response.status(400, "{\"error\":\"keyword missing\"}");
        }
        String firstWord = keyword.strip().toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")[0];
        String resource = folder + "/" + firstWord + ".json";
        return Response.json(hasFixture(resource) ? page(resource) : "[]");
    }

    private String page(String resource) throws IOException {
        String text = fixture(resource);
        if (scenario() == Scenario.LAYOUT_CHANGED) {
            for (Map.Entry<String, String> rename : RENAMED_MARKUP.entrySet()) {
                text = text.replace(rename.getKey(), rename.getValue());
            }
        }
        return text;
    }

    private static Map<String, String> renamedMarkup() {
        Map<String, String> renames = new LinkedHashMap<>();
        renames.put("seriesContainer", "seriesList");
        renames.put("series-title", "series-heading");
        renames.put("seasonEpisodesList", "episodeTable");
        renames.put("hosterSiteVideo", "streamHosters");
        renames.put("changeLanguageBox", "languageSwitch");
        renames.put("data-lang-key", "data-language");
        renames.put("\"link\":", "\"url\":");
        return renames;
    }

    /** A loopback port nothing listens on: bound once by us, then released. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free loopback port for the dead host", e);
        }
    }
}
