package org.catalogarr.hosters;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.catalogarr.hosters.JsUnpacker.UnpackException;
import org.catalogarr.testkit.JsPacker;
import org.junit.Test;

public class JsUnpackerTest {

    /** Words that read as numbers in several radixes, with leading zeros, underscores and non-ASCII neighbours. */
    private static final String SCRIPT = "var a = 0, b = 10, c = 'it\\'s', d = \"C:\\\\dir\", _x1 = 007;\n"
            + "jwplayer(\"vplayer\").setup({sources:[{file:\"https://cdn.example:8443/hls/x9Z/master.m3u8?t=1&e=17\"}],"
            + "title:\"Folge 1 – Ärger\", zz: ZZ, éa: 1e3, \"Z\": a + b});\r\nif (a<b) { a = b; b = 10; }";

    @Test
    public void undoesTheTestkitPackerInEveryRadix() throws Exception {
        for (int radix : List.of(2, 10, 16, 36, 62)) {
            String packed = JsPacker.pack(SCRIPT, radix);

            assertEquals("radix " + radix, List.of(SCRIPT), JsUnpacker.unpackAll(packed));
        }
    }

    @Test
    public void unpacksAHandWrittenPlayerBlock() throws Exception {
        // Shaped like Filemoon's 2024 player pages: radix 36, words 'b' and '1' kept by empty keywords, an escaped quote.
        String page = "<script type='text/javascript'>eval(function(p,a,c,k,e,d){while(c--)if(k[c])p=p.replace("
                + "new RegExp('\\\\b'+c.toString(a)+'\\\\b','g'),k[c]);return p}('0(\"2\").3({4:[{5:\"6://7.8/9/a/c.d\"}],"
                + "e:\\'1%\\',b:1});',36,15,'jwplayer||vplayer|setup|sources|file|https|be6721|cdn|hls2|x9|||m3u8|width'"
                + ".split('|'),0,{}))\n</script>";

        assertEquals(List.of("jwplayer(\"vplayer\").setup({sources:[{file:\"https://be6721.cdn/hls2/x9/c.m3u8\"}],"
                + "width:'1%',b:1});"), JsUnpacker.unpackAll(page));
    }

    @Test
    public void unpacksEveryBlockOfAPage() throws Exception {
        String page = "<script>" + JsPacker.pack("first(one)", 36) + "</script><p>x</p><script>"
                + JsPacker.pack("second(two, two)", 62) + "</script>";

        assertEquals(List.of("first(one)", "second(two, two)"), JsUnpacker.unpackAll(page));
    }

    @Test
    public void keepsWordsThatAreNoIndexOrHaveAnEmptyKeyword() throws Exception {
        assertEquals("x 01 3 _ A y", JsUnpacker.unpack("0 01 3 _ A 1", 10, 2, List.of("x", "y")));
        assertEquals("2 x", JsUnpacker.unpack("2 0", 36, 3, List.of("x", "y", "")));
        List<String> keywords = new ArrayList<>(Collections.nCopies(62, ""));
        keywords.set(35, "lower");
        keywords.set(61, "upper");
        assertEquals("upper lower", JsUnpacker.unpack("Z z", 62, 62, keywords));
        assertEquals("Z lower", JsUnpacker.unpack("Z z", 36, 62, keywords));
    }

    @Test
    public void aPageWithoutPackedBlockSaysSo() {
        UnpackException failure = assertThrows(UnpackException.class,
                () -> JsUnpacker.unpackAll("<script>jwplayer().setup({})</script>"));

        assertTrue(failure.getMessage(), failure.getMessage().contains("no eval(function(p,a,c,k,e,d)"));
    }

    @Test
    public void malformedBlocksNameTheBrokenPart() {
        String packed = JsPacker.pack("jwplayer().setup({sources:[{file:\"x.m3u8\"}]})", 36);
        int arguments = packed.indexOf("}('") + 3;

        assertUnpackFails(packed.substring(0, packed.indexOf(".split(")), "not split at '|'");
        assertUnpackFails(packed.substring(0, arguments + 5), "payload string is not closed");
        assertUnpackFails(packed.replace("',36,", "',x,"), "no radix and count");
        assertUnpackFails(packed.replace("',36,", "',95,"), "radix 95 is not supported");
        assertUnpackFails(packed.substring(0, packed.indexOf("}('") + 1), "no argument list");
        assertUnpackFails(packed.replace("}('", "}('\\u12'+'"), "broken \\u escape");
    }

    @Test
    public void hostileSizesAreRefused() {
        assertUnpackFails("x".repeat(JsUnpacker.MAX_INPUT_CHARS + 1), "more than the " + JsUnpacker.MAX_INPUT_CHARS);
        UnpackException tooMany = assertThrows(UnpackException.class,
                () -> JsUnpacker.unpack("0", 62, JsUnpacker.MAX_KEYWORDS + 1, List.of("x")));
        assertTrue(tooMany.getMessage(), tooMany.getMessage().contains("keyword list of"));
        String bomb = "eval(function(p,a,c,k,e,d){return p}('" + "0 ".repeat(200_000) + "',10,1,'" + "x".repeat(100)
                + "'.split('|'),0,{}))";
        assertUnpackFails(bomb, "grows beyond " + JsUnpacker.MAX_OUTPUT_CHARS);
    }

    private static void assertUnpackFails(String text, String reason) {
        UnpackException failure = assertThrows(UnpackException.class, () -> JsUnpacker.unpackAll(text));
        assertTrue(failure.getMessage(), failure.getMessage().contains(reason));
    }
}
