package org.catalogarr.core.catalogue;

import java.util.List;

/**
 * The merged answer of every enabled site.
 *
 * @param entries the results, ordered by site priority, then season, episode and the site's language preference
 * @param failures the sites that could not answer, and why
 * @param sitesAsked how many enabled sites were asked
 */
public record SearchResult(List<ResultEntry> entries, List<SiteFailure> failures, int sitesAsked) {

    public SearchResult {
        entries = List.copyOf(entries);
        failures = List.copyOf(failures);
    }

    /**
     * Whether every site that was asked failed and nothing stands in for them, so the empty result means
     * nothing. (The feed of new episodes lists a failed site's last good listing.)
     */
    public boolean allFailed() {
        return sitesAsked > 0 && failures.size() >= sitesAsked && entries.isEmpty();
    }
}
