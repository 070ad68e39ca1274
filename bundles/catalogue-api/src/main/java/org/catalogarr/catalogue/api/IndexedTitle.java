package org.catalogarr.catalogue.api;

import java.util.List;
import java.util.Objects;

/**
 * A series as a site's index or search lists it.
 *
 * @param slug the site's path segment of the series
 * @param title the main title as the site shows it
 * @param alternativeTitles other names (original, romanised, translated), without the main title
 */
public record IndexedTitle(String slug, String title, List<String> alternativeTitles) {

    public IndexedTitle {
        Objects.requireNonNull(slug, "slug");
        Objects.requireNonNull(title, "title");
        alternativeTitles = List.copyOf(alternativeTitles);
    }
}
