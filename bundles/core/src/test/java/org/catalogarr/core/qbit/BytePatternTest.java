package org.catalogarr.core.qbit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.Test;

public class BytePatternTest {

    private static int find(String haystack, String needle, int from) {
        return new BytePattern(needle.getBytes(StandardCharsets.ISO_8859_1))
                .indexIn(haystack.getBytes(StandardCharsets.ISO_8859_1), from);
    }

    @Test
    public void findsWhatIndexOfFinds() {
        String[] haystacks = { "", "a", "abcabcabd", "aaaaab", "--x--xy--xyz", "abababababc", "zzzz" };
        String[] needles = { "a", "ab", "abd", "aab", "--xy", "ababc", "z", "zzzzz", "--xyz" };
        for (String h : haystacks) {
            for (String n : needles) {
                for (int from = 0; from <= h.length(); from++) {
                    assertEquals(h + " / " + n + " from " + from, h.indexOf(n, from), find(h, n, from));
                }
            }
        }
    }

    @Test
    public void anEmptyPatternIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new BytePattern(new byte[0]));
    }

    /**
     * The naive search's worst case: a 16 KiB pattern that matches almost everywhere in 8 MiB took minutes
     * of CPU; the linear search reads each byte a bounded number of times.
     */
    @Test
    public void aLongAlmostMatchingPatternIsFoundInLinearTime() {
        byte[] needle = new byte[16 * 1024];
        Arrays.fill(needle, (byte) '-');
        needle[needle.length - 1] = 'x';
        byte[] haystack = new byte[8 * 1024 * 1024];
        Arrays.fill(haystack, (byte) '-');
        haystack[haystack.length - 1] = 'x';

        long started = System.nanoTime();
        int at = new BytePattern(needle).indexIn(haystack, 0);
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertEquals(haystack.length - needle.length, at);
        assertTrue("took " + millis + " ms", millis < 1000);
    }
}
