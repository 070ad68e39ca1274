package org.catalogarr.testkit;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * A VOE-like hoster on loopback, as two hosts: the entry host ({@code voe}, like voe.sx) answers every
 * {@code /e/{code}} with a page whose script sends the browser on to the mirror ({@code voe-mirror}, like
 * VOE's rotating domains), among decoy script, font, same-host and challenge URLs. The mirror's player page
 * carries the media URLs obfuscated by {@link VoeEncoder}, encoded per request so that a changed
 * {@code CDN_BASE} placeholder shows at once. Start them with {@link #pair()}.
 * <p>
 * The media URLs are {@code {{CDN_BASE}}/hls/{code}/master.m3u8} and {@code {{CDN_BASE}}/mp4/{code}.mp4};
 * a test points {@code CDN_BASE} at its fake CDN with {@link #placeholder(String, String)} on the mirror.
 * <p>
 * Codes that behave differently, on the mirror: {@value #QUOTED} (a quoted string instead of an array),
 * {@value #HLS_ONLY} (direct access not allowed), {@value #LEGACY_HLS} ({@code 'hls': '<base64 url>'}),
 * {@value #LEGACY_A168C} ({@code var a168c='…'}), {@value #BARE_M3U8} (only a plain .m3u8 URL),
 * {@value #GARBLED} (player data that does not decode), {@value #MAINTENANCE} (200 "Maintenance Mode"),
 * {@value #DELETED} (404 "File not found"), {@value #REMOVED} (410), {@value #CHALLENGE} (403 Cloudflare
 * challenge) and {@value #ENDLESS} (redirects back to the entry host, which redirects to the mirror, for
 * ever). On the entry host, {@value #HTTP_MOVED} answers with an HTTP 301 to the mirror instead of a script.
 */
public class FakeVoe extends FakeSite {

    public static final String QUOTED = "quoted";
    public static final String HLS_ONLY = "hls-only";
    public static final String LEGACY_HLS = "legacy-hls";
    public static final String LEGACY_A168C = "legacy-a168c";
    public static final String BARE_M3U8 = "bare-m3u8";
    public static final String GARBLED = "garbled";
    public static final String MAINTENANCE = "maintenance";
    public static final String DELETED = "deleted-file";
    public static final String REMOVED = "removed";
    public static final String CHALLENGE = "challenge";
    public static final String ENDLESS = "endless";
    public static final String HTTP_MOVED = "http-moved";

    /** The entry host and its mirror, started and pointing at each other. */
    public record Pair(FakeVoe entry, FakeVoe mirror) implements AutoCloseable {

        @Override
        public void close() {
            entry.close();
            mirror.close();
        }
    }

    private final boolean mirror;
    private volatile boolean directAccess = true;

    private FakeVoe(boolean mirror) {
        super(mirror ? "voe-mirror" : "voe", "voe");
        this.mirror = mirror;
        placeholder("CDN_BASE", "http://127.0.0.1:9/cdn");
        route("GET", "/e/([A-Za-z0-9_-]+)", (request, match) -> mirror ? player(match.group(1)) : entry(match.group(1)));
    }

    /** A started entry host and mirror. */
    public static Pair pair() {
        FakeVoe entry = new FakeVoe(false);
        FakeVoe mirror = new FakeVoe(true);
        entry.placeholder("VOE_MIRROR_BASE", mirror.baseUrl().toString());
        mirror.placeholder("VOE_BASE", entry.baseUrl().toString());
        entry.start();
        mirror.start();
        return new Pair(entry, mirror);
    }

    /**
     * Whether the mirror's videos (other than {@link #HLS_ONLY}) may be fetched as MP4; VOE allows it for
     * some files only, the others are HLS.
     */
    public void directAccess(boolean allowed) {
        directAccess = allowed;
    }

    /** The embed URL of a video on this host, as a catalogue site's redirect leads to it. */
    public URI embedUrl(String code) {
        return URI.create(baseUrl() + "/e/" + code);
    }

    /** The HLS master playlist the mirror names for a video. */
    public URI hlsUrl(String code) {
        return URI.create(fill("{{CDN_BASE}}") + "/hls/" + code + "/master.m3u8");
    }

    /** The MP4 the mirror names for a video when direct access is allowed. */
    public URI mp4Url(String code) {
        return URI.create(fill("{{CDN_BASE}}") + "/mp4/" + code + ".mp4");
    }

    /** The decoded player data of a video: what the obfuscated script on the mirror stands for. */
    public String playerJson(String code) {
        return "{\"source\":\"" + hlsUrl(code) + "\",\"fallback\":[],\"direct_access_url\":\"" + mp4Url(code)
                + "\",\"direct_access_allowed\":" + (directAccess && !HLS_ONLY.equals(code))
                + ",\"captions\":[],\"default_captions_language\":\"de\",\"title\":\"Folge " + code
                + " – Ärger im Paradies.mp4\",\"site_name\":\"VOE\"}";
    }

    private Response entry(String code) throws IOException {
        String target = fill("{{VOE_MIRROR_BASE}}") + "/e/" + code;
        if (HTTP_MOVED.equals(code)) {
            return Response.redirect(301, target);
        }
        return Response.html(redirectPage(code, target));
    }

    private Response player(String code) throws IOException {
        switch (code) {
            case DELETED:
                return Response.status(404, fixture("not-found.html"));
            case REMOVED:
                return Response.status(410, fixture("not-found.html"));
            case MAINTENANCE:
                return Response.html(fixture("maintenance.html"));
            case CHALLENGE:
                return new Response(403, Map.of("Content-Type", "text/html; charset=UTF-8", "cf-mitigated", "challenge"),
                        fixture("challenge.html").replace("{{CODE}}", code));
            case ENDLESS:
                return Response.html(redirectPage(code, fill("{{VOE_BASE}}") + "/e/" + code));
            default:
                return Response.html(fixture("player.html").replace("{{PLAYER_DATA}}", playerData(code))
                        .replace("{{CODE}}", code));
        }
    }

    private String redirectPage(String code, String target) throws IOException {
        return fixture("redirect.html").replace("{{TARGET}}", target).replace("{{CODE}}", code);
    }

    private String playerData(String code) {
        String encoded = VoeEncoder.encode(playerJson(code), code.hashCode());
        switch (code) {
            case QUOTED:
                return "<script type=\"application/json\">\"" + encoded + "\"</script>";
            case LEGACY_HLS:
                String base64 = Base64.getEncoder().encodeToString(hlsUrl(code).toString().getBytes(StandardCharsets.UTF_8));
                return "<script>var sources = {'hls': '" + base64 + "', 'video_height': 720};</script>";
            case LEGACY_A168C:
                return "<script>var a168c='" + encoded + "'; var player = initPlayer(a168c);</script>";
            case BARE_M3U8:
                return "<script>player.setup({file: \"" + hlsUrl(code) + "\", autostart: false});</script>";
            case GARBLED:
                return "<script type=\"application/json\">[\"" + encoded.substring(0, encoded.length() / 2) + "\"]</script>";
            default:
                return "<script type=\"application/json\">[\"" + encoded + "\"]</script>";
        }
    }
}
