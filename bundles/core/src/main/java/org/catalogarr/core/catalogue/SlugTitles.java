package org.catalogarr.core.catalogue;

import java.util.Locale;
import java.util.Set;

/**
 * A readable series name from a slug, for feed items that no query named ("attack-on-titan" →
 * "Attack on Titan"). Sonarr compares names without case and punctuation, so this is enough for it to
 * find the series.
 */
final class SlugTitles {

    private static final Set<String> SMALL_WORDS = Set.of("a", "an", "and", "as", "at", "but", "by", "for", "in", "no",
            "of", "on", "or", "the", "to", "wa", "ga", "wo", "ni", "de", "der", "die", "das", "und");

    private SlugTitles() {
    }

    static String title(String slug) {
        StringBuilder title = new StringBuilder();
        for (String word : slug.split("-")) {
            if (word.isEmpty()) {
                continue;
            }
            boolean first = title.length() == 0;
            if (!first) {
                title.append(' ');
            }
            title.append(!first && SMALL_WORDS.contains(word) ? word
                    : word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1));
        }
        return title.toString();
    }
}
