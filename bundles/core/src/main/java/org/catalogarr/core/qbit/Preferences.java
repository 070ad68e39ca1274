package org.catalogarr.core.qbit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code app/preferences}. DHT is on, because Catalogarr's magnets carry no trackers and Sonarr refuses
 * tracker-less magnets otherwise. No share limit is enabled and the limit action is "pause", so Sonarr's
 * Test never sees a client that removes completed downloads behind its back. Queueing is on because jobs
 * really wait in a queue ({@code queuedDL}), which is also what Sonarr's priority check asks for.
 */
public final class Preferences {

    /** qBittorrent's {@code max_ratio_act} "pause the torrent". */
    static final int PAUSE_ON_LIMIT = 0;

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
        p.put("max_ratio_enabled", false);
        p.put("max_ratio", -1.0);
        p.put("max_ratio_act", PAUSE_ON_LIMIT);
        p.put("max_seeding_time_enabled", false);
        p.put("max_seeding_time", -1);
        p.put("max_inactive_seeding_time_enabled", false);
        p.put("max_inactive_seeding_time", -1);
        p.put("dl_limit", 0);
        p.put("up_limit", 0);
        p.put("web_ui_username", username);
        p.put("bypass_local_auth", false);
        return p;
    }
}
