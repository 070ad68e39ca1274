package org.catalogarr.core.qbit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The {@code torrents/info} parameters applied to torrent objects: {@code filter}, {@code category}
 * (empty = without category, absent = any), {@code tag}, {@code hashes} ({@code |}-separated, any case),
 * then {@code sort}, {@code reverse}, {@code offset} (negative counts from the end) and {@code limit}.
 */
public record TorrentQuery(String filter, Optional<String> category, Optional<String> tag, Set<String> hashes,
        Optional<String> sort, boolean reverse, int offset, int limit) {

    private static final Set<String> DOWNLOADING = Set.of("downloading", "metaDL", "forcedMetaDL", "stalledDL",
            "checkingDL", "pausedDL", "stoppedDL", "queuedDL", "forcedDL");
    private static final Set<String> SEEDING = Set.of("uploading", "stalledUP", "checkingUP", "queuedUP",
            "forcedUP");
    private static final Set<String> COMPLETED = Set.of("uploading", "stalledUP", "checkingUP", "queuedUP",
            "forcedUP", "pausedUP", "stoppedUP");
    private static final Set<String> PAUSED = Set.of("pausedDL", "pausedUP", "stoppedDL", "stoppedUP", "error",
            "missingFiles");
    private static final Set<String> ACTIVE = Set.of("downloading", "metaDL", "forcedMetaDL", "forcedDL",
            "uploading", "forcedUP", "moving");
    private static final Set<String> STALLED_UP = Set.of("stalledUP");
    private static final Set<String> STALLED_DL = Set.of("stalledDL");
    private static final Set<String> CHECKING = Set.of("checkingUP", "checkingDL", "checkingResumeData");
    private static final Set<String> ERRORED = Set.of("error", "missingFiles");

    public TorrentQuery {
        hashes = hashes.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** @throws IllegalArgumentException when {@code limit} or {@code offset} is not a number */
    public static TorrentQuery from(FormParameters p) {
        Set<String> hashes = p.first("hashes").filter(h -> !h.isBlank() && !h.equalsIgnoreCase("all"))
                .map(h -> Set.of(h.strip().split("\\s*\\|\\s*"))).orElse(Set.of());
        return new TorrentQuery(p.text("filter").strip().toLowerCase(Locale.ROOT), p.first("category"),
                p.first("tag"), hashes, p.first("sort").filter(s -> !s.isBlank()), p.bool("reverse", false),
                integer(p, "offset", 0), integer(p, "limit", 0));
    }

    public List<Map<String, Object>> apply(List<Map<String, Object>> torrents) {
        List<Map<String, Object>> result = new ArrayList<>(torrents.stream().filter(this::matches).toList());
        sort.ifPresent(key -> {
            Comparator<Map<String, Object>> byKey = Comparator.comparing(t -> t.get(key), TorrentQuery::compare);
            result.sort(reverse ? byKey.reversed() : byKey);
        });
        int from = offset < 0 ? Math.max(0, result.size() + offset) : Math.min(offset, result.size());
        // In long: an offset plus a limit near Integer.MAX_VALUE would otherwise wrap to a negative end.
        int to = limit > 0 ? (int) Math.min(result.size(), (long) from + limit) : result.size();
        return List.copyOf(result.subList(from, to));
    }

    private boolean matches(Map<String, Object> t) {
        if (!hashes.isEmpty() && !hashes.contains((String) t.get("hash"))) {
            return false;
        }
        if (category.isPresent() && !category.get().equals(t.get("category"))) {
            return false;
        }
        if (tag.isPresent() && !tagsOf(t).contains(tag.get())) {
            return false;
        }
        return stateFilter().test((String) t.get("state"));
    }

    /** qBittorrent ignores filter names it does not know, and so does this. */
    private Predicate<String> stateFilter() {
        return switch (filter) {
            case "downloading" -> DOWNLOADING::contains;
            case "seeding" -> SEEDING::contains;
            case "completed" -> COMPLETED::contains;
            case "paused", "stopped" -> PAUSED::contains;
            case "resumed", "running" -> s -> !PAUSED.contains(s);
            case "active" -> ACTIVE::contains;
            case "inactive" -> s -> !ACTIVE.contains(s);
            case "stalled" -> s -> STALLED_UP.contains(s) || STALLED_DL.contains(s);
            case "stalled_uploading" -> STALLED_UP::contains;
            case "stalled_downloading" -> STALLED_DL::contains;
            case "checking" -> CHECKING::contains;
            case "errored" -> ERRORED::contains;
            default -> s -> true;
        };
    }

    private static List<String> tagsOf(Map<String, Object> t) {
        String tags = (String) t.getOrDefault("tags", "");
        return tags.isEmpty() ? List.of() : List.of(tags.split(",\\s*"));
    }

    /** Numbers by value, everything else by text; a field the torrents lack sorts first. */
    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static int compare(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        if (a instanceof Comparable c && a.getClass() == b.getClass()) {
            return c.compareTo(b);
        }
        return a.toString().compareTo(b.toString());
    }

    private static int integer(FormParameters p, String name, int missing) {
        String value = p.text(name).strip();
        if (value.isEmpty()) {
            return missing;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, got \"" + value + "\"");
        }
    }
}
