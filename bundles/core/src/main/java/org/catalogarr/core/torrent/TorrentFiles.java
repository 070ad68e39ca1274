package org.catalogarr.core.torrent;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.catalogarr.catalogue.api.Language;
import org.catalogarr.core.torrent.Bencode;
import org.catalogarr.core.torrent.Bencoded;

/**
 * The .torrent files of our results. Like the magnets, they describe no real data: the {@code info}
 * dictionary names one episode in one language on one site, and its SHA-1 is the infohash Sonarr
 * tracks the download by. The release title stays outside {@code info}, so a renamed release keeps its hash.
 */
public final class TorrentFiles {

    /**
     * The single file's length. The real size is known only once the download has begun; the
     * qBittorrent API reports it from the job, never from here. One piece of the same length keeps the
     * file consistent: its piece count matches {@code pieces}.
     */
    static final long PLACEHOLDER_LENGTH = 1L << 24;
    static final long PIECE_LENGTH = 1L << 24;
    /** The media type of .torrent files, in feeds and downloads alike. */
    public static final String MEDIA_TYPE = "application/x-bittorrent";
    static final String CREATED_BY = "Catalogarr";

    private static final String IDENTITY = "x-catalogarr";
    private static final int HASH_BYTES = 20;

    private TorrentFiles() {
    }

    /** The canonical {@code info} dictionary of an episode; see {@link Magnets#infohash}. */
    static Bencoded.Dict info(String siteId, String slug, int season, int episode, Language language) {
        Bencoded.Dict identity = Bencoded.Dict.of(Map.of(
                "site", Bencoded.text(siteId),
                "slug", Bencoded.text(slug),
                "season", Bencoded.number(season),
                "episode", Bencoded.number(episode),
                "lang", Bencoded.text(language.code())));
        return Bencoded.Dict.of(Map.of(
                "name", Bencoded.text(name(siteId, slug, season, episode, language)),
                "length", Bencoded.number(PLACEHOLDER_LENGTH),
                "piece length", Bencoded.number(PIECE_LENGTH),
                "pieces", new Bencoded.Bytes(sha1(Bencode.encode(identity))),
                "private", Bencoded.number(1),
                IDENTITY, identity));
    }

    /** The SHA-1 of the bencoded dictionary, as 40 lowercase hex digits. */
    static String infohash(Bencoded.Dict info) {
        return HexFormat.of().formatHex(sha1(Bencode.encode(info)));
    }

    /** The .torrent of a result; its infohash is {@link MagnetInfo#infohash()}. */
    public static byte[] build(MagnetInfo magnet) {
        return Bencode.encode(Bencoded.Dict.of(Map.of(
                "announce", Bencoded.text(Magnets.TRACKER),
                "created by", Bencoded.text(CREATED_BY),
                "title", Bencoded.text(magnet.title()),
                "info", info(magnet.siteId(), magnet.slug(), magnet.season(), magnet.episode(), magnet.language()))));
    }

    /**
     * Reads a .torrent file. One of ours (its {@code info} is exactly the canonical one of the episode it
     * names) gives the episode, titled by the file's {@code title} or else by the info's {@code name}; a
     * valid torrent of anybody else is empty.
     *
     * @throws IllegalArgumentException "not a valid torrent file: …" when the bytes are not bencoding, or
     *     not a dictionary with a usable {@code info} dictionary
     */
    public static Optional<MagnetInfo> read(byte[] file) {
        Bencoded.Dict torrent;
        try {
            torrent = Bencode.decode(file) instanceof Bencoded.Dict d ? d : null;
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
        if (torrent == null) {
            throw invalid("not a dictionary");
        }
        Bencoded.Dict info = torrent.dict("info").orElseThrow(() -> invalid("no info dictionary"));
        checkInfo(info);
        return info.dict(IDENTITY).flatMap(identity -> episode(identity, info, torrent));
    }

    private static Optional<MagnetInfo> episode(Bencoded.Dict identity, Bencoded.Dict info, Bencoded.Dict torrent) {
        Optional<String> site = identity.bytes("site").map(Bencoded.Bytes::text);
        Optional<String> slug = identity.bytes("slug").map(Bencoded.Bytes::text);
        Optional<Integer> season = identity.integer("season").filter(TorrentFiles::isInt).map(Long::intValue);
        Optional<Integer> episode = identity.integer("episode").filter(TorrentFiles::isInt).map(Long::intValue);
        Optional<Language> language = identity.bytes("lang").map(Bencoded.Bytes::text).flatMap(Language::fromCode);
        if (site.isEmpty() || slug.isEmpty() || season.isEmpty() || episode.isEmpty() || language.isEmpty()) {
            return Optional.empty();
        }
        Bencoded.Dict canonical = info(site.get(), slug.get(), season.get(), episode.get(), language.get());
        // Byte for byte: the decoder takes only canonical bencoding, so equal bytes mean an equal infohash.
        if (!Arrays.equals(Bencode.encode(canonical), Bencode.encode(info))) {
            return Optional.empty();
        }
        String title = torrent.bytes("title").map(Bencoded.Bytes::text).filter(t -> !t.isBlank())
                .orElseGet(() -> info.bytes("name").orElseThrow().text());
        return Optional.of(MagnetInfo.of(site.get(), slug.get(), season.get(), episode.get(), language.get(), title));
    }

    /** What BEP 3 (v1) or BEP 52 (v2) requires of every {@code info}, so that nonsense is not called foreign. */
    private static void checkInfo(Bencoded.Dict info) {
        if (info.bytes("name").isEmpty()) {
            throw invalid("the info dictionary has no name");
        }
        if (info.integer("piece length").filter(l -> l > 0).isEmpty()) {
            throw invalid("the info dictionary has no positive piece length");
        }
        boolean v1 = info.bytes("pieces").filter(p -> p.length() % HASH_BYTES == 0).isPresent()
                && (info.integer("length").filter(l -> l >= 0).isPresent() || info.get("files").isPresent());
        boolean v2 = info.integer("meta version").filter(v -> v == 2).isPresent() && info.dict("file tree").isPresent();
        if (!v1 && !v2) {
            throw invalid("the info dictionary describes no files and pieces");
        }
    }

    private static boolean isInt(long value) {
        return value >= 0 && value <= Integer.MAX_VALUE;
    }

    /** {@code <site>.<slug>.S01E05.<language code>}, with what a file name cannot hold as {@code _}. */
    private static String name(String siteId, String slug, int season, int episode, Language language) {
        String name = String.format(Locale.ROOT, "%s.%s.S%02dE%02d.%s", siteId, slug, season, episode, language.code());
        return name.replaceAll("[^\\p{L}\\p{N}._-]", "_");
    }

    private static IllegalArgumentException invalid(String why) {
        return new IllegalArgumentException("not a valid torrent file: " + why);
    }

    private static byte[] sha1(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime provides SHA-1", e);
        }
    }
}
