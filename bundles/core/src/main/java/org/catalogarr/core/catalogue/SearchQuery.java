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
 * @param freeText whether the series name is free text (Prowlarr's manual search, {@code t=search}): then every
 *        series whose title contains all its words is found, not only a near-identical title
 */
public record SearchQuery(Optional<String> series, OptionalInt season, OptionalInt episode, OptionalInt absoluteEpisode,
        boolean freeText) {

    public SearchQuery {
        series = series.map(String::strip).filter(s -> !s.isEmpty());
        if (episode.isPresent() && season.isEmpty()) {
            throw new IllegalArgumentException("an episode needs a season");
        }
        if (absoluteEpisode.isPresent() && season.isPresent()) {
            throw new IllegalArgumentException("an absolute episode number stands without a season");
        }
    }

    /** A query for a series as Sonarr names it: only a near-identical title counts. */
    public SearchQuery(Optional<String> series, OptionalInt season, OptionalInt episode, OptionalInt absoluteEpisode) {
        this(series, season, episode, absoluteEpisode, false);
    }

    /**
     * The series name with the absolute number put back, for a title that itself ends in a number
     * ({@code Mob Psycho 100}): the title index decides whether that is a series of its own.
     */
    Optional<String> wholeTitle() {
        return absoluteEpisode.isEmpty() ? Optional.empty()
                : series.map(s -> s + " " + absoluteEpisode.getAsInt());
    }

    /** The same question about the series the whole title names: its latest season. */
    SearchQuery asWholeTitle() {
        return new SearchQuery(wholeTitle(), OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(), freeText);
    }

    /**
     * The query in words for log lines: {@code 'Naruto' season 1 episode 5}, {@code 'Naruto' absolute episode 12},
     * {@code free text 'Spy'}, {@code the new episodes}.
     */
    public String describe() {
        if (series.isEmpty()) {
            return "the new episodes";
        }
        StringBuilder words = new StringBuilder(freeText ? "free text '" : "'").append(series.get()).append('\'');
        season.ifPresent(s -> words.append(" season ").append(s));
        episode.ifPresent(e -> words.append(" episode ").append(e));
        absoluteEpisode.ifPresent(a -> words.append(" absolute episode ").append(a));
        if (season.isEmpty() && absoluteEpisode.isEmpty()) {
            words.append(" (latest season)");
        }
        return words.toString();
    }

    @Override
    public String toString() {
        return describe();
    }

    /**
     * The cache key of this query: the same for queries that are answered the same way.
     *
     * @param seriesKey the series name as {@link TitleMatcher#key} reads it ({@link QueryKeys} remembers it)
     */
    String key(String seriesKey) {
        // The numbers are written out: OptionalInt.toString goes through String.format, on every cached search.
        return seriesKey + '|' + number(season) + '|' + number(episode) + '|' + number(absoluteEpisode) + '|'
                + freeText;
    }

    private static String number(OptionalInt number) {
        return number.isPresent() ? Integer.toString(number.getAsInt()) : "-";
    }
}
