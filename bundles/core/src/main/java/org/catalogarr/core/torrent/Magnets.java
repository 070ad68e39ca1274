package org.catalogarr.core.torrent;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.catalogarr.catalogue.api.Language;
import org.catalogarr.core.catalogue.ResultEntry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The magnets of our results. There is no real data behind them: the infohash is a name for "this episode
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
    private static final ObjectMapper JSON = new ObjectMapper();

    private Magnets() {
    }

    /**
     * The infohash of an episode: the SHA-1, as 40 lowercase hex digits, of the bencoded {@code info}
     * dictionary of the single-file torrent {@link TorrentFiles#build} writes for it. That dictionary is
     * made of the identity alone (site, slug, season, episode, language code), never of the release title:
     * <pre>
     * length        16777216 (a placeholder; the size is unknown until the download)
     * name          &lt;site&gt;.&lt;slug&gt;.S&lt;season, 2 digits&gt;E&lt;episode, 2 digits&gt;.&lt;language code&gt;,
     *               every character but letters, digits, '.', '-' and '_' replaced by '_'
     * piece length  16777216
     * pieces        the 20-byte SHA-1 of the bencoded x-catalogarr dictionary
     * private       1
     * x-catalogarr  {episode, lang, season, site, slug}: the numbers as integers, the rest as UTF-8 strings
     * </pre>
     * For aniworld, attack-on-titan, 1, 5, GERMAN_DUB the dictionary is, {@code <P>} standing for the 20
     * bytes of SHA-1({@code d7:episodei5e4:lang10:german-dub6:seasoni1e4:site8:aniworld4:slug15:attack-on-titane}):
     * <pre>d6:lengthi16777216e4:name42:aniworld.attack-on-titan.S01E05.german-dub12:piece lengthi16777216e
     * 6:pieces20:&lt;P&gt;7:privatei1e12:x-catalogarrd7:episodei5e4:lang10:german-dub6:seasoni1e
     * 4:site8:aniworld4:slug15:attack-on-titanee</pre>
     * (without the line breaks). A .torrent file and a magnet of the same episode so share one hash.
     * Changing this form changes every hash and breaks the downloads Sonarr is tracking.
     */
    public static String infohash(String siteId, String slug, int season, int episode, Language language) {
        return TorrentFiles.infohash(TorrentFiles.info(siteId, slug, season, episode, language));
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
     * Reads one of our magnets, its btih in hex or base32 of any case. Anything else is empty: a magnet of
     * another indexer, one with a parameter missing, repeated or malformed, and one whose parameters were
     * changed, as its btih no longer equals the hash of its parameters.
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
        List<Optional<String>> hashes = parameters.getOrDefault("xt", List.of()).stream()
                .filter(xt -> xt.regionMatches(true, 0, BTIH, 0, BTIH.length()))
                .map(xt -> Btih.hex(xt.substring(BTIH.length())))
                .toList();
        Optional<String> site = single(parameters, SITE);
        Optional<String> slug = single(parameters, SLUG);
        Optional<String> season = single(parameters, SEASON).filter(s -> NUMBER.matcher(s).matches());
        Optional<String> episode = single(parameters, EPISODE).filter(e -> NUMBER.matcher(e).matches());
        Optional<Language> language = single(parameters, LANGUAGE).flatMap(Language::fromCode);
        Optional<String> title = single(parameters, "dn");
        if (hashes.size() != 1 || hashes.get(0).isEmpty() || site.isEmpty() || slug.isEmpty()
                || season.isEmpty() || episode.isEmpty() || language.isEmpty() || title.isEmpty()) {
            return Optional.empty();
        }
        MagnetInfo info = MagnetInfo.of(site.get(), slug.get(), Integer.parseInt(season.get()),
                Integer.parseInt(episode.get()), language.get(), title.get());
        return info.infohash().equals(hashes.get(0).get()) ? Optional.of(info) : Optional.empty();
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
}
