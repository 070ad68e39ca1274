package org.catalogarr.site.aniworld;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * AniWorld's URL scheme on a configured base. Every argument is checked here, so no caller's typo or
 * crafted slug ever reaches the site as another path.
 *
 * @param base the site root without a trailing slash
 */
record AniWorldUrls(URI base) {

    private static final Pattern SLUG = Pattern.compile("[a-z0-9-]+");

    URI series(String slug) {
        return URI.create(base + "/anime/stream/" + checkSlug(slug));
    }

    /** Season N at {@code staffel-N}; season 0 (movies and specials) at {@code filme}. */
    URI season(String slug, int season) {
        return URI.create(series(slug) + "/" + seasonSegment(season));
    }

    /** Episode M at {@code staffel-N/episode-M}; movie M at {@code filme/film-M}. */
    URI episode(String slug, int season, int episode) {
        if (episode < 1) {
            throw new IllegalArgumentException("AniWorld episode numbers start at 1, was " + episode);
        }
        return URI.create(season(slug, season) + (season == 0 ? "/film-" : "/episode-") + episode);
    }

    URI home() {
        return URI.create(base + "/");
    }

    URI search() {
        return URI.create(base + "/ajax/search");
    }

    static String checkSlug(String slug) {
        if (slug == null || !SLUG.matcher(slug).matches()) {
            throw new IllegalArgumentException(
                    "An AniWorld slug is lowercase letters, digits and dashes, was '" + slug + "'");
        }
        return slug;
    }

    private static String seasonSegment(int season) {
        if (season < 0) {
            throw new IllegalArgumentException("AniWorld season numbers are 0 (movies) or more, was " + season);
        }
        return season == 0 ? "filme" : "staffel-" + season;
    }
}
