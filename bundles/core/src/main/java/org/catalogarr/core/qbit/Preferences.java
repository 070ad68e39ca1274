package org.catalogarr.core.qbit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code app/preferences}. DHT is on, because Catalogarr's magnets carry no trackers and Sonarr refuses
 * tracker-less magnets otherwise. The global share limit is ratio 0 with the action "pause", which is what
 * Catalogarr does: a finished download is stopped and never seeded. So torrents on the global limit
 * ({@code ratio_limit} -2) have met it when they complete, and Sonarr may move their file and remove them
 * after the import; its Test does not mind, as it only objects to a limit whose action removes torrents.
 * Queueing is on because jobs really wait in a queue ({@code queuedDL}) that {@code topPrio} and the like
 * reorder.
 */
public final class Preferences {

    /** qBittorrent's {@code max_ratio_act} "pause the torrent". */
    static final int PAUSE_ON_LIMIT = 0;
    /** The global ratio limit: none is ever uploaded. */
    static final double MAX_RATIO = 0;
    /** A disabled time limit. */
    static final int NO_LIMIT = -1;

    private Preferences() {
    }

    public static Map<String, Object> of(String savePath, String username) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("locale", "en");
        p.put("save_path", savePath);
        p.put("temp_path_enabled", false);
        p.put("temp_path", "");
        p.put("auto_tmm_enabled", false);
        p.put("torrent_content_layout", "Original");
        p.put("start_paused_enabled", false);
        p.put("dht", true);
        p.put("pex", false);
        p.put("lsd", false);
        p.put("queueing_enabled", true);
        p.put("max_ratio_enabled", true);
        p.put("max_ratio", MAX_RATIO);
        p.put("max_ratio_act", PAUSE_ON_LIMIT);
        p.put("max_seeding_time_enabled", false);
        p.put("max_seeding_time", NO_LIMIT);
        p.put("max_inactive_seeding_time_enabled", false);
        p.put("max_inactive_seeding_time", NO_LIMIT);
        p.put("dl_limit", 0);
        p.put("up_limit", 0);
        p.put("web_ui_username", username);
        p.put("bypass_local_auth", false);
        return p;
    }
}
