package org.catalogarr.testkit;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * A video hoster on loopback whose player pages name media on another server: {@code {{CDN_BASE}}} in its
 * pages stands for that server, which a test points at its {@link FakeCdn} (HLS) or {@link FakeMp4Host}
 * (MP4) with {@link #placeholder(String, String)}.
 * <p>
 * Ids that fail alike on every such hoster: {@value #DELETED} (404 "File Not Found"), {@value #REMOVED} (410),
 * {@value #DELETED_NOTICE} (200 with a "File was deleted" page), {@value #MAINTENANCE} (200 "Maintenance Mode"),
 * {@value #CHALLENGE} (403 Cloudflare challenge) and {@value #CHANGED} (200 with a player page in a markup no
 * resolver knows).
 */
public abstract class FakeHoster extends FakeSite {

    public static final String DELETED = "deleted";
    public static final String REMOVED = "removed";
    public static final String DELETED_NOTICE = "deleted-notice";
    public static final String MAINTENANCE = "maintenance";
    public static final String CHALLENGE = "challenge";
    public static final String CHANGED = "changed";

    protected FakeHoster(String name) {
        super(name);
        placeholder("CDN_BASE", "http://127.0.0.1:9/cdn");
    }

    /** The embed URL of a video, as a catalogue site's redirect leads to it. */
    public abstract URI embedUrl(String id);

    /** The answer for the ids that fail alike on every hoster, or null for the other ids. */
    protected static Response failure(String id) {
        switch (id) {
            case DELETED:
                return Response.status(404, page("File Not Found", "<h1>File Not Found</h1>"));
            case REMOVED:
                return Response.status(410, page("File Not Found", "<h1>This file is no longer available</h1>"));
            case DELETED_NOTICE:
                return Response.html(page("Watch video", "<div class=\"notice\"><h2>File was deleted</h2>"
                        + "<p>The file was removed by its owner or for a copyright violation.</p></div>"));
            case MAINTENANCE:
                return Response.html(page("Maintenance Mode", "<h1>We'll be back soon!</h1>"));
            case CHALLENGE:
                return new Response(403, Map.of("Content-Type", "text/html; charset=UTF-8", "cf-mitigated", "challenge"),
                        page("Just a moment...", "<div class=\"cf-turnstile\" data-sitekey=\"0x4AAAAAAAfake\"></div>"));
            case CHANGED:
                return Response.html(page("Watch video", "<div id=\"player\" data-config=\"/api/v3/player\"></div>"
                        + "<script src=\"/assets/player-v3.js\"></script>"));
            default:
                return null;
        }
    }

    /** The page of a video from a fixture, {@code {{ID}}} replaced by the id. */
    protected Response player(String fixture, String id) throws IOException {
        return Response.html(fixture(fixture).replace("{{ID}}", id));
    }

    /** A request's first value of a header, or "" when it has none. */
    protected static String header(Request request, String name) {
        List<String> values = request.headers().get(name);
        return values == null || values.isEmpty() ? "" : values.get(0);
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + title + "</title></head><body>" + body
                + "</body></html>";
    }
}
