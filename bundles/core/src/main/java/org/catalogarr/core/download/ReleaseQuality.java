package org.catalogarr.core.download;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The resolution word of a release name ({@code 1080p} in {@code Show.S01E05.German.1080p.WEB.h264-ANIWORLD})
 * made to tell the truth about the file: the feed promises 1080p before anything is fetched, the stream may be
 * 720p. Only the labels Sonarr tells apart are used, so a name whose label Sonarr would read the same stays
 * exactly the name Sonarr grabbed.
 */
final class ReleaseQuality {

    private static final Pattern LABEL = Pattern.compile("(?i)(?<=^|[._ \\-\\[(])(2160|1080|720|576|540|480|360)p"
            + "(?=$|[._ \\-\\])])");

    private ReleaseQuality() {
    }

    /**
     * The label Sonarr's quality parser would give a picture of this size, by the larger of the two
     * dimensions' grades, so that a wide 1920x800 film is still 1080p; empty when the size is unknown.
     */
    static String label(int width, int height) {
        if (width <= 0 || height <= 0) {
            return "";
        }
        if (width >= 3200 || height >= 1800) {
            return "2160p";
        }
        if (width >= 1600 || height >= 900) {
            return "1080p";
        }
        if (width >= 1100 || height >= 650) {
            return "720p";
        }
        return "480p";
    }

    /** The release name with its resolution label replaced by the real one; unchanged when either is unknown. */
    static String named(String releaseName, int width, int height) {
        String label = label(width, height);
        return label.isEmpty() ? releaseName : withLabel(releaseName, label);
    }

    /** The release name with its resolution label (if it has one) replaced by the given one. */
    static String withLabel(String releaseName, String label) {
        Matcher match = LABEL.matcher(releaseName);
        if (!match.find() || match.group().equalsIgnoreCase(label)) {
            return releaseName;
        }
        return releaseName.substring(0, match.start()) + label + releaseName.substring(match.end());
    }
}
