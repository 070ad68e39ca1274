package org.catalogarr.core.torrent;

import java.util.Objects;
import java.util.regex.Pattern;

import org.catalogarr.catalogue.api.Language;
import org.catalogarr.core.catalogue.ResultEntry;

/**
 * What one of our magnets (or download links) names: one episode in one language on one site.
 *
 * @param infohash the 40 lowercase hex digits {@link Magnets#infohash} gives for the other fields
 * @param siteId the site
 * @param slug the site's slug of the series
 * @param season the season
 * @param episode the episode within the season
 * @param language the language
 * @param title the release title, for the torrent's name
 */
public record MagnetInfo(String infohash, String siteId, String slug, int season, int episode, Language language,
        String title) {

    private static final Pattern HASH = Pattern.compile("[0-9a-f]{40}");

    public MagnetInfo {
        Objects.requireNonNull(siteId, "siteId");
        Objects.requireNonNull(slug, "slug");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(title, "title");
        if (!HASH.matcher(infohash).matches()) {
            throw new IllegalArgumentException("An infohash is 40 lowercase hex digits, not '" + infohash + "'");
        }
    }

    /** The info with the infohash computed from the other fields. */
    public static MagnetInfo of(String siteId, String slug, int season, int episode, Language language, String title) {
        return new MagnetInfo(Magnets.infohash(siteId, slug, season, episode, language), siteId, slug, season,
                episode, language, title);
    }

    public static MagnetInfo of(ResultEntry entry, String title) {
        return of(entry.siteId(), entry.slug(), entry.season(), entry.episode(), entry.language(), title);
    }
}
