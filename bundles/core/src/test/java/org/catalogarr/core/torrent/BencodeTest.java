package org.catalogarr.core.torrent;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.Test;

public class BencodeTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static void assertRefused(String input, String message) {
        assertRefused(bytes(input), message);
    }

    private static void assertRefused(byte[] input, String message) {
        try {
            Bencoded value = Bencode.decode(input);
            fail("decoded " + value);
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains(message));
        }
    }

    @Test
    public void encodesEveryKindOfValue() {
        Bencoded value = Bencoded.Dict.of(Map.of(
                "spam", new Bencoded.Items(List.of(Bencoded.text("a"), Bencoded.number(-42), Bencoded.number(0))),
                "cow", Bencoded.text("moo"),
                "empty", new Bencoded.Items(List.of()),
                "bin", new Bencoded.Bytes(new byte[] { 0, (byte) 0xff })));

        assertEquals("d3:bin2:\u0000\u00ff3:cow3:moo5:emptyle4:spaml1:ai-42ei0eee", text(Bencode.encode(value)));
    }

    @Test
    public void sortsKeysAsUnsignedRawBytes() {
        Bencoded value = Bencoded.Dict.of(Map.of("é", Bencoded.number(1), "z", Bencoded.number(2), "Z",
                Bencoded.number(3), "a b", Bencoded.number(4), "ab", Bencoded.number(5)));

        // "é" is 0xc3 0xa9 in UTF-8, after every ASCII byte; ' ' (0x20) comes before 'b'
        assertEquals("d1:Zi3e3:a bi4e2:abi5e1:zi2e2:\u00c3\u00a9i1ee", text(Bencode.encode(value)));
    }

    @Test
    public void decodesWhatItEncodesToTheSameBytes() {
        String[] inputs = { "0:", "i0e", "i-9223372036854775808e", "i9223372036854775807e", "le", "de",
            "d4:infod6:lengthi5e4:name3:abcee", "l3:abcli1eed1:xlee1:\u0000e", "d0:i1e1:ai2ee" };
        for (String input : inputs) {
            Bencoded value = Bencode.decode(bytes(input));

            assertEquals(input, text(Bencode.encode(value)));
        }
        assertEquals(Bencoded.Dict.of(Map.of("info", Bencoded.Dict.of(Map.of("length", Bencoded.number(5),
                "name", Bencoded.text("abc"))))), Bencode.decode(bytes("d4:infod6:lengthi5e4:name3:abcee")));
    }

    @Test
    public void refusesTruncatedInput() {
        assertRefused("", "input ends where a value belongs at byte 0");
        assertRefused("d3:foo", "input ends where a value belongs at byte 6");
        assertRefused("4:abc", "a byte string of 4 bytes, but only 3 are left at byte 2");
        assertRefused("i12", "input ends in a number");
        assertRefused("l1:a", "input ends where the end of a list belongs");
        assertRefused("d1:ai1e", "input ends where the end of a dictionary belongs");
        assertRefused("12", "input ends in a number");
    }

    @Test
    public void refusesDataAfterTheValue() {
        assertRefused("i1ei2e", "3 bytes after the end of the value at byte 3");
        assertRefused("de\n", "1 bytes after the end of the value");
    }

    @Test
    public void refusesNonCanonicalNumbers() {
        assertRefused("i03e", "number '03' at byte 1 is not in canonical form");
        assertRefused("i-0e", "number '-0' at byte 1 is not in canonical form");
        assertRefused("03:abc", "number '03' at byte 0 is not in canonical form");
        assertRefused("ie", "'e' where a digit belongs");
        assertRefused("i-e", "'e' where a digit belongs");
        assertRefused("i1.5e", "'.' where 'e' belongs");
        assertRefused("-1:a", "'-' cannot start a value");
        assertRefused("i9223372036854775808e", "number '9223372036854775808' at byte 1 is out of range");
    }

    @Test
    public void refusesHugeLengthsWithoutAllocatingThem() {
        assertRefused("2147483648:abc", "a byte string of 2147483648 bytes, but only 3 are left");
        assertRefused("99999999999999999999:x", "out of range");
        assertRefused("l1000000000:e", "a byte string of 1000000000 bytes, but only 1 are left");
    }

    @Test
    public void refusesDeepNesting() {
        String deepest = "l".repeat(Bencode.MAX_DEPTH) + "e".repeat(Bencode.MAX_DEPTH);
        assertEquals(deepest, text(Bencode.encode(Bencode.decode(bytes(deepest)))));

        assertRefused("l".repeat(Bencode.MAX_DEPTH + 1) + "e".repeat(Bencode.MAX_DEPTH + 1),
                "nested deeper than " + Bencode.MAX_DEPTH);
        assertRefused("d1:a".repeat(1_000_000), "nested deeper than " + Bencode.MAX_DEPTH);
    }

    @Test
    public void refusesTooManyValues() {
        assertRefused("l" + "0:".repeat(Bencode.MAX_VALUES) + "e", "more than " + Bencode.MAX_VALUES + " values");
    }

    @Test
    public void refusesKeysThatAreUnsortedRepeatedOrNotStrings() {
        assertRefused("d1:bi1e1:ai2ee", "dictionary key 'a' at byte 7 out of order after 'b'");
        assertRefused("d1:ai1e1:ai2ee", "dictionary key 'a' at byte 7 repeated");
        assertRefused("di1ei2ee", "a dictionary key must be a byte string, not 'i'");
        assertRefused("x", "'x' cannot start a value at byte 0");
        assertRefused(new byte[] { 'l', (byte) 0xfe, 'e' }, "'\\xfe' cannot start a value at byte 1");
    }

    @Test
    public void keepsBytesApartFromWhoeverHandsThemIn() {
        byte[] raw = { 1, 2, 3 };
        Bencoded.Bytes b = new Bencoded.Bytes(raw);
        raw[0] = 9;
        b.value()[1] = 9;

        assertArrayEquals(new byte[] { 1, 2, 3 }, b.value());
    }
}
