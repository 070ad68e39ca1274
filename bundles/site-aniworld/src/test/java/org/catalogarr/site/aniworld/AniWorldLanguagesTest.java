package org.catalogarr.site.aniworld;

import static org.junit.Assert.assertEquals;

import java.util.Optional;

import org.catalogarr.catalogue.api.Language;
import org.junit.Test;

public class AniWorldLanguagesTest {

    @Test
    public void mapsTheKnownKeys() {
        assertEquals(Optional.of(Language.GERMAN_DUB), AniWorldLanguages.fromKey("1"));
        assertEquals(Optional.of(Language.ENGLISH_SUB), AniWorldLanguages.fromKey("2"));
        assertEquals(Optional.of(Language.GERMAN_SUB), AniWorldLanguages.fromKey(" 3 "));
        assertEquals(Optional.of(Language.ENGLISH_DUB), AniWorldLanguages.fromKey("4"));
    }

    @Test
    public void neverGuessesAnUnknownKey() {
        assertEquals(Optional.empty(), AniWorldLanguages.fromKey("5"));
        assertEquals(Optional.empty(), AniWorldLanguages.fromKey(""));
        assertEquals(Optional.empty(), AniWorldLanguages.fromKey(null));
    }
}
