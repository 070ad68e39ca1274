package org.catalogarr.core.catalogue;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.util.Optional;
import java.util.OptionalInt;

import org.junit.Test;

public class QueryKeysTest {

    private final QueryKeys keys = new QueryKeys();

    private static SearchQuery episode(String series, int season, int episode) {
        return new SearchQuery(Optional.of(series), OptionalInt.of(season), OptionalInt.of(episode), OptionalInt.empty());
    }

    @Test
    public void queriesAnsweredTheSameWayShareAKeyAndOthersDoNot() {
        String key = keys.of(episode("Attack on Titan", 1, 2));

        assertEquals(key, keys.of(episode("  attack ON titan ", 1, 2)));
        assertNotEquals(key, keys.of(episode("Attack on Titan", 1, 3)));
        assertNotEquals(key, keys.of(episode("Attack on Titan", 12, 3)));
        SearchQuery season = new SearchQuery(Optional.of("Naruto"), OptionalInt.of(1), OptionalInt.empty(),
                OptionalInt.empty());
        SearchQuery absolute = new SearchQuery(Optional.of("Naruto"), OptionalInt.empty(), OptionalInt.empty(),
                OptionalInt.of(1));
        SearchQuery freeText = new SearchQuery(Optional.of("Naruto"), OptionalInt.of(1), OptionalInt.empty(),
                OptionalInt.empty(), true);
        assertNotEquals(keys.of(season), keys.of(absolute));
        assertNotEquals(keys.of(season), keys.of(freeText));
        assertEquals("|-|-|-|false", keys.of(new SearchQuery(Optional.empty(), OptionalInt.empty(),
                OptionalInt.empty(), OptionalInt.empty())));
    }

    @Test
    public void aSeriesIsNormalisedAsTheTitleMatcherReadsItAndOnlyOnce() {
        String key = keys.of(episode("Shingeki no Kyojin: Ataque & Titãs", 1, 2));

        assertTrue(key, key.startsWith(TitleMatcher.key("Shingeki no Kyojin: Ataque & Titãs") + "|1|2|"));
        keys.of(episode("Shingeki no Kyojin: Ataque & Titãs", 3, 4));
        assertEquals(1, keys.size());
    }

    @Test
    public void everNewOrLongSeriesNamesDoNotGrowIt() {
        for (int i = 0; i < 10_000; i++) {
            keys.of(episode("Series " + i, 1, 1));
        }
        assertTrue(String.valueOf(keys.size()), keys.size() <= QueryKeys.MAX_SERIES);

        QueryKeys fresh = new QueryKeys();
        String longName = "Title ".repeat(QueryKeys.MAX_KEPT_LENGTH);
        assertTrue(fresh.of(episode(longName, 1, 1)).startsWith(TitleMatcher.key(longName) + "|"));
        assertEquals(0, fresh.size());
    }
}
