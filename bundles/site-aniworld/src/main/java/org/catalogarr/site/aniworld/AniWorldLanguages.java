package org.catalogarr.site.aniworld;

import java.util.Map;
import java.util.Optional;

import org.catalogarr.catalogue.api.Language;

/**
 * AniWorld's {@code data-lang-key} values. Keys 1–3 are agreed on by every scraper of the site, 4 is
 * the newer English dub; any other key is left out rather than guessed, because a wrong language is
 * worse than a missing one.
 */
final class AniWorldLanguages {

    private static final Map<String, Language> BY_KEY = Map.of(
            "1", Language.GERMAN_DUB,
            "2", Language.ENGLISH_SUB,
            "3", Language.GERMAN_SUB,
            "4", Language.ENGLISH_DUB);

    private AniWorldLanguages() {
    }

    static Optional<Language> fromKey(String key) {
        return Optional.ofNullable(BY_KEY.get(key == null ? "" : key.strip()));
    }
}
