package org.catalogarr.core.dto;

/**
 * A torrent's seeding goals as qBittorrent keeps them: {@value #GLOBAL} follows the preferences,
 * {@value #NONE} means no limit. Catalogarr never seeds, so the limits only tell Sonarr whether a finished
 * download counts as done seeding (then it may move the file and remove the torrent).
 *
 * @param ratioLimit the share ratio, {@value #GLOBAL}, {@value #NONE} or 0 to {@value #MAX_RATIO}
 * @param seedingTimeLimit minutes of seeding, {@value #GLOBAL}, {@value #NONE} or 0 to {@value #MAX_MINUTES}
 * @param inactiveSeedingTimeLimit minutes of seeding without upload, same range
 */
public record ShareLimits(double ratioLimit, int seedingTimeLimit, int inactiveSeedingTimeLimit) {

    public static final int GLOBAL = -2;
    public static final int NONE = -1;
    /** qBittorrent's upper bounds: a ratio of 9998 and a year of minutes. */
    public static final double MAX_RATIO = 9998;
    public static final int MAX_MINUTES = 525_600;

    public static final ShareLimits DEFAULT = new ShareLimits(GLOBAL, GLOBAL, GLOBAL);

    public ShareLimits {
        if (ratioLimit != GLOBAL && ratioLimit != NONE && !(ratioLimit >= 0 && ratioLimit <= MAX_RATIO)) {
            throw new IllegalArgumentException("ratioLimit must be -2 (global), -1 (no limit) or 0 to 9998, not "
                    + ratioLimit);
        }
        checkMinutes("seedingTimeLimit", seedingTimeLimit);
        checkMinutes("inactiveSeedingTimeLimit", inactiveSeedingTimeLimit);
    }

    private static void checkMinutes(String name, int minutes) {
        if (minutes != GLOBAL && minutes != NONE && !(minutes >= 0 && minutes <= MAX_MINUTES)) {
            throw new IllegalArgumentException(name + " must be -2 (global), -1 (no limit) or 0 to " + MAX_MINUTES
                    + " minutes, not " + minutes);
        }
    }
}
