package org.catalogarr.core.jobs;

/** File names of downloads: the release name, made safe for every file system Sonarr may import from. */
final class DownloadFiles {

    private DownloadFiles() {
    }

    static String fileName(String releaseName) {
        String safe = releaseName.replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_").replaceAll("^[.\\s]+", "").strip();
        return safe.isEmpty() ? "download" : safe;
    }
}
