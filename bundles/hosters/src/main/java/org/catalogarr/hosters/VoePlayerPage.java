package org.catalogarr.hosters;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.catalogarr.hoster.api.MediaSource;
import org.catalogarr.hosters.VoeDecoder.UndecodableException;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Finds the media on a VOE player page, in the layouts VOE has used: the obfuscated
 * {@code <script type="application/json">}, the older {@code var a168c='…'} with the same obfuscation, the
 * even older {@code 'hls': '<base64 url>'}, and as a last resort any {@code .m3u8} URL in the page.
 */
final class VoePlayerPage {

    /** A media URL and how it is delivered. */
    record Media(URI uri, MediaSource.Kind kind) {
    }

    private static final Pattern A168C = Pattern.compile("\\bvar\\s+a168c\\s*=\\s*['\"]([^'\"]+)['\"]");
    private static final Pattern LEGACY_HLS = Pattern.compile("['\"]hls['\"]\\s*:\\s*['\"]([^'\"]+)['\"]");
    private static final Pattern BARE_M3U8 = Pattern.compile("https?://[^\\s'\"<>\\\\]+?\\.m3u8(?:\\?[^\\s'\"<>\\\\]*)?");

    private final VoeDecoder decoder;

    VoePlayerPage(VoeDecoder decoder) {
        this.decoder = decoder;
    }

    /**
     * The media named by the page's player data.
     *
     * @return empty when the page has no player data at all (a redirect page, an error page)
     * @throws UndecodableException when the page has player data that does not decode, so VOE changed it
     */
    Optional<Media> playerData(Document page) throws UndecodableException {
        URI base = URI.create(page.location());
        UndecodableException failure = null;
        for (Element script : page.select("script[type=application/json]")) {
            try {
                return Optional.of(firstMedia(VoeDecoder.containerStrings(script.data()), base));
            } catch (UndecodableException e) {
                failure = failure == null ? e : failure;
            }
        }
        for (Element script : page.select("script")) {
            Matcher a168c = A168C.matcher(script.data());
            if (a168c.find()) {
                return Optional.of(media(decoder.decodeObject(a168c.group(1)), base));
            }
            Matcher hls = LEGACY_HLS.matcher(script.data());
            if (hls.find()) {
                return Optional.of(new Media(httpUrl(legacyUrl(hls.group(1)), base), MediaSource.Kind.HLS));
            }
        }
        if (failure != null) {
            throw failure;
        }
        return Optional.empty();
    }

    /** The first absolute {@code .m3u8} URL anywhere in the page's text. */
    static Optional<URI> bareHls(String html) {
        Matcher match = BARE_M3U8.matcher(html);
        while (match.find()) {
            try {
                return Optional.of(new URI(match.group()));
            } catch (URISyntaxException notAUrl) {
                // A match that is no URL after all (a stray character in it): look further.
            }
        }
        return Optional.empty();
    }

    /** The media of the first string in a container that decodes (VOE has sent one per container so far). */
    private Media firstMedia(List<String> encoded, URI base) throws UndecodableException {
        UndecodableException failure = null;
        for (String one : encoded) {
            try {
                return media(decoder.decodeObject(one), base);
            } catch (UndecodableException e) {
                failure = failure == null ? e : failure;
            }
        }
        throw failure != null ? failure : new UndecodableException("the player data holds no string");
    }

    /** The MP4 when VOE allows direct access (one file, resumable with ranges), else the HLS master playlist. */
    private static Media media(JsonNode data, URI base) throws UndecodableException {
        String direct = data.path("direct_access_url").asText("");
        if (data.path("direct_access_allowed").asBoolean(false) && !direct.isBlank()) {
            return new Media(httpUrl(direct, base), MediaSource.Kind.MP4);
        }
        String source = data.path("source").asText("");
        if (!source.isBlank()) {
            return new Media(httpUrl(source, base), MediaSource.Kind.HLS);
        }
        throw new UndecodableException("the decoded player data has no 'source' (and no allowed 'direct_access_url')");
    }

    /** The value of {@code 'hls'}: base64 of the URL, or in the oldest pages the URL itself. */
    private static String legacyUrl(String value) throws UndecodableException {
        if (value.startsWith("http://") || value.startsWith("https://")) {
            return value;
        }
        try {
            return new String(Base64.getDecoder().decode(value.strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new UndecodableException("the 'hls' value is neither a URL nor base64: " + e.getMessage());
        }
    }

    private static URI httpUrl(String raw, URI base) throws UndecodableException {
        return EmbedPages.httpUrl(raw, base)
                .orElseThrow(() -> new UndecodableException("the player data names no http(s) URL: " + abbreviate(raw)));
    }

    private static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 120) + "…";
    }
}
