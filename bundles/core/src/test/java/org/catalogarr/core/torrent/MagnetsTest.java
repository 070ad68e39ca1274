package org.catalogarr.core.torrent;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.catalogarr.catalogue.api.Language;
import org.catalogarr.core.catalogue.Entries;
import org.catalogarr.core.catalogue.ResultEntry;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

public class MagnetsTest {

    private static final ResultEntry ENTRY = Entries.aniworld("Attack on Titan", "attack-on-titan", 1, 5, Language.GERMAN_DUB);
    private static final String TITLE = "Attack.on.Titan.S01E05.German.1080p.WEB.h264-ANIWORLD";
    private static final String HASH = "8072dc7432d8ee3dfd92e0e188666f5bd629b541";
    /** {@link #HASH} in RFC 4648 base32: {@code base64.b32encode(bytes.fromhex(HASH))}. */
    private static final String BASE32 = "QBZNY5BS3DXD37MS4DQYQZTPLPLCTNKB";

    /**
     * The hashes were computed apart from this code, with Python's hashlib over the bencoding written out
     * by hand as {@link Magnets#infohash} documents it:
     * <pre>
     * ident = b"d7:episodei5e4:lang10:german-dub6:seasoni1e4:site8:aniworld4:slug15:attack-on-titane"
     * info = (b"d6:lengthi16777216e4:name42:aniworld.attack-on-titan.S01E05.german-dub12:piece lengthi16777216e"
     *         + b"6:pieces20:" + sha1(ident).digest() + b"7:privatei1e12:x-catalogarr" + ident + b"e")
     * sha1(info).hexdigest()
     * </pre>
     */
    @Test
    public void hashesTheDocumentedCanonicalForm() {
        assertEquals(HASH, Magnets.infohash("aniworld", "attack-on-titan", 1, 5, Language.GERMAN_DUB));
        // slug and name "pokémon-reisen" with é as two UTF-8 bytes (15 bytes), name 38 bytes, S00E12
        assertEquals("de0c4cda276dcc2a41c823e137254d6fa0468462",
                Magnets.infohash("sto", "pokémon-reisen", 0, 12, Language.ENGLISH_SUB));
    }

    @Test
    public void everyFieldChangesTheHash() {
        Set<String> hashes = Stream.of(
                Magnets.infohash("aniworld", "attack-on-titan", 1, 5, Language.GERMAN_DUB),
                Magnets.infohash("sto", "attack-on-titan", 1, 5, Language.GERMAN_DUB),
                Magnets.infohash("aniworld", "attack-on-titan-junior-high", 1, 5, Language.GERMAN_DUB),
                Magnets.infohash("aniworld", "attack-on-titan", 2, 5, Language.GERMAN_DUB),
                Magnets.infohash("aniworld", "attack-on-titan", 1, 6, Language.GERMAN_DUB),
                Magnets.infohash("aniworld", "attack-on-titan", 1, 5, Language.GERMAN_SUB),
                Magnets.infohash("aniworld", "attack-on-titan", 11, 5, Language.GERMAN_DUB),
                Magnets.infohash("aniworld", "attack-on-titan", 1, 15, Language.GERMAN_DUB),
                Magnets.infohash("ab", "c", 1, 1, Language.GERMAN_DUB),
                Magnets.infohash("a", "bc", 1, 1, Language.GERMAN_DUB))
                .collect(Collectors.toSet());

        assertEquals(10, hashes.size());
    }

    @Test
    public void writesTheMagnetWithTrackerAndOurParameters() {
        String magnet = Magnets.magnet(ENTRY, TITLE);

        assertEquals("magnet:?xt=urn:btih:" + HASH + "&dn=" + TITLE
                + "&tr=udp%3A%2F%2Ftracker.catalogarr.invalid%3A1337%2Fannounce"
                + "&x.catalogarr.site=aniworld&x.catalogarr.slug=attack-on-titan"
                + "&x.catalogarr.season=1&x.catalogarr.episode=5&x.catalogarr.lang=german-dub", magnet);
    }

    @Test
    public void readsItsOwnMagnetsBack() {
        ResultEntry odd = Entries.sto("Law & Order", "law & order/ß", 0, 12, Language.ENGLISH_SUB);
        String title = "Law & Order S00E12 + more ß";

        assertEquals(Optional.of(MagnetInfo.of(ENTRY, TITLE)), Magnets.parse(Magnets.magnet(ENTRY, TITLE)));
        MagnetInfo info = Magnets.parse(Magnets.magnet(odd, title)).orElseThrow();
        assertEquals(new MagnetInfo(Magnets.infohash("sto", "law & order/ß", 0, 12, Language.ENGLISH_SUB),
                "sto", "law & order/ß", 0, 12, Language.ENGLISH_SUB, title), info);
    }

    @Test
    public void readsUppercaseHashesReorderedAndExtraParameters() {
        String magnet = "MAGNET:?x.catalogarr.lang=german-dub&tr=udp%3A%2F%2Fother%3A1%2Fannounce"
                + "&x.catalogarr.episode=5&dn=Attack+on+Titan&x.catalogarr.season=1&xt=urn:btih:" + HASH.toUpperCase()
                + "&x.catalogarr.slug=attack-on-titan&ws=http%3A%2F%2Fexample.invalid%2F&x.catalogarr.site=aniworld"
                + "&tr=" + Magnets.TRACKER;

        MagnetInfo info = Magnets.parse(magnet).orElseThrow();

        assertEquals(HASH, info.infohash());
        assertEquals("Attack on Titan", info.title());
        assertEquals(Language.GERMAN_DUB, info.language());
    }

    @Test
    public void readsABase32HashInAnyCaseAsLowercaseHex() {
        String magnet = Magnets.magnet(ENTRY, TITLE);

        assertEquals(HASH, Magnets.parse(magnet.replace(HASH, BASE32)).orElseThrow().infohash());
        assertEquals(HASH, Magnets.parse(magnet.replace(HASH, BASE32.toLowerCase())).orElseThrow().infohash());
    }

    @Test
    public void refusesABase32HashThatIsNotTheHashOfTheParameters() {
        String magnet = Magnets.magnet(ENTRY, TITLE).replace(HASH, BASE32);

        assertEquals(Optional.empty(), Magnets.parse(magnet.replace("episode=5", "episode=6")));
        assertEquals(Optional.empty(), Magnets.parse(magnet.replace(BASE32, "A" + BASE32.substring(1))));
        assertEquals(Optional.empty(), Magnets.parse(magnet.replace(BASE32, BASE32.substring(1) + "=")));
        assertEquals(Optional.empty(), Magnets.parse(magnet.replace(BASE32, BASE32.substring(1) + "1")));
    }

    @Test
    public void refusesChangedParameters() {
        String magnet = Magnets.magnet(ENTRY, TITLE);

        assertEquals(Optional.empty(), Magnets.parse(magnet.replace("season=1", "season=2")));
        assertEquals(Optional.empty(), Magnets.parse(magnet.replace("episode=5", "episode=6")));
        assertEquals(Optional.empty(), Magnets.parse(magnet.replace("german-dub", "german-sub")));
        assertEquals(Optional.empty(), Magnets.parse(magnet.replace("site=aniworld", "site=sto")));
        assertEquals(Optional.empty(), Magnets.parse(magnet.replace("slug=attack-on-titan", "slug=attack")));
        assertEquals(Optional.empty(), Magnets.parse(magnet.replace(HASH, "0" + HASH.substring(1))));
    }

    @Test
    public void refusesOtherMagnetsAndBrokenOnes() {
        String magnet = Magnets.magnet(ENTRY, TITLE);

        assertEquals(Optional.empty(), Magnets.parse(null));
        assertEquals(Optional.empty(), Magnets.parse("magnet:?xt=urn:btih:" + HASH + "&dn=x&tr=udp%3A%2F%2Fa"));
        assertEquals(Optional.empty(), Magnets.parse(magnet.replace("magnet:?", "http://x/?")));
        assertEquals(Optional.empty(), Magnets.parse(magnet.replace("&x.catalogarr.lang=german-dub", "")));
        assertEquals(Optional.empty(), Magnets.parse(magnet.replace("&dn=" + TITLE, "")));
        assertEquals(Optional.empty(), Magnets.parse(magnet + "&x.catalogarr.season=1"));
        assertEquals(Optional.empty(), Magnets.parse(magnet + "&xt=urn:btih:" + HASH));
        assertEquals(Optional.empty(), Magnets.parse(magnet.replace("season=1", "season=one")));
        assertEquals(Optional.empty(), Magnets.parse(magnet.replace("german-dub", "klingon")));
        assertEquals(Optional.empty(), Magnets.parse(magnet.replace("dn=", "dn=%zz")));
        assertEquals(Optional.empty(), Magnets.parse(magnet.replace(HASH, HASH.substring(8))));
    }

    @Test
    public void encodesSpacesSoEveryClientDecodesThem() {
        String magnet = Magnets.magnet(ENTRY, "Attack on Titan + 05");

        assertTrue(magnet, magnet.contains("&dn=Attack%20on%20Titan%20%2B%2005&"));
    }

    @Test
    public void writesTheSeedsMagnetMetadata() throws Exception {
        MagnetInfo info = MagnetInfo.of(ENTRY, "Attack \"on\" Titan");

        String json = Magnets.magnetMetadataJson(info);

        assertEquals("{\"site\":\"aniworld\",\"slug\":\"attack-on-titan\",\"season\":1,\"episode\":5,"
                + "\"language\":\"german-dub\",\"title\":\"Attack \\\"on\\\" Titan\"}", json);
        JsonNode read = new ObjectMapper().readTree(json);
        assertEquals("Attack \"on\" Titan", read.get("title").asText());
    }

    @Test(expected = IllegalArgumentException.class)
    public void magnetInfoRefusesAMalformedHash() {
        new MagnetInfo(HASH.toUpperCase(), "aniworld", "attack-on-titan", 1, 5, Language.GERMAN_DUB, TITLE);
    }
}
