package org.catalogarr.core.catalogue;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.Test;

public class SearchResultCacheTest {

    private final SearchResultCache cache = new SearchResultCache();

    private static SearchQuery query(String series) {
        return new SearchQuery(Optional.of(series), OptionalInt.of(1), OptionalInt.empty(), OptionalInt.empty());
    }

    @Test
    public void staysBoundedUnderAHundredThousandDistinctQueries() {
        for (int i = 0; i < 100_000; i++) {
            cache.put("aniworld", query("Series " + i).key(), List.of(), 120, cache.generation());
        }

        assertEquals(SearchResultCache.MAX_ANSWERS, cache.size());
        assertTrue(cache.get("aniworld", query("Series 99999").key()).isPresent());
    }

    @Test
    public void spellingsOfOneSeriesShareAnAnswer() {
        cache.put("aniworld", query("Attack on Titan").key(), List.of(), 120, cache.generation());

        assertTrue(cache.get("aniworld", query("  attack ON titan ").key()).isPresent());
        assertEquals(1, cache.size());
    }

    @Test
    public void keepsNothingWithoutACacheTime() {
        cache.put("aniworld", query("Attack on Titan").key(), List.of(), 0, cache.generation());

        assertEquals(0, cache.size());
    }

    @Test
    public void anAnswerAskedBeforeTheSiteChangedIsNotKept() {
        long askedAt = cache.generation();
        cache.put("sto", query("Dark").key(), List.of(), 120, askedAt);

        cache.dropSite("aniworld");
        cache.put("aniworld", query("Attack on Titan").key(), List.of(), 120, askedAt);

        assertTrue(cache.get("sto", query("Dark").key()).isPresent());
        assertEquals(Optional.empty(), cache.get("aniworld", query("Attack on Titan").key()));
    }

    @Test
    public void dropsOnlyTheChangedSitesAnswers() {
        cache.put("sto", query("Dark").key(), List.of(), 120, cache.generation());
        cache.put("aniworld", query("Dark").key(), List.of(), 120, cache.generation());

        cache.dropSite("aniworld");

        assertTrue(cache.get("sto", query("Dark").key()).isPresent());
        assertEquals(Optional.empty(), cache.get("aniworld", query("Dark").key()));
    }
}
