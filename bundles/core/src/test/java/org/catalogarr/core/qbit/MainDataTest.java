package org.catalogarr.core.qbit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.catalogarr.core.qbit.MainData.Reply;
import org.catalogarr.core.qbit.MainData.Snapshot;
import org.junit.Test;

public class MainDataTest {

    private static final Map<String, Object> A = Map.of("name", "A", "progress", 0.1, "state", "downloading");
    private static final Map<String, Object> B = Map.of("name", "B", "progress", 0.0, "state", "queuedDL");
    private static final Map<String, Object> CAT = Map.of("name", "tv", "savePath", "/d/tv");
    private static final Map<String, Object> STATE = Map.of("dl_info_speed", 100L, "connection_status", "connected");

    private static Snapshot state(Map<String, Map<String, Object>> torrents, Map<String, Map<String, Object>> cats,
            Set<String> tags, Map<String, Object> server) {
        return new Snapshot(0, torrents, cats, tags, server);
    }

    @Test
    public void theFirstReplyIsAFullUpdateWithRidOne() {
        Reply r = MainData.reply(null, 0, state(Map.of("a", A), Map.of("tv", CAT), Set.of("x"), STATE));

        assertEquals(1L, r.body().get("rid"));
        assertEquals(true, r.body().get("full_update"));
        assertEquals(Map.of("a", A), r.body().get("torrents"));
        assertEquals(Map.of("tv", CAT), r.body().get("categories"));
        assertEquals(List.of("x"), r.body().get("tags"));
        assertEquals(STATE, r.body().get("server_state"));
        assertEquals("no torrent has a tracker", Map.of(), r.body().get("trackers"));
        assertEquals(1, r.snapshot().rid());
    }

    @Test
    public void theLastRidGetsOnlyChangedFieldsAndNewTorrents() {
        Reply first = MainData.reply(null, 0, state(Map.of("a", A), Map.of(), Set.of(), STATE));
        Map<String, Object> aLater = Map.of("name", "A", "progress", 0.5, "state", "downloading");

        Reply delta = MainData.reply(first.snapshot(), 1,
                state(Map.of("a", aLater, "b", B), Map.of(), Set.of(), STATE));

        assertEquals(2L, delta.body().get("rid"));
        assertFalse(delta.body().containsKey("full_update"));
        assertEquals(Map.of("a", Map.of("progress", 0.5), "b", B), delta.body().get("torrents"));
        assertFalse("server_state did not change", delta.body().containsKey("server_state"));
        assertFalse(delta.body().containsKey("torrents_removed"));
        assertFalse(delta.body().containsKey("trackers"));
    }

    @Test
    public void aDeltaListsRemovedTorrentsCategoriesAndTags() {
        Reply first = MainData.reply(null, 0, state(Map.of("a", A, "b", B), Map.of("tv", CAT), Set.of("x"), STATE));

        Reply delta = MainData.reply(first.snapshot(), 1, state(Map.of("b", B), Map.of(), Set.of("y"), STATE));

        assertEquals(List.of("a"), delta.body().get("torrents_removed"));
        assertEquals(List.of("tv"), delta.body().get("categories_removed"));
        assertEquals(List.of("x"), delta.body().get("tags_removed"));
        assertEquals(List.of("y"), delta.body().get("tags"));
        assertNull("b did not change", delta.body().get("torrents"));
    }

    @Test
    public void aDeltaCarriesOnlyTheChangedServerStateKeys() {
        Reply first = MainData.reply(null, 0, state(Map.of(), Map.of(), Set.of(), STATE));

        Reply delta = MainData.reply(first.snapshot(), 1,
                state(Map.of(), Map.of(), Set.of(), Map.of("dl_info_speed", 0L, "connection_status", "connected")));

        assertEquals(Map.of("dl_info_speed", 0L), delta.body().get("server_state"));
    }

    @Test
    public void aStaleOrZeroRidGetsAFullUpdate() {
        Snapshot now = state(Map.of("a", A), Map.of(), Set.of(), STATE);
        Reply first = MainData.reply(null, 0, now);
        Reply second = MainData.reply(first.snapshot(), 1, now);

        Reply stale = MainData.reply(second.snapshot(), 1, now);
        Reply zero = MainData.reply(stale.snapshot(), 0, now);

        assertEquals(3L, stale.body().get("rid"));
        assertEquals(true, stale.body().get("full_update"));
        assertEquals(Map.of("a", A), stale.body().get("torrents"));
        assertEquals(4L, zero.body().get("rid"));
        assertTrue(zero.body().containsKey("full_update"));
    }
}
