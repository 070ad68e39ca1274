package org.catalogarr.core.catalogue;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * What Sonarr or Prowlarr asked for, independent of the Torznab wire format.
 *
 * @param series the series name, empty for the "what is new" feed
 * @param season the season, when asked for one (0 = specials and movies)
 * @param episode the episode within the season, only together with a season
 * @param absoluteEpisode an anime absolute episode number ("Title 05"), only without season and episode
 */
public record SearchQuery(Optional<String> series, OptionalInt season, OptionalInt episode, OptionalInt absoluteEpisode) {

    public SearchQuery {
        series = series.map(String::strip).filter(s -> !s.isEmpty());
        if (episode.isPresent() && season.isEmpty()) {
            throw new IllegalArgumentException("an episode needs a season");
        }
        if (absoluteEpisode.isPresent() && season.isPresent()) {
            throw new IllegalArgumentException("an absolute episode number stands without a season");
        }
    }

    /** The cache key of this query: the same for queries that are answered the same way. */
    String key() {
        return series.map(TitleMatcher::key).orElse("") + "|" + season + "|" + episode + "|" + absoluteEpisode;
    }
}
