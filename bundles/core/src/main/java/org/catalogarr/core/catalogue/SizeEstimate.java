package org.catalogarr.core.catalogue;

/**
 * The sites never state file sizes, and Sonarr checks sizes against a quality profile, so every
 * result carries an estimate of a 1080p web stream: about 350 MiB for an episode (20–45 minutes) and
 * 1.5 GiB for a movie or special of season 0. The real size is known once the download starts.
 */
public final class SizeEstimate {

    public static final long EPISODE_BYTES = 350L * 1024 * 1024;
    public static final long MOVIE_BYTES = 1536L * 1024 * 1024;

    private SizeEstimate() {
    }

    public static long of(int season) {
        return season == 0 ? MOVIE_BYTES : EPISODE_BYTES;
    }
}
