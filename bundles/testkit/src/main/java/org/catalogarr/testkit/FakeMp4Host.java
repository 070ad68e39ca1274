package org.catalogarr.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Vidoza-like hoster on loopback: {@code /embed-{id}.html} is a player page whose
 * {@code <source type="video/mp4">} points at {@code /mp4/{id}.mp4}, which serves {@link #SIZE}
 * bytes computed from the id, with byte ranges.
 * <p>
 * Some ids behave differently: {@code scripted} has the media only in a {@code sourcesCode} script
 * (with a relative URL); {@code deleted} answers 404 "File was deleted"; {@code dropping} breaks the
 * first media connection after {@link #DROP_AFTER} bytes; {@code stalling} falls silent there on its first
 * connection, keeping it open; {@code norange} ignores {@code Range} and
 * always sends the whole file; {@code mislabelled} answers ranges with a wrong total in
 * {@code Content-Range}. The media needs a {@code Referer} on this host (or on the origin set with
 * {@link #refererOrigin(String)}), as real hosters demand.
 * <p>
 * A test can make any id {@link #hostile(String, Hostility, String) hostile}: its page or media then never
 * ends, drips, redirects elsewhere, or names media of another scheme.
 * <p>
 * The same videos are also served as Doodstream-like links, {@code /dl/{id}~<10 random characters>}, which
 * answer 403 unless their query has {@code token=} and {@code expiry=}.
 */
public class FakeMp4Host extends FakeSite {

    /** The size of every video. */
    public static final int SIZE = 200 * 1024;
    /** Where the {@code dropping} video's first connection breaks. */
    public static final int DROP_AFTER = 64 * 1024;

    /** How long a {@link Hostility#HUGE_PAGE} is: far beyond any page limit, and beyond a small heap. */
    public static final long HUGE_PAGE_BYTES = 512L * 1024 * 1024;
    /** How often a dripping answer sends its next byte. */
    public static final long DRIP_MILLIS = 2_000;

    /** What a hostile id does instead of behaving. */
    public enum Hostility {
        /** The embed page never seems to end: {@link #HUGE_PAGE_BYTES} of markup. */
        HUGE_PAGE,
        /** The embed page comes one byte every {@link #DRIP_MILLIS}. */
        DRIPPING_PAGE,
        /** The media comes one byte every {@link #DRIP_MILLIS}. */
        DRIPPING_MEDIA,
        /** The embed page redirects (302) to the target. */
        REDIRECTING_PAGE,
        /** The media redirects (302) to the target. */
        REDIRECTING_MEDIA,
        /** The embed page names the target as its media, whatever its scheme. */
        NAMING_MEDIA,
        /**
         * The first request for the whole media after this hostility was set breaks after {@link #DROP_AFTER}
         * bytes, as the {@code dropping} id does; requests after it, and ranges, are answered in full.
         */
        CUT_MEDIA
    }

    private record Hostile(Hostility how, String target) {
    }

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");

    private final Map<String, Hostile> hostile = new ConcurrentHashMap<>();
    private final Set<String> dropped = ConcurrentHashMap.newKeySet();
    /** The ids made {@link Hostility#CUT_MEDIA} whose one cut connection is behind them. */
    private final Set<String> cut = ConcurrentHashMap.newKeySet();
    private volatile String origin;

    public FakeMp4Host() {
        super("mp4host");
        origin = baseUrl().toString();
        route("GET", "/embed-([A-Za-z0-9_-]+)\\.html", (request, match) -> embed(match.group(1)));
        route("GET", "/mp4/([A-Za-z0-9_-]+)\\.mp4", (request, match) -> media(match.group(1), request));
        route("GET", "/dl/([A-Za-z0-9_-]+)~[A-Za-z0-9]{10}", (request, match) -> signed(match.group(1), request));
    }

    /**
     * The origin whose pages may use this host's media, for a test that stands it in for another hoster's
     * CDN: requests need a {@code Referer} that starts with it.
     */
    public void refererOrigin(String newOrigin) {
        origin = newOrigin;
    }

    /**
     * Makes an id hostile, or well-behaved again with {@code how} null.
     *
     * @param target where a redirect leads, or the media a page names; ignored by the other hostilities
     */
    public void hostile(String id, Hostility how, String target) {
        if (how == null) {
            hostile.remove(id);
        } else {
            hostile.put(id, new Hostile(how, target));
            cut.remove(id);
        }
    }

    /** The start of a video's Doodstream-like link, to which the player page's script appends the rest. */
    public URI signedBase(String id) {
        return URI.create(baseUrl() + "/dl/" + id + "~");
    }

    /** The embed page of a video, as a catalogue site's redirect would lead to it. */
    public URI embedUrl(String id) {
        return URI.create(baseUrl() + "/embed-" + id + ".html");
    }

    /** The media URL of a video, as the embed page names it. */
    public URI mediaUrl(String id) {
        return URI.create(baseUrl() + "/mp4/" + id + ".mp4");
    }

    /** The bytes of a video: the same for the same id, different for different ids. */
    public static byte[] content(String id) {
        MessageDigest digest = sha256();
        ByteBuffer bytes = ByteBuffer.allocate(SIZE);
        byte[] seed = id.getBytes(StandardCharsets.UTF_8);
        for (int block = 0; bytes.hasRemaining(); block++) {
            digest.update(seed);
            digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(block).array());
            byte[] hash = digest.digest();
            bytes.put(hash, 0, Math.min(hash.length, bytes.remaining()));
        }
        return bytes.array();
    }

    /** The SHA-256 of {@link #content(String)}, in lower-case hex. */
    public static String sha256Of(String id) {
        return HexFormat.of().formatHex(sha256().digest(content(id)));
    }

    private Response embed(String id) throws IOException {
        Hostile trick = hostile.get(id);
        if (trick != null) {
            switch (trick.how()) {
                case HUGE_PAGE:
                    return Response.streamed(200, Map.of("Content-Type", "text/html; charset=UTF-8"), FakeMp4Host::huge);
                case DRIPPING_PAGE:
                    return Response.streamed(200, Map.of("Content-Type", "text/html; charset=UTF-8"),
                            (body, pause) -> drip(body, pause, "<html><body>".repeat(100).getBytes(StandardCharsets.UTF_8)));
                case REDIRECTING_PAGE:
                    return Response.redirect(302, trick.target());
                case NAMING_MEDIA:
                    return Response.html("<html><body><video><source type=\"video/mp4\" src=\"" + trick.target()
                            + "\"></video></body></html>");
                default:
                    break;
            }
        }
        if ("deleted".equals(id)) {
            return Response.status(404, fixture("deleted.html"));
        }
        String page = fixture("scripted".equals(id) ? "embed-scripted.html" : "embed.html");
        return Response.html(page.replace("{{ID}}", id));
    }

    private Response media(String id, Request request) throws IOException {
        if ("deleted".equals(id)) {
            return Response.status(404, fixture("deleted.html"));
        }
        if (!first(request.headers().get("Referer")).startsWith(origin)) {
            return Response.status(403, "<html><body>Hotlinking is not allowed</body></html>");
        }
        byte[] video = content(id);
        Hostile trick = hostile.get(id);
        if (trick != null && trick.how() == Hostility.REDIRECTING_MEDIA) {
            return Response.redirect(302, trick.target());
        }
        if (trick != null && trick.how() == Hostility.DRIPPING_MEDIA) {
            return Response.streamed(200, Map.of("Content-Type", "video/mp4"), (body, pause) -> drip(body, pause, video));
        }
        Matcher range = RANGE.matcher(first(request.headers().get("Range")));
        if (range.matches() && !"norange".equals(id)) {
            int from = Integer.parseInt(range.group(1));
            int to = range.group(2).isEmpty() ? video.length - 1 : Math.min(Integer.parseInt(range.group(2)), video.length - 1);
            if (from >= video.length) {
                return new Response(416, Map.of("Content-Range", "bytes */" + video.length), "");
            }
            int total = "mislabelled".equals(id) ? video.length * 2 : video.length;
            byte[] part = Arrays.copyOfRange(video, from, to + 1);
            return Response.binary(206, Map.of("Content-Type", "video/mp4", "Accept-Ranges", "bytes",
                    "Content-Range", "bytes " + from + "-" + to + "/" + total), part);
        }
        Response whole = Response.binary(200, Map.of("Content-Type", "video/mp4", "Accept-Ranges", "bytes"), video);
        if (trick != null && trick.how() == Hostility.CUT_MEDIA && cut.add(id)) {
            return whole.droppedAfter(DROP_AFTER);
        }
        if ("dropping".equals(id) && dropped.add(id)) {
            return whole.droppedAfter(DROP_AFTER);
        }
        return "stalling".equals(id) && dropped.add(id) ? whole.stalledAfter(DROP_AFTER) : whole;
    }

    private Response signed(String id, Request request) throws IOException {
        if (request.query().get("token") == null || request.query().get("expiry") == null) {
            return Response.status(403, "<html><body>Invalid or expired link</body></html>");
        }
        return media(id, request);
    }

    private static void huge(OutputStream body, FakeSite.Pause pause) throws IOException {
        byte[] block = "<div class=\"filler\">lorem ipsum dolor sit amet</div>\n".repeat(1024).getBytes(StandardCharsets.UTF_8);
        body.write("<!DOCTYPE html><html><head><title>Watch</title></head><body>".getBytes(StandardCharsets.UTF_8));
        for (long sent = 0; sent < HUGE_PAGE_BYTES; sent += block.length) {
            body.write(block);
        }
    }

    /** One byte of {@code bytes} every {@link #DRIP_MILLIS}, until the fake closes or the client goes. */
    private static void drip(OutputStream body, FakeSite.Pause pause, byte[] bytes) throws IOException {
        for (byte b : bytes) {
            body.write(b);
            body.flush();
            if (!pause.sleep(DRIP_MILLIS)) {
                return;
            }
        }
    }

    private static String first(List<String> values) {
        return values == null || values.isEmpty() ? "" : values.get(0);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
