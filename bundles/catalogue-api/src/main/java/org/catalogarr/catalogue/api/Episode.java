package org.catalogarr.catalogue.api;

import java.util.Objects;

/**
 * One episode (or, in season 0, one movie or special) of a season list.
 *
 * @param season the season number, 0 for movies and specials
 * @param number the episode (or movie) number within the season
 * @param germanTitle the German title, empty when the site has none
 * @param originalTitle the English or original title, empty when the site has none
 */
public record Episode(int season, int number, String germanTitle, String originalTitle) {

    public Episode {
        Objects.requireNonNull(germanTitle, "germanTitle");
        Objects.requireNonNull(originalTitle, "originalTitle");
    }
}
