package org.catalogarr.core.jobs;

import java.util.List;
import java.util.Objects;

import org.catalogarr.core.dto.ShareLimits;

/**
 * How a new job is added, as {@code torrents/add} describes it.
 *
 * @param category the category, empty for none; must exist unless empty
 * @param savePath a folder below the download root, empty for the category's or the default one
 * @param paused whether the job waits for a resume instead of joining the queue
 * @param tags the job's tags
 * @param shareLimits its seeding goals
 */
public record AddOptions(String category, String savePath, boolean paused, List<String> tags,
        ShareLimits shareLimits) {

    public AddOptions {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(savePath, "savePath");
        Objects.requireNonNull(shareLimits, "shareLimits");
        tags = List.copyOf(tags);
    }

    /** Running at once in the default folder, without category, tags or own limits. */
    public static AddOptions defaults() {
        return new AddOptions("", "", false, List.of(), ShareLimits.DEFAULT);
    }
}
