package org.catalogarr.core.download;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.junit.Test;

public class HlsPlaylistParserTest {

    private static final URI MASTER = URI.create("https://cdn.example/hls/abc/master.m3u8?t=tok&e=99");
    private static final URI MEDIA = URI.create("https://cdn.example/hls/abc/720p/index.m3u8?e=99");

    private static HlsPlaylist parse(URI location, String... lines) throws UnusableMediaException {
        return HlsPlaylistParser.parse(location, String.join("\n", lines) + "\n");
    }

    private static HlsPlaylist.Media media(String... lines) throws UnusableMediaException {
        return (HlsPlaylist.Media) parse(MEDIA, lines);
    }

    private static String refusal(URI location, String... lines) {
        return assertThrows(UnusableMediaException.class, () -> parse(location, lines)).getMessage();
    }

    @Test
    public void theBestVariantHasTheHighestBandwidthWhereverItIsListed() throws Exception {
        HlsPlaylist.Master master = (HlsPlaylist.Master) parse(MASTER, "#EXTM3U",
                "#EXT-X-STREAM-INF:BANDWIDTH=800000,RESOLUTION=854x480,CODECS=\"avc1.4d401e,mp4a.40.2\"",
                "480p/index.m3u8",
                "#EXT-X-STREAM-INF:BANDWIDTH=2500000,RESOLUTION=1280x720,CODECS=\"avc1.4d401f,mp4a.40.2\"",
                "720p/index.m3u8?e=99",
                "#EXT-X-STREAM-INF:BANDWIDTH=400000,RESOLUTION=640x360",
                "https://other.example/360p.m3u8");

        assertEquals(3, master.variants().size());
        HlsPlaylist.Variant best = master.best();
        assertEquals(URI.create("https://cdn.example/hls/abc/720p/index.m3u8?e=99"), best.uri());
        assertEquals(2_500_000, best.bandwidth());
        assertEquals(1280, best.width());
        assertEquals(URI.create("https://other.example/360p.m3u8"), master.variants().get(2).uri());
    }

    @Test
    public void equalBandwidthsAreDecidedByTheResolution() throws Exception {
        HlsPlaylist.Master master = (HlsPlaylist.Master) parse(MASTER, "#EXTM3U",
                "#EXT-X-STREAM-INF:BANDWIDTH=1000000,RESOLUTION=1920x1080", "/abs/1080.m3u8",
                "#EXT-X-STREAM-INF:RESOLUTION=3840x2160,BANDWIDTH=1000000", "2160.m3u8",
                "#EXT-X-STREAM-INF:BANDWIDTH=1000000", "none.m3u8");

        assertEquals(URI.create("https://cdn.example/hls/abc/2160.m3u8"), master.best().uri());
        assertEquals(URI.create("https://cdn.example/abs/1080.m3u8"), master.variants().get(0).uri());
    }

    @Test
    public void aMediaPlaylistListsItsSegmentsInOrderWithTheirOwnQueries() throws Exception {
        HlsPlaylist.Media media = media("#EXTM3U", "#EXT-X-VERSION:3", "#EXT-X-TARGETDURATION:6",
                "#EXT-X-MEDIA-SEQUENCE:12", "", "#EXTINF:6.0,", "seg0.ts?e=99&s=ab", "#EXTINF:6.0,title",
                "../other/seg1.ts", "#EXT-X-DISCONTINUITY", "#EXTINF:2.5,", "https://edge.example/seg2.ts",
                "#EXT-X-ENDLIST");

        assertEquals(List.of(URI.create("https://cdn.example/hls/abc/720p/seg0.ts?e=99&s=ab"),
                URI.create("https://cdn.example/hls/abc/other/seg1.ts"), URI.create("https://edge.example/seg2.ts")),
                media.segments().stream().map(HlsPlaylist.Segment::uri).toList());
        assertEquals(List.of(12L, 13L, 14L), media.segments().stream().map(HlsPlaylist.Segment::sequence).toList());
        assertTrue(media.ended());
        assertEquals(Optional.empty(), media.map());
        assertTrue(media.segments().stream().allMatch(s -> s.key().isEmpty()));
    }

    @Test
    public void withoutEndListThePlaylistIsLive() throws Exception {
        assertFalse(media("#EXTM3U", "#EXTINF:6,", "a.ts").ended());
    }

    @Test
    public void anAesKeyAppliesToTheFollowingSegmentsWithTheSequenceNumberAsDefaultIv() throws Exception {
        HlsPlaylist.Media media = media("#EXTM3U", "#EXT-X-MEDIA-SEQUENCE:258", "#EXTINF:6,", "clear.ts",
                "#EXT-X-KEY:METHOD=AES-128,URI=\"../key?k=1\"", "#EXTINF:6,", "a.ts", "#EXTINF:6,", "b.ts",
                "#EXT-X-KEY:METHOD=AES-128,URI=\"https://keys.example/k2\",IV=0x000102030405060708090A0B0C0D0E0F",
                "#EXTINF:6,", "c.ts", "#EXT-X-KEY:METHOD=NONE", "#EXTINF:6,", "d.ts", "#EXT-X-ENDLIST");

        List<HlsPlaylist.Segment> segments = media.segments();
        assertTrue(segments.get(0).key().isEmpty());
        HlsPlaylist.Key first = segments.get(1).key().orElseThrow();
        assertEquals(URI.create("https://cdn.example/hls/abc/key?k=1"), first.uri());
        assertArrayEquals(HexFormat.of().parseHex("00000000000000000000000000000103"), first.iv());
        assertArrayEquals(HexFormat.of().parseHex("00000000000000000000000000000104"),
                segments.get(2).key().orElseThrow().iv());
        HlsPlaylist.Key explicit = segments.get(3).key().orElseThrow();
        assertEquals(URI.create("https://keys.example/k2"), explicit.uri());
        assertArrayEquals(HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f"), explicit.iv());
        assertTrue(segments.get(4).key().isEmpty());
    }

    @Test
    public void aShortIvIsPaddedOnTheLeft() throws Exception {
        HlsPlaylist.Media media = media("#EXTM3U", "#EXT-X-KEY:METHOD=AES-128,URI=\"k\",IV=0x1F", "#EXTINF:6,", "a.ts",
                "#EXT-X-ENDLIST");

        assertArrayEquals(HexFormat.of().parseHex("0000000000000000000000000000001f"),
                media.segments().get(0).key().orElseThrow().iv());
    }

    @Test
    public void theInitialisationSectionIsResolved() throws Exception {
        HlsPlaylist.Media media = media("#EXTM3U", "#EXT-X-VERSION:7", "#EXT-X-MAP:URI=\"init.mp4?e=99\"",
                "#EXTINF:4,", "seg0.m4s", "#EXT-X-ENDLIST");

        assertEquals(Optional.of(URI.create("https://cdn.example/hls/abc/720p/init.mp4?e=99")), media.map());
    }

    @Test
    public void sampleAesAndOtherMethodsAreRefusedByName() {
        String sample = refusal(MEDIA, "#EXTM3U", "#EXT-X-KEY:METHOD=SAMPLE-AES,URI=\"skd://x\"", "#EXTINF:6,", "a.ts");
        assertTrue(sample, sample.contains("METHOD=SAMPLE-AES") && sample.contains("only AES-128"));

        String other = refusal(MEDIA, "#EXTM3U", "#EXT-X-KEY:METHOD=AES-256,URI=\"k\"", "#EXTINF:6,", "a.ts");
        assertTrue(other, other.contains("METHOD=AES-256"));

        String format = refusal(MEDIA, "#EXTM3U", "#EXT-X-KEY:METHOD=AES-128,URI=\"k\",KEYFORMAT=\"com.apple.streamingkeydelivery\"",
                "#EXTINF:6,", "a.ts");
        assertTrue(format, format.contains("KEYFORMAT"));
    }

    @Test
    public void audioInASeparateRenditionIsNamedForItsVariant() throws UnusableMediaException {
        HlsPlaylist.Master separate = (HlsPlaylist.Master) parse(MASTER, "#EXTM3U",
                "#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"aud\",NAME=\"English\",URI=\"audio/en.m3u8\"",
                "#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"aud\",NAME=\"Deutsch\",DEFAULT=YES,URI=\"audio/de.m3u8\"",
                "#EXT-X-STREAM-INF:BANDWIDTH=800000,AUDIO=\"aud\"", "720p/index.m3u8");
        assertEquals(Optional.of(URI.create("https://cdn.example/hls/abc/audio/de.m3u8")),
                separate.audioOf(separate.best()));

        HlsPlaylist muxed = parse(MASTER, "#EXTM3U",
                "#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"aud\",NAME=\"Deutsch\",DEFAULT=YES",
                "#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID=\"sub\",NAME=\"de\",URI=\"subs/de.m3u8\"",
                "#EXT-X-STREAM-INF:BANDWIDTH=800000,AUDIO=\"aud\"", "720p/index.m3u8");
        assertEquals("sound inside the variant, subtitles aside", Optional.empty(),
                ((HlsPlaylist.Master) muxed).audioOf(((HlsPlaylist.Master) muxed).best()));
    }

    @Test
    public void brokenPlaylistsAreRefusedWithTheReason() {
        assertTrue(refusal(MEDIA, "<html>404</html>").contains("no #EXTM3U header"));
        assertTrue(refusal(MEDIA, "#EXTM3U", "#EXT-X-ENDLIST").contains("no segments"));
        assertTrue(refusal(MEDIA, "#EXTM3U", "a.ts").contains("without #EXTINF"));
        assertTrue(refusal(MEDIA, "#EXTM3U", "#EXT-X-MEDIA-SEQUENCE:x", "#EXTINF:6,", "a.ts").contains("whole number"));
        assertTrue(refusal(MEDIA, "#EXTM3U", "#EXT-X-KEY:METHOD=AES-128", "#EXTINF:6,", "a.ts").contains("without URI"));
        assertTrue(refusal(MEDIA, "#EXTM3U", "#EXT-X-KEY:METHOD=AES-128,URI=\"k\",IV=12", "#EXTINF:6,", "a.ts")
                .contains("IV '12'"));
        assertTrue(refusal(MEDIA, "#EXTM3U", "#EXTINF:6,", "#EXT-X-BYTERANGE:100@0", "a.ts").contains("byte-range"));
        assertTrue(refusal(MEDIA, "#EXTM3U", "#EXTINF:6,", "file:///etc/passwd").contains("no HTTP URL"));
        assertTrue(refusal(MASTER, "#EXTM3U", "#EXT-X-STREAM-INF:BANDWIDTH=1").contains("no variant URI"));
        assertTrue(refusal(MASTER, "#EXTM3U", "#EXT-X-STREAM-INF:BANDWIDTH=1,RESOLUTION=big", "a.m3u8")
                .contains("RESOLUTION 'big'"));
    }

    @Test
    public void aHostileNumberOfSegmentsIsRefused() {
        StringBuilder text = new StringBuilder("#EXTM3U\n");
        for (int i = 0; i <= HlsPlaylistParser.MAX_SEGMENTS; i++) {
            text.append("#EXTINF:1,\ns").append(i).append(".ts\n");
        }

        UnusableMediaException refused = assertThrows(UnusableMediaException.class,
                () -> HlsPlaylistParser.parse(MEDIA, text.toString()));
        assertTrue(refused.getMessage(), refused.getMessage().contains("more than " + HlsPlaylistParser.MAX_SEGMENTS));
    }

    @Test
    public void windowsLineEndsAndAByteOrderMarkAreRead() throws Exception {
        HlsPlaylist playlist = HlsPlaylistParser.parse(MEDIA, "\uFEFF#EXTM3U\r\n#EXTINF:6,\r\na.ts\r\n#EXT-X-ENDLIST\r\n");

        assertEquals(URI.create("https://cdn.example/hls/abc/720p/a.ts"),
                ((HlsPlaylist.Media) playlist).segments().get(0).uri());
    }
}
