package org.catalogarr.core.admin;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A catalogue as the console lists it.
 *
 * @param id the site's identifier
 * @param name the site's display name
 * @param enabled whether searches use it now
 * @param priority its search priority, empty when it never had acceptable settings
 * @param baseUrl the site's address, empty when it never had acceptable settings
 * @param indexTitles how many titles of its index are stored
 * @param indexRefreshedAt when its index was last fetched
 * @param problems why its newest settings are not (all) in force, or why its index failed
 */
public record CatalogueRow(String id, String name, boolean enabled, OptionalInt priority, Optional<String> baseUrl,
        int indexTitles, Optional<Instant> indexRefreshedAt, List<String> problems) {

    public CatalogueRow {
        problems = List.copyOf(problems);
    }
}
