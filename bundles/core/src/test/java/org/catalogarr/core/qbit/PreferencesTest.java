package org.catalogarr.core.qbit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import java.util.Map;
import java.util.Set;

import org.junit.Test;

public class PreferencesTest {

    private final Map<String, Object> prefs = Preferences.of("/srv/downloads", "admin");

    @Test
    public void namesTheDefaultSavePathAndDht() {
        assertEquals("/srv/downloads", prefs.get("save_path"));
        assertEquals(true, prefs.get("dht"));
        assertEquals("admin", prefs.get("web_ui_username"));
    }

    /** Sonarr's Test fails when the client would remove completed downloads by itself. */
    @Test
    public void neverDescribesAutomaticRemoval() {
        boolean ratio = (Boolean) prefs.get("max_ratio_enabled");
        boolean seeding = (Boolean) prefs.get("max_seeding_time_enabled")
                && ((Number) prefs.get("max_seeding_time")).longValue() < 20160;
        boolean removes = Set.of(1, 3).contains(prefs.get("max_ratio_act"));

        assertFalse((ratio || seeding) && removes);
        assertFalse((Boolean) prefs.get("max_seeding_time_enabled"));
        assertFalse((Boolean) prefs.get("max_inactive_seeding_time_enabled"));
    }

    /** A finished download is stopped and never seeded: ratio 0 reached, then paused. */
    @Test
    public void theGlobalShareLimitIsWhatCatalogarrDoes() {
        assertEquals(true, prefs.get("max_ratio_enabled"));
        assertEquals(0.0, prefs.get("max_ratio"));
        assertEquals(Preferences.PAUSE_ON_LIMIT, prefs.get("max_ratio_act"));
    }

    @Test
    public void queueingIsOnBecauseJobsWaitInAQueue() {
        assertEquals(true, prefs.get("queueing_enabled"));
    }

    @Test
    public void everyFieldSonarrReadsHasItsType() {
        for (String bool : new String[] { "max_ratio_enabled", "max_seeding_time_enabled",
                "max_inactive_seeding_time_enabled", "queueing_enabled", "dht" }) {
            assertEquals(bool, Boolean.class, prefs.get(bool).getClass());
        }
        assertEquals(Double.class, prefs.get("max_ratio").getClass());
        for (String integer : new String[] { "max_ratio_act", "max_seeding_time", "max_inactive_seeding_time" }) {
            assertEquals(integer, Integer.class, prefs.get(integer).getClass());
        }
    }

    /** qBittorrent replaced create_subfolder_enabled by the content layout in 4.3.2. */
    @Test
    public void describesTheContentLayoutAsQbittorrent43AndLaterDo() {
        assertEquals("Original", prefs.get("torrent_content_layout"));
        assertFalse(prefs.containsKey("create_subfolder_enabled"));
    }
}
