package org.catalogarr.core.download;

import java.nio.file.Path;
import java.util.List;

/**
 * Turns one episode of one site into a video file. Downloads into {@code <name>.<ext>.part} and
 * renames on completion, so a partial file is never mistaken for a finished one; a later call for the
 * same request resumes the part file where the hoster allows it.
 */
public interface DownloadEngine {

    /**
     * Downloads the episode; blocks until the file is complete.
     *
     * @return the finished file
     * @throws DownloadException when no hoster of the wanted language delivers, naming what was tried
     * @throws InterruptedException when the job was paused, cancelled or the service stops
     */
    Path download(DownloadRequest request, Progress progress) throws DownloadException, InterruptedException;

    /**
     * Every file a download of this request may leave behind, finished or partial, so that deleting a
     * job with its files needs no knowledge of how the engine names them.
     */
    List<Path> files(DownloadRequest request);

    /** Progress reports, at most a few times per second. */
    @FunctionalInterface
    interface Progress {
        /**
         * @param downloadedBytes bytes in the file so far
         * @param totalBytes the full size, or -1 while unknown
         * @param bytesPerSecond the current speed
         */
        void update(long downloadedBytes, long totalBytes, double bytesPerSecond);

        /**
         * The file the download will be once complete, told when the media answered and its format (and so
         * the extension) is known, before the first byte is written; its part file is renamed to it at the end.
         */
        default void file(Path file) {
        }
    }
}
