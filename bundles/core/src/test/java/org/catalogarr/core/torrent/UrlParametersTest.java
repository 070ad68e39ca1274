package org.catalogarr.core.torrent;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.Test;

public class UrlParametersTest {

    @Test
    public void decodesNamesAndValuesInOrderAsTheJdkDecoderDoes() {
        for (String value : List.of("tvsearch", "5030,5040", "Attack+on+Titan", "Attack%20on%20Titan", "Pok%C3%A9mon",
                "Pokémon", "進撃の巨人", "🎬+x", "a%2Bb%26c%3Dd", "", "~-_.!*'()")) {
            assertEquals(value, URLDecoder.decode(value, StandardCharsets.UTF_8),
                    UrlParameters.decode("q=" + value).get("q").get(0));
        }
        assertEquals(Map.of("t", List.of("search"), "cat", List.of("1", "2"), "flag", List.of("")),
                UrlParameters.decode("t=search&cat=1&&cat=2&flag"));
    }

    /** Any text, encoded as a client encodes it, decodes to itself, escaped or not. */
    @Test
    public void anyEncodedTextDecodesToItself() {
        Random random = new Random(7);
        int[] blocks = {0x20, 0x41, 0xE0, 0x400, 0x3040, 0x1F300};
        for (int n = 0; n < 2000; n++) {
            StringBuilder text = new StringBuilder();
            for (int length = random.nextInt(10); length > 0; length--) {
                text.appendCodePoint(blocks[random.nextInt(blocks.length)] + random.nextInt(0x40));
            }
            String value = text.toString();
            assertEquals(value, UrlParameters.decode("q=" + URLEncoder.encode(value, StandardCharsets.UTF_8)).get("q").get(0));
            assertEquals(value, UrlParameters.decode("q=" + UrlParameters.encode(value)).get("q").get(0));
        }
    }

    @Test
    public void refusesBrokenEscapesAndBytesThatAreNotUtf8() {
        for (String broken : List.of("q=%", "q=%4", "q=%G1", "q=%FF", "q=%C3")) {
            assertThrows(broken, IllegalArgumentException.class, () -> UrlParameters.decode(broken));
        }
    }
}
