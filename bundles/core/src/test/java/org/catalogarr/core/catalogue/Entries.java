package org.catalogarr.core.catalogue;

import java.time.Instant;

import org.catalogarr.catalogue.api.Language;

/** Result entries as the two real sites produce them. */
public final class Entries {

    public static final Instant PUBLISHED = Instant.parse("2024-01-15T10:00:00Z");

    private Entries() {
    }

    public static ResultEntry aniworld(String title, String slug, int season, int episode, Language language) {
        return new ResultEntry("aniworld", "AniWorld", 1, true, title, slug, season, episode, language,
                SizeEstimate.of(season), PUBLISHED);
    }

    public static ResultEntry sto(String title, String slug, int season, int episode, Language language) {
        return new ResultEntry("sto", "s.to", 2, false, title, slug, season, episode, language,
                SizeEstimate.of(season), PUBLISHED);
    }
}
