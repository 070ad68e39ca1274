package org.catalogarr.testkit;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A Filemoon-like hoster on loopback. {@code /e/{code}} and {@code /d/{code}} are the embed page, whose
 * {@code #iframe-holder iframe} leads to {@code /bkg/{code}} (403 without a Referer from this host), a player
 * page whose packed script ({@link JsPacker}, radix 62) sets up {@code sources:[{file:"<master>"}]}.
 * {@code /api/videos/{code}} answers the way the 2025+ hosts do: a {@code playback} object whose payload is the
 * {@link #playbackJson(String) source list} encrypted with AES-256-GCM under two key parts; key parts and IVs
 * are random but seeded by the code, so a failing test can be replayed.
 * <p>
 * The media is {@code {{CDN_BASE}}/hls/{code}/master.m3u8}; a test points {@code CDN_BASE} at its fake CDN
 * with {@link #placeholder(String, String)}.
 * <p>
 * Codes that behave differently: {@value #API_ONLY} (the embed page is the "Byse Frontend" SPA shell, only the
 * API has the media), {@value #LEGACY_ONLY} (the API answers 404), {@value #SPA_SHELL} (the SPA shell, and an
 * API answer without playback), {@value #SHELL_GONE} (the SPA shell, and 404 from the API), {@value #BAD_KEY}
 * (key parts that do not decrypt the payload; the page works), {@value #BROKEN_PACK} (a packed script cut
 * short, and no API), {@value #GONE} (404 "File Not Found" from page and API), {@value #DELETED} (the same page
 * with status 200), {@value #MAINTENANCE} (a maintenance page, and 503 from the API) and {@value #MOVED} (page
 * and API answer 301 to those of {@value #LEGACY_ONLY}, as Filemoon moves files between domains). Every other
 * code works both ways.
 */
public class FakeFilemoon extends FakeSite {

    public static final String API_ONLY = "apionly";
    public static final String LEGACY_ONLY = "legacyonly";
    public static final String SPA_SHELL = "spashell";
    public static final String SHELL_GONE = "shellgone";
    public static final String BAD_KEY = "badkey";
    public static final String BROKEN_PACK = "brokenpack";
    public static final String GONE = "gone";
    public static final String DELETED = "deleted";
    public static final String MAINTENANCE = "maintenance";
    public static final String MOVED = "moved";

    /** The radix of the packed player scripts, the one Filemoon used. */
    public static final int RADIX = 62;
    /** The height of the best source the API names; the others are lower. */
    public static final int BEST_HEIGHT = 1080;

    private static final int GCM_TAG_BITS = 128;

    public FakeFilemoon() {
        super("filemoon");
        placeholder("CDN_BASE", "http://127.0.0.1:9/cdn");
        route("GET", "/[ed]/([A-Za-z0-9]+)", (request, match) -> embed(match.group(1)));
        route("GET", "/bkg/([A-Za-z0-9]+)", (request, match) -> player(match.group(1), request));
        route("GET", "/api/videos/([A-Za-z0-9]+)", (request, match) -> api(match.group(1)));
    }

    /** The embed URL of a video, as a catalogue site's redirect leads to it. */
    public URI embedUrl(String code) {
        return URI.create(baseUrl() + "/e/" + code);
    }

    /** The player page the embed page's iframe loads. */
    public URI playerUrl(String code) {
        return URI.create(baseUrl() + "/bkg/" + code);
    }

    /** The HLS master playlist of a video. */
    public URI hlsUrl(String code) {
        return URI.create(fill("{{CDN_BASE}}") + "/hls/" + code + "/master.m3u8");
    }

    /** What the API's payload decrypts to: a lower source first, then the master playlist at {@link #BEST_HEIGHT}. */
    public String playbackJson(String code) {
        String low = fill("{{CDN_BASE}}") + "/hls/" + code + "/" + FakeCdn.LOW + "/index.m3u8";
        return "{\"sources\":[{\"url\":\"" + low + "\",\"height\":360,\"label\":\"360p\"},{\"url\":\"" + hlsUrl(code)
                + "\",\"height\":" + BEST_HEIGHT + ",\"label\":\"1080p\"}],\"tracks\":[],\"title\":\"" + code + "\"}";
    }

    /** The readable player script the iframe page carries packed. */
    public String playerScript(String code) {
        return "jwplayer(\"vplayer\").setup({sources:[{file:\"" + hlsUrl(code) + "\"}],image:\"" + baseUrl()
                + "/thumbs/" + code + ".jpg\",width:\"100%\",height:\"100%\",stretching:\"uniform\",duration:\"1420.53\","
                + "preload:\"metadata\",androidhls:\"true\",tracks:[{file:\"/dl?op=get_slides&length=1420&url=" + code
                + "\",kind:\"thumbnails\"}],captions:{color:'#FFFFFF',fontSize:14,backgroundOpacity:0}});\n"
                + "var vvplay,vvad;jwplayer().on(\"time\",function(x){if(5<x.position&&!vvplay){vvplay=1;"
                + "$.get('/dl?op=view&file_code=" + code + "&hash=b3f1&embed=1')}});";
    }

    /** AES-256-GCM as the API uses it: the tag appended to the cipher text. */
    private static byte[] encrypt(byte[] key, byte[] iv, byte[] plain) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(GCM_TAG_BITS, iv));
            return cipher.doFinal(plain);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has AES/GCM/NoPadding", e);
        }
    }

    private Response embed(String code) throws IOException {
        switch (code) {
            case GONE:
                return Response.status(404, fixture("not-found.html"));
            case DELETED:
                return Response.html(fixture("not-found.html"));
            case MAINTENANCE:
                return Response.html(fixture("maintenance.html"));
            case MOVED:
                return Response.redirect(301, "/e/" + LEGACY_ONLY);
            case API_ONLY:
            case SPA_SHELL:
            case SHELL_GONE:
                return Response.html(fixture("spa-shell.html"));
            default:
                return Response.html(fixture("embed.html").replace("{{CODE}}", code));
        }
    }

    private Response player(String code, Request request) throws IOException {
        List<String> referer = request.headers().get("Referer");
        if (referer == null || referer.isEmpty() || !referer.get(0).startsWith(baseUrl().toString())) {
            return Response.status(403, "<html><body><h1>Access denied</h1></body></html>");
        }
        String packed = JsPacker.pack(playerScript(code), RADIX);
        if (BROKEN_PACK.equals(code)) {
            packed = packed.substring(0, packed.indexOf(".split("));
        }
        return Response.html(fixture("player.html").replace("{{CODE}}", code).replace("{{PACKED}}", packed));
    }

    private Response api(String code) {
        switch (code) {
            case GONE:
            case DELETED:
            case SHELL_GONE:
            case LEGACY_ONLY:
            case BROKEN_PACK:
                return new Response(404, Map.of("Content-Type", "application/json"), "{\"error\":\"Video not found\"}");
            case MOVED:
                return Response.redirect(301, baseUrl() + "/api/videos/" + LEGACY_ONLY);
            case MAINTENANCE:
                return new Response(503, Map.of("Content-Type", "application/json"), "{\"error\":\"Maintenance\"}");
            case SPA_SHELL:
                return Response.json("{\"id\":\"" + code + "\",\"status\":\"ok\",\"title\":\"" + code + "\"}");
            default:
                return Response.json("{\"id\":\"" + code + "\",\"title\":\"" + code + "\",\"playback\":" + playback(code)
                        + "}");
        }
    }

    private String playback(String code) {
        Random random = new Random(code.hashCode());
        byte[] keyPart1 = bytes(random, 16);
        byte[] keyPart2 = bytes(random, 16);
        byte[] iv = bytes(random, 12);
        byte[] iv2 = bytes(random, 12);
        byte[] key = concat(keyPart1, keyPart2);
        byte[] encryptionKey = BAD_KEY.equals(code) ? bytes(random, 32) : key;
        byte[] plain = playbackJson(code).getBytes(StandardCharsets.UTF_8);
        return "{\"algorithm\":\"AES-256-GCM\",\"key_parts\":[\"" + base64Url(keyPart1) + "\",\"" + base64Url(keyPart2)
                + "\"],\"iv\":\"" + base64Url(iv) + "\",\"payload\":\"" + base64Url(encrypt(encryptionKey, iv, plain))
                + "\",\"iv2\":\"" + base64Url(iv2) + "\",\"payload2\":\"" + base64Url(encrypt(encryptionKey, iv2, plain))
                + "\"}";
    }

    private static byte[] bytes(Random random, int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
