package org.catalogarr.core.torznab;

import java.time.Instant;

import org.catalogarr.catalogue.api.Language;
import org.catalogarr.core.catalogue.ResultEntry;
import org.catalogarr.core.catalogue.SizeEstimate;

/** Result entries as the two real sites produce them. */
final class Entries {

    static final Instant PUBLISHED = Instant.parse("2024-01-15T10:00:00Z");

    private Entries() {
    }

    static ResultEntry aniworld(String title, String slug, int season, int episode, Language language) {
        return new ResultEntry("aniworld", "AniWorld", 1, true, title, slug, season, episode, language,
                SizeEstimate.of(season), PUBLISHED);
    }

    static ResultEntry sto(String title, String slug, int season, int episode, Language language) {
        return new ResultEntry("sto", "s.to", 2, false, title, slug, season, episode, language,
                SizeEstimate.of(season), PUBLISHED);
    }
}
