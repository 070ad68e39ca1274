package org.catalogarr.core.download;

import java.nio.file.Path;
import java.util.Objects;

import org.catalogarr.catalogue.api.Language;

/**
 * One episode to download.
 *
 * @param siteId the site whose links to use, and only that site's
 * @param slug the site's slug of the series
 * @param season the season
 * @param episode the episode
 * @param language the wanted language
 * @param name the file name without extension (the release name)
 * @param folder where the file goes
 */
public record DownloadRequest(String siteId, String slug, int season, int episode, Language language, String name,
        Path folder) {

    public DownloadRequest {
        Objects.requireNonNull(siteId, "siteId");
        Objects.requireNonNull(slug, "slug");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(folder, "folder");
    }
}
