package org.catalogarr.testkit;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A hoster's HLS CDN on loopback. {@code /hls/{code}/master.m3u8} lists two variants, {@value #LOW}
 * and the better {@value #BEST}, by relative URI; each variant's {@code index.m3u8} lists
 * {@link #SEGMENTS} small segments (the first by absolute URI, the others relative) whose bytes are
 * computed from the code, so {@link #content(String)} tells a test what the downloaded file must hold.
 * <p>
 * Everything answers 403 unless the {@code Referer} starts with the hoster's origin (by default this
 * server's own base URL), and 403 once the time in an {@code ?e=<epoch seconds>} query has passed; the
 * query is carried into every URI the playlists name, as CDN tokens are.
 * <p>
 * Codes that contain these words behave differently, and combine (e.g. {@code fmp4-stalling}): {@code aesiv} is AES-128 encrypted with an
 * explicit IV and {@code aes} with the IV taken from the media sequence (the key is at
 * {@code /hls/{code}/key}); {@code fmp4} is fragmented MP4 with an {@code #EXT-X-MAP} initialisation
 * section; {@code dropping} breaks the first connection for segment {@value #FAULTY_SEGMENT} halfway,
 * {@code stalling} falls silent there on its first connection; {@code gone} answers 404 for segment
 * {@value #FAULTY_SEGMENT}; {@code live} has no {@code #EXT-X-ENDLIST}.
 */
public class FakeCdn extends FakeSite {

    /** The better variant, which a downloader must choose. */
    public static final String BEST = "720p";
    /** The lesser variant, listed first. */
    public static final String LOW = "360p";
    /** How many segments each variant has. */
    public static final int SEGMENTS = 5;
    /** The segment that the {@code dropping}, {@code stalling} and {@code gone} codes spoil. */
    public static final int FAULTY_SEGMENT = 2;
    /** The media sequence number of the first segment. */
    public static final int FIRST_SEQUENCE = 40;

    /** How many segments a {@code long} code has. */
    public static final int LONG_SEGMENTS = 40;
    /** How long a {@code slow} code's segments take. */
    public static final long SLOW_MILLIS = 400;

    private static final String CODE = "/hls/([A-Za-z0-9_-]+)";
    private static final String VARIANT = "/(" + LOW + "|" + BEST + ")";

    /** Real media of a code: video (or muxed) segments, then the separate audio rendition's (empty if none). */
    private record Media(List<byte[]> segments, List<byte[]> audio) {
    }

    private final Set<String> spoilt = ConcurrentHashMap.newKeySet();
    private final Map<String, String> aliases = new ConcurrentHashMap<>();
    private final Map<String, Media> served = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private volatile String origin;

    public FakeCdn() {
        super("cdn");
        origin = baseUrl().toString();
        route("GET", CODE + "/master\\.m3u8", (request, match) -> guarded(request, () -> master(as(match.group(1)),
                request)));
        route("GET", CODE + VARIANT + "/index\\.m3u8",
                (request, match) -> guarded(request, () -> media(match.group(1), match.group(2), request)));
        route("GET", CODE + VARIANT + "/init\\.mp4",
                (request, match) -> guarded(request, () -> binary("video/mp4", init(as(match.group(1)), match.group(2)))));
        route("GET", CODE + VARIANT + "/seg(\\d+)\\.(ts|m4s)", (request, match) -> guarded(request,
                () -> segmentAnswer(as(match.group(1)), match.group(2), Integer.parseInt(match.group(3)))));
        route("GET", CODE + "/key", (request, match) -> guarded(request,
                () -> binary("application/octet-stream", key(as(match.group(1))))));
        route("GET", CODE + "/audio/index\\.m3u8", (request, match) -> guarded(request,
                () -> audioPlaylist(as(match.group(1)), request)));
        route("GET", CODE + "/audio/seg(\\d+)\\.ts", (request, match) -> guarded(request,
                () -> audioSegment(as(match.group(1)), Integer.parseInt(match.group(2)))));
    }

    /** Answers the requests for {@code code} (a hoster's fixed code) as those for {@code behaviour}. */
    public void behaveAs(String code, String behaviour) {
        aliases.put(code, behaviour);
    }

    /**
     * Serves real media for a code: these MPEG-TS segments for both variants, and when {@code audio} is not
     * empty, an audio rendition of its own that the master playlist names (the variants then have no sound).
     */
    public void serve(String code, List<byte[]> segments, List<byte[]> audio) {
        served.put(code, new Media(List.copyOf(segments), List.copyOf(audio)));
    }

    private String as(String code) {
        return aliases.getOrDefault(code, code);
    }

    /** How many segments each variant of a code has. */
    public int segmentCount(String code) {
        Media media = served.get(code);
        return media != null ? media.segments().size() : code.contains("long") ? LONG_SEGMENTS : SEGMENTS;
    }

    /** The origin whose pages may use this CDN: requests need a {@code Referer} that starts with it. */
    public void refererOrigin(String newOrigin) {
        origin = newOrigin;
    }

    /** The master playlist of a video. */
    public URI masterUrl(String code) {
        return URI.create(baseUrl() + "/hls/" + code + "/master.m3u8");
    }

    /** The master playlist of a video through a link that expires at {@code expiry}. */
    public URI masterUrl(String code, Instant expiry) {
        return URI.create(masterUrl(code) + "?e=" + expiry.getEpochSecond());
    }

    /** What a download of the best variant must produce: its initialisation section if any, then every segment. */
    public static byte[] content(String code) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (code.contains("fmp4")) {
            bytes.writeBytes(init(code, BEST));
        }
        for (int index = 0; index < (code.contains("long") ? LONG_SEGMENTS : SEGMENTS); index++) {
            bytes.writeBytes(plainSegment(code, BEST, index));
        }
        return bytes.toByteArray();
    }

    /** The path of a segment of the best variant, as request logs show it. */
    public static String segmentPath(String code, int index) {
        return "/hls/" + code + "/" + BEST + "/seg" + index + (code.contains("fmp4") ? ".m4s" : ".ts");
    }

    /** A segment as played, unencrypted; sizes differ from segment to segment, as real ones do. */
    public static byte[] plainSegment(String code, String variant, int index) {
        return bytes(code + "/" + variant + "/" + index, 3000 + 613 * index + (BEST.equals(variant) ? 1000 : 0));
    }

    private static byte[] init(String code, String variant) {
        return bytes(code + "/" + variant + "/init", 700);
    }

    private static byte[] key(String code) {
        return bytes("key/" + code, 16);
    }

    private static byte[] iv(String code, int index) {
        if (code.contains("aesiv")) {
            return bytes("iv/" + code, 16);
        }
        return ByteBuffer.allocate(16).putLong(8, FIRST_SEQUENCE + index).array();
    }

    private Response master(String code, Request request) {
        hits.computeIfAbsent("master " + code, k -> new AtomicInteger()).incrementAndGet();
        String query = query(request);
        Media media = served.get(code);
        boolean separateAudio = media != null && !media.audio().isEmpty();
        String audio = separateAudio ? ",AUDIO=\"aud\"" : "";
        return playlist("#EXTM3U\n#EXT-X-VERSION:3\n"
                + (separateAudio ? "#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"aud\",NAME=\"Deutsch\",LANGUAGE=\"de\","
                        + "DEFAULT=YES,AUTOSELECT=YES,URI=\"audio/index.m3u8" + query + "\"\n" : "")
                + "#EXT-X-STREAM-INF:BANDWIDTH=400000,RESOLUTION=640x360,CODECS=\"avc1.4d401e,mp4a.40.2\"" + audio + "\n"
                + LOW + "/index.m3u8" + query + "\n"
                + "#EXT-X-STREAM-INF:BANDWIDTH=1200000,RESOLUTION=1280x720,CODECS=\"avc1.4d401f,mp4a.40.2\"" + audio + "\n"
                + BEST + "/index.m3u8" + query + "\n");
    }

    private Response audioPlaylist(String code, Request request) {
        Media media = served.get(code);
        if (media == null || media.audio().isEmpty()) {
            return Response.status(404, "no audio rendition");
        }
        StringBuilder text = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:2\n");
        for (int index = 0; index < media.audio().size(); index++) {
            text.append("#EXTINF:1.000,\nseg").append(index).append(".ts").append(query(request)).append('\n');
        }
        return playlist(text.append("#EXT-X-ENDLIST\n").toString());
    }

    private Response audioSegment(String code, int index) {
        Media media = served.get(code);
        if (media == null || index >= media.audio().size()) {
            return Response.status(404, "no such segment");
        }
        return binary("video/mp2t", media.audio().get(index));
    }

    /** The media playlist; {@code urlCode} is the code of the request, which may {@link #behaveAs} another. */
    private Response media(String urlCode, String variant, Request request) {
        String code = as(urlCode);
        String query = query(request);
        boolean fmp4 = code.contains("fmp4");
        StringBuilder text = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:").append(fmp4 ? 7 : 3)
                .append("\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:").append(FIRST_SEQUENCE).append('\n');
        if (code.contains("aesiv")) {
            text.append("#EXT-X-KEY:METHOD=AES-128,URI=\"../key").append(query).append("\",IV=0x")
                    .append(HexFormat.of().formatHex(iv(code, 0))).append('\n');
        } else if (code.contains("aes")) {
            text.append("#EXT-X-KEY:METHOD=AES-128,URI=\"../key").append(query).append("\"\n");
        }
        if (fmp4) {
            text.append("#EXT-X-MAP:URI=\"init.mp4").append(query).append("\"\n");
        }
        for (int index = 0; index < segmentCount(code); index++) {
            String name = "seg" + index + (fmp4 ? ".m4s" : ".ts") + query;
            text.append("#EXTINF:2.000,\n")
                    .append(index == 0 ? baseUrl() + "/hls/" + urlCode + "/" + variant + "/" + name : name).append('\n');
        }
        if (!code.contains("live")) {
            text.append("#EXT-X-ENDLIST\n");
        }
        return playlist(text.toString());
    }

    private Response segmentAnswer(String code, String variant, int index) {
        if (index >= segmentCount(code)) {
            return Response.status(404, "no such segment");
        }
        if (code.contains("slow")) {
            pause(SLOW_MILLIS);
        }
        if (code.contains("expiring") && index >= FAULTY_SEGMENT
                && hits.getOrDefault("master " + code, new AtomicInteger()).get() < 2) {
            return Response.status(403, "<html><body>403 Forbidden: link expired</body></html>");
        }
        if (code.contains("flaky") && index == FAULTY_SEGMENT && BEST.equals(variant)
                && hits.computeIfAbsent("flaky " + code, k -> new AtomicInteger()).incrementAndGet() <= 2) {
            return Response.status(503, "<html><body>503 Service Unavailable</body></html>");
        }
        Media media = served.get(code);
        byte[] plain = media != null ? media.segments().get(index) : plainSegment(code, variant, index);
        byte[] body = code.contains("aes") ? encrypt(key(code), iv(code, index), plain) : plain;
        Response whole = binary(code.contains("fmp4") ? "video/iso.segment" : "video/mp2t", body);
        if (index != FAULTY_SEGMENT || !BEST.equals(variant)) {
            return whole;
        }
        if (code.contains("gone")) {
            return Response.status(404, "<html><body>File not found</body></html>");
        }
        if (code.contains("dropping") && spoilt.add(code)) {
            return whole.droppedAfter(body.length / 2);
        }
        return code.contains("stalling") && spoilt.add(code) ? whole.stalledAfter(body.length / 2) : whole;
    }

    /** 403 without the hoster's Referer or after the link's expiry, as CDNs refuse hotlinking and stale tokens. */
    private Response guarded(Request request, Supplier<Response> answer) {
        List<String> referer = request.headers().get("Referer");
        if (referer == null || referer.isEmpty() || !referer.get(0).startsWith(origin)) {
            return Response.status(403, "<html><body>403 Forbidden: hotlinking is not allowed</body></html>");
        }
        String expiry = request.query().get("e");
        if (expiry != null && (!expiry.matches("\\d{1,12}") || Instant.now().getEpochSecond() > Long.parseLong(expiry))) {
            return Response.status(403, "<html><body>403 Forbidden: link expired</body></html>");
        }
        return answer.get();
    }

    private static String query(Request request) {
        String expiry = request.query().get("e");
        return expiry == null ? "" : "?e=" + expiry;
    }

    private static Response playlist(String text) {
        return new Response(200, Map.of("Content-Type", "application/vnd.apple.mpegurl"), text);
    }

    private static Response binary(String type, byte[] bytes) {
        return Response.binary(200, Map.of("Content-Type", type), bytes);
    }

    private static byte[] encrypt(byte[] key, byte[] iv, byte[] plain) {
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
            return cipher.doFinal(plain);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has AES/CBC/PKCS5Padding", e);
        }
    }

    /** {@code size} bytes that depend only on the seed. */
    private static byte[] bytes(String seed, int size) {
        MessageDigest digest = FakeMp4Host.sha256();
        ByteBuffer bytes = ByteBuffer.allocate(size);
        for (int block = 0; bytes.hasRemaining(); block++) {
            digest.update(seed.getBytes(StandardCharsets.UTF_8));
            digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(block).array());
            byte[] hash = digest.digest();
            bytes.put(hash, 0, Math.min(hash.length, bytes.remaining()));
        }
        return bytes.array();
    }
}
