package org.catalogarr.catalogue.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * One entry of a site's listing of newly released episodes ("Neue Episoden"). A new language of an
 * older episode is an entry of its own.
 *
 * @param slug the site's slug of the series, taken from the entry's link
 * @param seriesTitle the series title as the listing writes it
 * @param season the season, 0 for movies and specials
 * @param episode the episode number within the season
 * @param languages the languages the listing flags: a hint only, the episode page is the authority;
 *        empty when the listing shows no flag the site bundle knows
 * @param releasedAt when the site says it released the entry
 */
public record NewRelease(String slug, String seriesTitle, int season, int episode, Set<Language> languages,
        Instant releasedAt) {

    public NewRelease {
        Objects.requireNonNull(slug, "slug");
        Objects.requireNonNull(seriesTitle, "seriesTitle");
        Objects.requireNonNull(releasedAt, "releasedAt");
        languages = Set.copyOf(languages);
        if (season < 0 || episode < 1) {
            throw new IllegalArgumentException("no such episode: season " + season + ", episode " + episode);
        }
    }
}
