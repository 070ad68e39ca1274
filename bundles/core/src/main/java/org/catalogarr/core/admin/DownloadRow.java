package org.catalogarr.core.admin;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A download job as the console and the admin REST API list it.
 *
 * @param hash the job's info-hash, which the actions name it by
 * @param name the release name
 * @param site the catalogue it is downloaded from
 * @param language the language's code, e.g. {@code german-dub}
 * @param state {@code queued}, {@code downloading}, {@code paused}, {@code retrying} (queued, waiting for
 *        its retry time), {@code completed}, {@code failed} or {@code cancelled}
 * @param progress from 0 to 1
 * @param bytesPerSecond the current speed
 * @param downloadedBytes bytes written so far
 * @param totalBytes the size, when known
 * @param category the qBittorrent category, empty for none
 * @param message the last error or note
 * @param addedAt when the job was added
 * @param retryAt when a retrying job tries again
 * @param etaSeconds how long a running download still needs at its current speed, when that can be told
 */
public record DownloadRow(String hash, String name, String site, String language, String state, double progress,
        double bytesPerSecond, long downloadedBytes, OptionalLong totalBytes, String category,
        Optional<String> message, Instant addedAt, Optional<Instant> retryAt, OptionalLong etaSeconds) {
}
