package org.catalogarr.testkit;

import java.time.Instant;

/**
 * One entry of a fake site's "Neue Episoden" listing, and what the episode page really offers.
 *
 * @param slug the series slug
 * @param title the series title as the listing writes it (the same as in the fake's index)
 * @param season the season
 * @param episode the episode
 * @param language the flagged language, as Catalogarr's code ({@code german-dub}, {@code german-sub},
 *        {@code english-sub}, {@code english-dub})
 * @param offered whether the episode page offers that language; a listing that flags a language the page
 *        does not offer gives the availability check something to refuse
 * @param releasedAt the release time the listing shows
 */
public record ListedRelease(String slug, String title, int season, int episode, String language, boolean offered,
        Instant releasedAt) {
}
