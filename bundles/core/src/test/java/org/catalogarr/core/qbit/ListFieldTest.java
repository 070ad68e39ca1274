package org.catalogarr.core.qbit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.util.List;

import org.junit.Test;

public class ListFieldTest {

    @Test
    public void trimsItemsAndDropsEmptyOnes() {
        assertEquals(List.of("a", "b c", "d"), ListField.split(" a ,, b c ,d,", c -> c == ',', 3, "tags"));
        assertEquals(List.of(), ListField.split("", c -> c == ',', 3, "tags"));
    }

    @Test
    public void splitsLinesOfEveryKind() {
        assertEquals(List.of("a", "b", "c", "d", "e"),
                ListField.split("a\r\nb\rc\u2028d\n\ne\n", ListField::isLineBreak, 10, "links"));
    }

    @Test
    public void refusesTheItemAfterTheLast() {
        assertEquals(List.of("a", "b"), ListField.split("a,b,,", c -> c == ',', 2, "tags"));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ListField.split("a,b,c", c -> c == ',', 2, "tags"));

        assertEquals("at most 2 tags at once", e.getMessage());
    }
}
