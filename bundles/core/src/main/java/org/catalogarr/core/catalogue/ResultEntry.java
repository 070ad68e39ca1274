package org.catalogarr.core.catalogue;

import java.time.Instant;
import java.util.Objects;

import org.catalogarr.catalogue.api.Language;

/**
 * One search result, the seed's {@code ResultEntry}: one episode in one language on one site. The same
 * episode on two sites is two entries.
 *
 * @param siteId the site the episode comes from
 * @param siteName the site's display name
 * @param priorityRank the site's {@code search_priority}: lower ranks are listed first
 * @param anime whether the site is an anime catalogue (decides the Torznab category)
 * @param seriesTitle the series name as Sonarr asked for it, so that Sonarr matches the release
 * @param slug the site's slug of the series
 * @param season the season, 0 for movies and specials
 * @param episode the episode number within the season
 * @param language the language of this entry
 * @param sizeBytes the size: estimated, as the sites do not say (see {@link SizeEstimate})
 * @param publishedAt when Catalogarr saw the episode offered, or in the feed of new episodes when the site
 *        released it; never in the future
 */
public record ResultEntry(String siteId, String siteName, int priorityRank, boolean anime, String seriesTitle,
        String slug, int season, int episode, Language language, long sizeBytes, Instant publishedAt) {

    public ResultEntry {
        Objects.requireNonNull(siteId, "siteId");
        Objects.requireNonNull(siteName, "siteName");
        Objects.requireNonNull(seriesTitle, "seriesTitle");
        Objects.requireNonNull(slug, "slug");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(publishedAt, "publishedAt");
    }
}
