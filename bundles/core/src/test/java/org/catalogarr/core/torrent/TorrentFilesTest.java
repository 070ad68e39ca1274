package org.catalogarr.core.torrent;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.catalogarr.catalogue.api.Language;
import org.catalogarr.core.torrent.Bencode;
import org.catalogarr.core.torrent.Bencoded;
import org.junit.Test;

public class TorrentFilesTest {

    private static final MagnetInfo EPISODE = MagnetInfo.of("aniworld", "attack-on-titan", 1, 5, Language.GERMAN_DUB,
            "Attack.on.Titan.S01E05.German.1080p.WEB.h264-ANIWORLD");

    private static Bencoded.Dict decode(byte[] file) {
        return (Bencoded.Dict) Bencode.decode(file);
    }

    private static String sha1(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
    }

    /** The torrent with one key of {@code info} replaced. */
    private static byte[] withInfo(byte[] file, String key, Bencoded value) {
        Bencoded.Dict torrent = decode(file);
        Map<Bencoded.Bytes, Bencoded> info = new HashMap<>(torrent.dict("info").orElseThrow().entries());
        info.put(Bencoded.text(key), value);
        Map<Bencoded.Bytes, Bencoded> top = new HashMap<>(torrent.entries());
        top.put(Bencoded.text("info"), new Bencoded.Dict(new TreeMap<>(info)));
        return Bencode.encode(new Bencoded.Dict(new TreeMap<>(top)));
    }

    private static void assertInvalid(byte[] file, String why) {
        try {
            Optional<MagnetInfo> read = TorrentFiles.read(file);
            fail("read " + read);
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().startsWith("not a valid torrent file: "));
            assertTrue(e.getMessage(), e.getMessage().contains(why));
        }
    }

    @Test
    public void theInfohashOfTheFileIsTheEpisodesHash() throws Exception {
        Bencoded.Dict torrent = decode(TorrentFiles.build(EPISODE));

        assertEquals(EPISODE.infohash(), sha1(Bencode.encode(torrent.dict("info").orElseThrow())));
    }

    @Test
    public void putsTheTitleTrackerAndCreatorOutsideTheInfo() {
        Bencoded.Dict torrent = decode(TorrentFiles.build(EPISODE));
        Bencoded.Dict info = torrent.dict("info").orElseThrow();

        assertEquals(EPISODE.title(), torrent.bytes("title").orElseThrow().text());
        assertEquals(Magnets.TRACKER, torrent.bytes("announce").orElseThrow().text());
        assertEquals("Catalogarr", torrent.bytes("created by").orElseThrow().text());
        assertEquals("aniworld.attack-on-titan.S01E05.german-dub", info.bytes("name").orElseThrow().text());
        assertEquals(Optional.of(1L), info.integer("private"));
        assertEquals(20, info.bytes("pieces").orElseThrow().length());
        assertEquals(info.integer("piece length"), info.integer("length"));
    }

    @Test
    public void aNewTitleKeepsTheHash() {
        MagnetInfo renamed = MagnetInfo.of("aniworld", "attack-on-titan", 1, 5, Language.GERMAN_DUB, "Other title");

        assertEquals(decode(TorrentFiles.build(EPISODE)).get("info"), decode(TorrentFiles.build(renamed)).get("info"));
    }

    @Test
    public void readsItsOwnFilesBack() {
        MagnetInfo odd = MagnetInfo.of("sto", "law & order/ß", 0, 112, Language.ENGLISH_SUB, "Law & Order \"ß\"");

        assertEquals(Optional.of(EPISODE), TorrentFiles.read(TorrentFiles.build(EPISODE)));
        assertEquals(Optional.of(odd), TorrentFiles.read(TorrentFiles.build(odd)));
        assertEquals("sto.law___order_ß.S00E112.english-sub", decode(TorrentFiles.build(odd)).dict("info")
                .orElseThrow().bytes("name").orElseThrow().text());
    }

    @Test
    public void namesTheEpisodeByTheInfoWhenTheFileHasNoTitle() {
        Bencoded.Dict torrent = decode(TorrentFiles.build(EPISODE));
        byte[] untitled = Bencode.encode(Bencoded.Dict.of(Map.of("info", torrent.dict("info").orElseThrow())));

        MagnetInfo read = TorrentFiles.read(untitled).orElseThrow();

        assertEquals("aniworld.attack-on-titan.S01E05.german-dub", read.title());
        assertEquals(EPISODE.infohash(), read.infohash());
    }

    @Test
    public void aChangedInfoIsNotOurs() {
        byte[] ours = TorrentFiles.build(EPISODE);

        assertEquals(Optional.empty(), TorrentFiles.read(withInfo(ours, "name", Bencoded.text("renamed"))));
        assertEquals(Optional.empty(), TorrentFiles.read(withInfo(ours, "private", Bencoded.number(0))));
        assertEquals(Optional.empty(), TorrentFiles.read(withInfo(ours, "source", Bencoded.text("tracker"))));
        assertEquals(Optional.empty(), TorrentFiles.read(withInfo(ours, "x-catalogarr", Bencoded.Dict.of(Map.of(
                "site", Bencoded.text("aniworld"), "slug", Bencoded.text("attack-on-titan"),
                "season", Bencoded.number(1), "episode", Bencoded.number(6), "lang", Bencoded.text("german-dub"))))));
        assertEquals(Optional.empty(), TorrentFiles.read(withInfo(ours, "x-catalogarr", Bencoded.Dict.of(Map.of(
                "site", Bencoded.text("aniworld"), "slug", Bencoded.text("attack-on-titan"),
                "season", Bencoded.number(1), "episode", Bencoded.text("5"), "lang", Bencoded.text("german-dub"))))));
    }

    @Test
    public void aForeignTorrentIsValidButNotOurs() {
        byte[] single = Bencode.encode(Bencoded.Dict.of(Map.of(
                "announce", Bencoded.text("http://tracker.example/announce"),
                "info", Bencoded.Dict.of(Map.of(
                        "name", Bencoded.text("debian-12.iso"),
                        "length", Bencoded.number(3_000),
                        "piece length", Bencoded.number(16_384),
                        "pieces", new Bencoded.Bytes(new byte[20]))))));
        byte[] multi = Bencode.encode(Bencoded.Dict.of(Map.of("info", Bencoded.Dict.of(Map.of(
                "name", Bencoded.text("Show S01"),
                "files", new Bencoded.Items(List.of(Bencoded.Dict.of(Map.of("length", Bencoded.number(1),
                        "path", new Bencoded.Items(List.of(Bencoded.text("e1.mkv"))))))),
                "piece length", Bencoded.number(16_384),
                "pieces", new Bencoded.Bytes(new byte[20]))))));
        byte[] v2 = Bencode.encode(Bencoded.Dict.of(Map.of("info", Bencoded.Dict.of(Map.of(
                "name", Bencoded.text("v2"),
                "meta version", Bencoded.number(2),
                "file tree", Bencoded.Dict.of(Map.of()),
                "piece length", Bencoded.number(16_384))))));

        assertEquals(Optional.empty(), TorrentFiles.read(single));
        assertEquals(Optional.empty(), TorrentFiles.read(multi));
        assertEquals(Optional.empty(), TorrentFiles.read(v2));
    }

    @Test
    public void refusesWhatIsNoTorrent() {
        byte[] ours = TorrentFiles.build(EPISODE);

        assertInvalid("<html>not found</html>".getBytes(StandardCharsets.UTF_8), "cannot start a value");
        assertInvalid(new byte[0], "input ends");
        assertInvalid(Arrays.copyOf(ours, ours.length - 1), "input ends");
        assertInvalid("li1ee".getBytes(StandardCharsets.UTF_8), "not a dictionary");
        assertInvalid("d4:name1:xe".getBytes(StandardCharsets.UTF_8), "no info dictionary");
        assertInvalid("d4:infoi1ee".getBytes(StandardCharsets.UTF_8), "no info dictionary");
        assertInvalid("d4:infod4:name1:xee".getBytes(StandardCharsets.UTF_8), "no positive piece length");
        assertInvalid("d4:infod4:name1:x12:piece lengthi16384eee".getBytes(StandardCharsets.UTF_8),
                "describes no files and pieces");
        assertInvalid(withInfo(ours, "pieces", new Bencoded.Bytes(new byte[19])), "describes no files and pieces");
        assertInvalid(withInfo(ours, "name", Bencoded.number(1)), "has no name");
    }
}
