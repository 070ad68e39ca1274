package org.catalogarr.catalogue.api;

import java.util.List;
import java.util.Objects;

/**
 * A series page.
 *
 * @param slug the site's path segment of the series
 * @param title the main title
 * @param alternativeTitles other names of the series
 * @param startYear the first year, or 0 when the page does not say
 * @param seasons season numbers in ascending order; 0 = movies and specials
 */
public record Series(String slug, String title, List<String> alternativeTitles, int startYear, List<Integer> seasons) {

    public Series {
        Objects.requireNonNull(slug, "slug");
        Objects.requireNonNull(title, "title");
        alternativeTitles = List.copyOf(alternativeTitles);
        seasons = List.copyOf(seasons);
    }
}
