package org.catalogarr.core.catalogue;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.catalogarr.catalogue.api.CatalogueSite;

/**
 * Whether an enabled site can be used, told from what it answered lately: left alone after a challenge,
 * failing at its last request, or without a title index it could not fetch. One wording for the console,
 * the admin API and {@code /health}, so that all three say the same.
 */
public final class SiteReachability {

    private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private SiteReachability() {
    }

    /** The site's state: {@code ok}, {@code failing}, {@code blocked}, {@code disabled} or {@code invalid}. */
    public static String state(CatalogueEntry entry, SiteActivity.State activity, Optional<TitleIndex.Status> index,
            Instant now) {
        if (entry.site().isEmpty() || !entry.problems().isEmpty()) {
            return "invalid";
        }
        if (!entry.enabled()) {
            return "disabled";
        }
        if (activity.blocked(now)) {
            return "blocked";
        }
        return problems(entry, activity, index, now).isEmpty() ? "ok" : "failing";
    }

    /** Why an enabled site cannot be used now, in plain sentences; empty for a disabled site or a working one. */
    public static List<String> problems(CatalogueEntry entry, SiteActivity.State activity,
            Optional<TitleIndex.Status> index, Instant now) {
        List<String> problems = new ArrayList<>();
        if (!entry.enabled()) {
            return problems;
        }
        String name = entry.site().map(CatalogueSite::displayName).orElse(entry.siteId());
        if (activity.blocked(now)) {
            problems.add(name + " answered with a challenge (captcha or anti-bot) page; it is left alone until "
                    + CLOCK_TIME.format(activity.blockedUntil().orElseThrow()) + " UTC");
        } else if (activity.lastError().isPresent()) {
            problems.add(name + " failed at its last request: " + activity.lastError().get());
        }
        boolean noTitles = index.map(status -> status.titles() == 0).orElse(false);
        Optional<String> indexError = index.flatMap(TitleIndex.Status::lastError);
        if (noTitles && indexError.isPresent() && problems.isEmpty()) {
            problems.add(name + " cannot be searched: its title index could not be fetched: " + indexError.get());
        } else if (noTitles && indexError.isEmpty() && problems.isEmpty() && activity.lastSearchAt().isEmpty()) {
            problems.add(name + " has not answered yet: its title index is still empty");
        }
        return problems;
    }
}
