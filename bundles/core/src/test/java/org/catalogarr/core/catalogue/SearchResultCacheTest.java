package org.catalogarr.core.catalogue;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.Test;

public class SearchResultCacheTest {

    private final SearchResultCache cache = new SearchResultCache();

    private final QueryKeys keys = new QueryKeys();

    private String key(String series) {
        return keys.of(new SearchQuery(Optional.of(series), OptionalInt.of(1), OptionalInt.empty(), OptionalInt.empty()));
    }

    @Test
    public void staysBoundedUnderAHundredThousandDistinctQueries() {
        for (int i = 0; i < 100_000; i++) {
            cache.put("aniworld", key("Series " + i), List.of(), 120, cache.generation());
        }

        assertEquals(SearchResultCache.MAX_ANSWERS, cache.size());
        assertTrue(cache.get("aniworld", key("Series 99999")).isPresent());
    }

    @Test
    public void spellingsOfOneSeriesShareAnAnswer() {
        cache.put("aniworld", key("Attack on Titan"), List.of(), 120, cache.generation());

        assertTrue(cache.get("aniworld", key("  attack ON titan ")).isPresent());
        assertEquals(1, cache.size());
    }

    @Test
    public void keepsNothingWithoutACacheTime() {
        cache.put("aniworld", key("Attack on Titan"), List.of(), 0, cache.generation());

        assertEquals(0, cache.size());
    }

    @Test
    public void anAnswerAskedBeforeTheSiteChangedIsNotKept() {
        long askedAt = cache.generation();
        cache.put("sto", key("Dark"), List.of(), 120, askedAt);

        cache.dropSite("aniworld");
        cache.put("aniworld", key("Attack on Titan"), List.of(), 120, askedAt);

        assertTrue(cache.get("sto", key("Dark")).isPresent());
        assertEquals(Optional.empty(), cache.get("aniworld", key("Attack on Titan")));
    }

    @Test
    public void dropsOnlyTheChangedSitesAnswers() {
        cache.put("sto", key("Dark"), List.of(), 120, cache.generation());
        cache.put("aniworld", key("Dark"), List.of(), 120, cache.generation());

        cache.dropSite("aniworld");

        assertTrue(cache.get("sto", key("Dark")).isPresent());
        assertEquals(Optional.empty(), cache.get("aniworld", key("Dark")));
    }
}
