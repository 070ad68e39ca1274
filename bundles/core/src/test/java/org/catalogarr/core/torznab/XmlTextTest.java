package org.catalogarr.core.torznab;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

public class XmlTextTest {

    @Test
    public void removesCharactersXmlCannotCarry() {
        assertEquals("ab\tc\nd", XmlText.clean("a\u0000b\t\u0001c\n\u001Fd\uFFFE\uFFFF"));
        assertEquals("lone", XmlText.clean("lo\uD800ne\uDC00"));
    }

    @Test
    public void keepsOtherTextAsItIs() {
        String text = "Pokémon – 進撃の巨人 😀 & <tags>";

        assertEquals(text, XmlText.clean(text));
    }
}
