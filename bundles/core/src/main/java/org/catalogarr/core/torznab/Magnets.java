package org.catalogarr.core.torznab;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.catalogarr.catalogue.api.Language;
import org.catalogarr.core.catalogue.ResultEntry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The magnets of our results. There is no torrent behind them: the infohash is a name for "this episode
 * in this language on this site" that Sonarr tracks the download by, and the qBittorrent emulator reads
 * the episode back from the magnet's own parameters.
 */
public final class Magnets {

    /** Clients refuse a magnet without a tracker; the reserved {@code .invalid} domain never resolves. */
    public static final String TRACKER = "udp://tracker.catalogarr.invalid:1337/announce";

    private static final String PREFIX = "magnet:?";
    private static final String BTIH = "urn:btih:";
    private static final String SITE = "x.catalogarr.site";
    private static final String SLUG = "x.catalogarr.slug";
    private static final String SEASON = "x.catalogarr.season";
    private static final String EPISODE = "x.catalogarr.episode";
    private static final String LANGUAGE = "x.catalogarr.lang";
    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,9}");
    private static final Pattern HEX_HASH = Pattern.compile("[0-9a-fA-F]{40}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private Magnets() {
    }

    /**
     * The SHA-1, as 40 lowercase hex digits, of the UTF-8 bytes of the canonical form
     * <pre>catalogarr-btih-v1:&lt;site&gt;&lt;slug&gt;&lt;season&gt;&lt;episode&gt;&lt;language code&gt;</pre>
     * where each field is a netstring, {@code <UTF-8 byte length>:<value>,}, season and episode in plain
     * decimal. For aniworld, attack-on-titan, 1, 5, GERMAN_DUB that is
     * {@code catalogarr-btih-v1:8:aniworld,15:attack-on-titan,1:1,1:5,10:german-dub,}. The length prefixes
     * keep two different field sets from ever sharing a form. Changing this form changes every hash and
     * breaks the downloads Sonarr is tracking.
     */
    public static String infohash(String siteId, String slug, int season, int episode, Language language) {
        StringBuilder canonical = new StringBuilder("catalogarr-btih-v1:");
        for (String field : List.of(siteId, slug, Integer.toString(season), Integer.toString(episode), language.code())) {
            canonical.append(field.getBytes(StandardCharsets.UTF_8).length).append(':').append(field).append(',');
        }
        return HexFormat.of().formatHex(sha1().digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
    }

    public static String magnet(ResultEntry entry, String releaseTitle) {
        return magnet(MagnetInfo.of(entry, releaseTitle));
    }

    public static String magnet(MagnetInfo info) {
        return PREFIX + "xt=" + BTIH + info.infohash() + "&" + new UrlParameters()
                .add("dn", info.title())
                .add("tr", TRACKER)
                .add(SITE, info.siteId())
                .add(SLUG, info.slug())
                .add(SEASON, Integer.toString(info.season()))
                .add(EPISODE, Integer.toString(info.episode()))
                .add(LANGUAGE, info.language().code());
    }

    /**
     * Reads one of our magnets. Anything else is empty: a magnet of another indexer, one with a parameter
     * missing, repeated or malformed, and one whose parameters were changed, as its btih no longer equals
     * the hash of its parameters.
     */
    public static Optional<MagnetInfo> parse(String magnet) {
        if (magnet == null || !magnet.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return Optional.empty();
        }
        Map<String, List<String>> parameters;
        try {
            parameters = UrlParameters.decode(magnet.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        List<String> hashes = parameters.getOrDefault("xt", List.of()).stream()
                .filter(xt -> xt.regionMatches(true, 0, BTIH, 0, BTIH.length()))
                .map(xt -> xt.substring(BTIH.length()))
                .toList();
        Optional<String> site = single(parameters, SITE);
        Optional<String> slug = single(parameters, SLUG);
        Optional<String> season = single(parameters, SEASON).filter(s -> NUMBER.matcher(s).matches());
        Optional<String> episode = single(parameters, EPISODE).filter(e -> NUMBER.matcher(e).matches());
        Optional<Language> language = single(parameters, LANGUAGE).flatMap(Language::fromCode);
        Optional<String> title = single(parameters, "dn");
        if (hashes.size() != 1 || !HEX_HASH.matcher(hashes.get(0)).matches() || site.isEmpty() || slug.isEmpty()
                || season.isEmpty() || episode.isEmpty() || language.isEmpty() || title.isEmpty()) {
            return Optional.empty();
        }
        MagnetInfo info = MagnetInfo.of(site.get(), slug.get(), Integer.parseInt(season.get()),
                Integer.parseInt(episode.get()), language.get(), title.get());
        return info.infohash().equals(hashes.get(0).toLowerCase(Locale.ROOT)) ? Optional.of(info) : Optional.empty();
    }

    /** The seed's {@code magnet_metadata}: what a download job records about the episode it fetches. */
    public static String magnetMetadataJson(MagnetInfo info) {
        ObjectNode metadata = JSON.createObjectNode()
                .put("site", info.siteId())
                .put("slug", info.slug())
                .put("season", info.season())
                .put("episode", info.episode())
                .put("language", info.language().code())
                .put("title", info.title());
        try {
            return JSON.writeValueAsString(metadata);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A tree of strings and numbers always serialises", e);
        }
    }

    private static Optional<String> single(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.getOrDefault(name, List.of());
        return values.size() == 1 && !values.get(0).isEmpty() ? Optional.of(values.get(0)) : Optional.empty();
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime provides SHA-1", e);
        }
    }
}
