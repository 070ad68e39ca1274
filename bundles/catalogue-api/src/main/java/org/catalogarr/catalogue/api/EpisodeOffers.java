package org.catalogarr.catalogue.api;

import java.util.List;
import java.util.Set;

/**
 * What an episode page offers.
 *
 * @param season the season number, 0 for movies and specials
 * @param episode the episode number
 * @param languages the languages the page offers, even those without a usable hoster link
 * @param offers the hoster links, in the site's order
 */
public record EpisodeOffers(int season, int episode, Set<Language> languages, List<Offer> offers) {

    public EpisodeOffers {
        languages = Set.copyOf(languages);
        offers = List.copyOf(offers);
    }
}
