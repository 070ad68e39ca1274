package org.catalogarr.core.admin;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A catalogue as the console and the admin REST API list it.
 *
 * @param id the site's identifier
 * @param name the site's display name
 * @param enabled whether searches use it now
 * @param priority its search priority, empty when it never had acceptable settings
 * @param baseUrl the site's address, empty when it never had acceptable settings
 * @param indexTitles how many titles of its index are stored
 * @param indexRefreshedAt when its index was last fetched
 * @param problems why its newest settings are not (all) in force, why its index failed, why it cannot be reached
 * @param state {@code ok}, {@code failing} (its last request failed), {@code blocked} (left alone after a
 *        challenge), {@code disabled} or {@code invalid} (no acceptable settings, or the newest refused)
 * @param lastSearchAt when a search last asked the site
 * @param lastLatencyMs how long the site took to answer that search
 * @param lastError why the site's last request failed, empty once it answers again
 * @param blockedUntil until when the site is left alone after a challenge page
 */
public record CatalogueRow(String id, String name, boolean enabled, OptionalInt priority, Optional<String> baseUrl,
        int indexTitles, Optional<Instant> indexRefreshedAt, List<String> problems, String state,
        Optional<Instant> lastSearchAt, OptionalLong lastLatencyMs, Optional<String> lastError,
        Optional<Instant> blockedUntil) {

    public CatalogueRow {
        problems = List.copyOf(problems);
    }
}
