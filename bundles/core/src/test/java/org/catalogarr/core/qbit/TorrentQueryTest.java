package org.catalogarr.core.qbit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.Test;

public class TorrentQueryTest {

    private static Map<String, Object> t(String hash, String state, String category, long size, String tags) {
        return Map.of("hash", hash, "state", state, "category", category, "size", size, "tags", tags, "name",
                "n-" + hash);
    }

    private static final List<Map<String, Object>> ALL = List.of(
            t("aa", "downloading", "tv", 300, ""),
            t("bb", "queuedDL", "", 100, "x, y"),
            t("cc", "pausedUP", "tv", 200, "y"),
            t("dd", "error", "movies", 400, ""),
            t("ee", "pausedDL", "tv", 50, ""));

    private static List<Object> hashes(String... params) {
        return TorrentQuery.from(FormParameters.of(params)).apply(ALL).stream().map(t -> t.get("hash")).toList();
    }

    @Test
    public void noParametersGiveEverythingInOrder() {
        assertEquals(List.of("aa", "bb", "cc", "dd", "ee"), hashes());
    }

    @Test
    public void anEmptyCategoryMeansUncategorised() {
        assertEquals(List.of("bb"), hashes("category", ""));
        assertEquals(List.of("aa", "cc", "ee"), hashes("category", "tv"));
    }

    @Test
    public void hashesAreMatchedInAnyCaseAndSeparatedByBars() {
        assertEquals(List.of("aa", "cc"), hashes("hashes", "AA|cc"));
        assertEquals(List.of("aa", "bb", "cc", "dd", "ee"), hashes("hashes", "all"));
    }

    @Test
    public void filtersByStateGroup() {
        assertEquals(List.of("aa", "bb", "ee"), hashes("filter", "downloading"));
        assertEquals(List.of("cc"), hashes("filter", "completed"));
        assertEquals(List.of("cc", "dd", "ee"), hashes("filter", "paused"));
        assertEquals(List.of("cc", "dd", "ee"), hashes("filter", "stopped"));
        assertEquals(List.of("aa", "bb"), hashes("filter", "resumed"));
        assertEquals(List.of("aa"), hashes("filter", "active"));
        assertEquals(List.of("bb", "cc", "dd", "ee"), hashes("filter", "inactive"));
        assertEquals(List.of(), hashes("filter", "stalled"));
        assertEquals(List.of("dd"), hashes("filter", "errored"));
        assertEquals(List.of(), hashes("filter", "seeding"));
        assertEquals(List.of("aa", "bb", "cc", "dd", "ee"), hashes("filter", "ALL"));
        assertEquals(List.of("aa", "bb", "cc", "dd", "ee"), hashes("filter", "no-such-filter"));
    }

    @Test
    public void filtersByTag() {
        assertEquals(List.of("bb", "cc"), hashes("tag", "y"));
    }

    @Test
    public void sortsNumbersByValueAndReverses() {
        assertEquals(List.of("ee", "bb", "cc", "aa", "dd"), hashes("sort", "size"));
        assertEquals(List.of("dd", "aa", "cc", "bb", "ee"), hashes("sort", "size", "reverse", "True"));
        assertEquals(List.of("aa", "dd", "ee", "cc", "bb"), hashes("sort", "state"));
    }

    @Test
    public void pagesWithOffsetAndLimit() {
        assertEquals(List.of("bb", "cc"), hashes("offset", "1", "limit", "2"));
        assertEquals(List.of("dd", "ee"), hashes("offset", "-2"));
        assertEquals(List.of(), hashes("offset", "10"));
        assertEquals(List.of("ee", "bb"), hashes("sort", "size", "limit", "2"));
    }

    /** Clients that mean "no limit" send the largest int; added to an offset, it must not wrap around. */
    @Test
    public void takesTheLargestLimitAfterAnOffset() {
        assertEquals(List.of("bb", "cc", "dd", "ee"), hashes("offset", "1", "limit", "2147483647"));
        assertEquals(List.of(), hashes("offset", "2147483647", "limit", "2147483647"));
    }

    @Test
    public void refusesANonNumericLimit() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> hashes("limit", "ten"));
        assertEquals("limit must be an integer, got \"ten\"", e.getMessage());
    }
}
