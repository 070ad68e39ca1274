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
 * @param root the download root (its real path) the folder must still lie below when the file is written
 */
public record DownloadRequest(String siteId, String slug, int season, int episode, Language language, String name,
        Path folder, Path root) {

    public DownloadRequest {
        Objects.requireNonNull(siteId, "siteId");
        Objects.requireNonNull(slug, "slug");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(root, "root");
    }

    /** The folder with the root it must stay below. */
    public TargetFolder target() {
        return new TargetFolder(root, folder);
    }
}
