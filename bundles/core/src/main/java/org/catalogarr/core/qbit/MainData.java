package org.catalogarr.core.qbit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code sync/maindata}: a full snapshot when the client sends rid 0 or a rid other than the last one it
 * was given, otherwise only what changed since — new torrents whole, changed torrents with only their
 * changed fields, removed hashes in {@code torrents_removed}; the same for categories and tags, and only
 * the changed {@code server_state} keys.
 */
public final class MainData {

    private MainData() {
    }

    /**
     * What a client was last sent.
     *
     * @param rid the rid handed out with it; 0 for a snapshot not yet sent
     * @param torrents hash → torrent fields
     * @param categories name → category object
     * @param tags every tag in use
     * @param serverState the transfer totals
     */
    public record Snapshot(long rid, Map<String, Map<String, Object>> torrents,
            Map<String, Map<String, Object>> categories, Set<String> tags, Map<String, Object> serverState) {

        public Snapshot {
            torrents = Map.copyOf(torrents);
            categories = Map.copyOf(categories);
            tags = Set.copyOf(tags);
            serverState = Map.copyOf(serverState);
        }

        Snapshot withRid(long newRid) {
            return new Snapshot(newRid, torrents, categories, tags, serverState);
        }
    }

    /** The JSON object to send and the snapshot to compare the next request with. */
    public record Reply(Map<String, Object> body, Snapshot snapshot) {
    }

    /**
     * @param previous what the client was last sent, or null when nothing
     * @param rid the rid the client sent (0 when absent)
     * @param current the state now
     */
    public static Reply reply(Snapshot previous, long rid, Snapshot current) {
        long newRid = previous == null ? 1 : previous.rid() + 1;
        Snapshot sent = current.withRid(newRid);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("rid", newRid);
        if (previous == null || rid == 0 || rid != previous.rid()) {
            body.put("full_update", true);
            body.put("torrents", current.torrents());
            body.put("categories", current.categories());
            body.put("tags", List.copyOf(new TreeSet<>(current.tags())));
            body.put("server_state", current.serverState());
            // Tracker URL -> hashes in qBittorrent; no torrent here has a tracker, so it never changes.
            body.put("trackers", Map.of());
            return new Reply(body, sent);
        }
        putIfAny(body, "torrents", changedObjects(previous.torrents(), current.torrents()));
        putIfAny(body, "torrents_removed", removed(previous.torrents().keySet(), current.torrents().keySet()));
        putIfAny(body, "categories", changedObjects(previous.categories(), current.categories()));
        putIfAny(body, "categories_removed",
                removed(previous.categories().keySet(), current.categories().keySet()));
        putIfAny(body, "tags", removed(current.tags(), previous.tags()));
        putIfAny(body, "tags_removed", removed(previous.tags(), current.tags()));
        putIfAny(body, "server_state", changedFields(previous.serverState(), current.serverState()));
        return new Reply(body, sent);
    }

    private static Map<String, Map<String, Object>> changedObjects(Map<String, Map<String, Object>> before,
            Map<String, Map<String, Object>> now) {
        Map<String, Map<String, Object>> changed = new LinkedHashMap<>();
        now.forEach((key, fields) -> {
            Map<String, Object> old = before.get(key);
            Map<String, Object> diff = old == null ? fields : changedFields(old, fields);
            if (!diff.isEmpty()) {
                changed.put(key, diff);
            }
        });
        return changed;
    }

    private static Map<String, Object> changedFields(Map<String, Object> before, Map<String, Object> now) {
        Map<String, Object> diff = new LinkedHashMap<>();
        now.forEach((k, v) -> {
            if (!before.containsKey(k) || !Objects.equals(before.get(k), v)) {
                diff.put(k, v);
            }
        });
        return diff;
    }

    private static List<String> removed(Set<String> before, Set<String> now) {
        TreeSet<String> gone = new TreeSet<>(before);
        gone.removeAll(now);
        return List.copyOf(gone);
    }

    private static void putIfAny(Map<String, Object> body, String key, Map<String, ?> value) {
        if (!value.isEmpty()) {
            body.put(key, value);
        }
    }

    private static void putIfAny(Map<String, Object> body, String key, List<String> value) {
        if (!value.isEmpty()) {
            body.put(key, value);
        }
    }
}
