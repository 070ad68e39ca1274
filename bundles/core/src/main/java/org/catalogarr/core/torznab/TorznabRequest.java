package org.catalogarr.core.torznab;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.catalogarr.core.catalogue.QueryText;
import org.catalogarr.core.torrent.UrlParameters;

/**
 * A validated Torznab API request.
 *
 * @param type the function ({@code t})
 * @param query the text searched for ({@code q}), stripped; empty when none was given
 * @param season the season: the {@code season} parameter, else the episode tag in {@code q}; for a daily request
 *        the year
 * @param episode the episode within the season: the {@code ep} parameter, else the tag's; empty for season searches
 *        and daily requests
 * @param airDate the day a daily request ({@code season=YYYY&ep=MM/DD}) asks for
 * @param categories the requested category ids; empty means all
 * @param limit the page size, at most {@link #MAX_LIMIT}
 * @param offset how many results to skip
 * @param apiKey the API key as given
 * @param seriesQuery the series part of {@code query}: without the episode tag ({@code S01E02}, {@code 1x02},
 *        {@code S02}, {@code Season 2}, {@code Staffel 2}) or the absolute episode number, if any
 * @param absoluteEpisode the anime absolute episode number at the end of {@code query}, only without a season
 */
public record TorznabRequest(Type type, String query, OptionalInt season, OptionalInt episode,
        Optional<LocalDate> airDate, List<Integer> categories, int limit, int offset, Optional<String> apiKey,
        String seriesQuery, OptionalInt absoluteEpisode) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 100;

    private static final Pattern NUMBER = Pattern.compile("[0-9]+");
    private static final Pattern YEAR = Pattern.compile("[0-9]{4}");
    private static final Pattern MONTH_DAY = Pattern.compile("([0-9]{1,2})/([0-9]{1,2})");
    private static final int FIRST_DAILY_YEAR = 1900;

    /** The functions this indexer offers: exactly the values clients send as {@code t}. */
    public enum Type {
        CAPS("caps"),
        SEARCH("search"),
        TVSEARCH("tvsearch");

        /** values() copies its array at every call. */
        private static final Type[] ALL = values();

        private final String parameter;

        Type(String parameter) {
            this.parameter = parameter;
        }

        public String parameter() {
            return parameter;
        }

        static Optional<Type> of(String parameter) {
            for (Type type : ALL) {
                if (type.parameter.equals(parameter)) {
                    return Optional.of(type);
                }
            }
            return Optional.empty();
        }
    }

    public TorznabRequest {
        categories = List.copyOf(categories);
    }

    /** The request as a key for what is answered the same way, in text: every parameter but the API key. */
    public String answerKey() {
        return new TorznabRequest(type, query, season, episode, airDate, categories, limit, offset, Optional.empty(),
                seriesQuery, absoluteEpisode).toString();
    }

    /** Whether this is a daily request, which no catalogue can answer: the sites number episodes. */
    public boolean daily() {
        return airDate.isPresent();
    }

    /**
     * Reads a raw (still percent-encoded) query string.
     *
     * @throws TorznabException with code 201 when the query string is not valid percent-encoded UTF-8,
     *         else as {@link #parse(Map)}
     */
    public static TorznabRequest parseQuery(String rawQuery) throws TorznabException {
        Map<String, List<String>> parameters;
        try {
            parameters = UrlParameters.decode(rawQuery);
        } catch (IllegalArgumentException e) {
            throw new TorznabException(201, "Incorrect parameter: " + e.getMessage());
        }
        return parse(UrlParameters.asArrays(parameters));
    }

    /**
     * Reads the servlet's parameters. Parameters this indexer does not use (rid, tvdbid, extended, …)
     * are ignored; an empty value counts as absent.
     *
     * @throws TorznabException with code 200, 201 or 202 for a missing, malformed or unknown value
     */
    public static TorznabRequest parse(Map<String, String[]> parameters) throws TorznabException {
        Optional<String> t = value(parameters, "t");
        if (t.isEmpty()) {
            throw TorznabException.missingParameter("t");
        }
        Type type = Type.of(t.get()).orElseThrow(TorznabException::noSuchFunction);
        String query = value(parameters, "q").orElse("");
        Optional<String> seasonText = value(parameters, "season");
        Optional<String> episodeText = value(parameters, "ep");
        if (episodeText.isPresent() && seasonText.isEmpty()) {
            throw TorznabException.incorrectParameter("ep");
        }

        OptionalInt season = OptionalInt.empty();
        OptionalInt episode = OptionalInt.empty();
        Optional<LocalDate> airDate = Optional.empty();
        if (seasonText.isPresent()) {
            season = OptionalInt.of(number(seasonText.get(), "season"));
        }
        if (episodeText.isPresent()) {
            Matcher monthDay = MONTH_DAY.matcher(episodeText.get());
            if (monthDay.matches()) {
                airDate = Optional.of(airDate(seasonText.get(), monthDay));
            } else {
                int number = number(episodeText.get(), "ep");
                if (number < 1) {
                    throw TorznabException.incorrectParameter("ep");
                }
                episode = OptionalInt.of(number);
            }
        }

        List<Integer> categories = categories(value(parameters, "cat"));
        int limit = Math.min(MAX_LIMIT, number(parameters, "limit", DEFAULT_LIMIT));
        int offset = number(parameters, "offset", 0);

        String seriesQuery = query;
        OptionalInt absoluteEpisode = OptionalInt.empty();
        QueryText text = QueryText.parse(query);
        if (text.season().isPresent()) {
            // The tag never reaches a release name. The parameters win: the tag only fills in what they leave
            // open, and an episode only for the season they name, so "S01E05" with season=2 is season 2.
            seriesQuery = text.title();
            if (season.isEmpty()) {
                season = text.season();
                episode = text.episode();
            } else if (episode.isEmpty() && airDate.isEmpty() && season.equals(text.season())) {
                episode = text.episode();
            }
        } else if (text.absoluteEpisode().isPresent() && season.isEmpty()) {
            // Sonarr's anime form "Title 05"; with a season the number belongs to the title ("Mob Psycho 100").
            seriesQuery = text.title();
            absoluteEpisode = text.absoluteEpisode();
        }
        return new TorznabRequest(type, query, season, episode, airDate, categories, limit, offset,
                value(parameters, "apikey"), seriesQuery, absoluteEpisode);
    }

    private static Optional<String> value(Map<String, String[]> parameters, String name) {
        String[] values = parameters.get(name);
        if (values == null || values.length == 0 || values[0] == null) {
            return Optional.empty();
        }
        String value = values[0].strip();
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    private static int number(Map<String, String[]> parameters, String name, int absent) throws TorznabException {
        Optional<String> text = value(parameters, name);
        return text.isPresent() ? number(text.get(), name) : absent;
    }

    private static int number(String text, String name) throws TorznabException {
        if (!NUMBER.matcher(text).matches()) {
            throw TorznabException.incorrectParameter(name);
        }
        // A number too large for an int is still a number: it saturates (a limit is capped, an offset
        // or season that large simply finds nothing) instead of being called malformed.
        int start = 0;
        while (start < text.length() - 1 && text.charAt(start) == '0') {
            start++;
        }
        return text.length() - start > 9 ? Integer.MAX_VALUE : Integer.parseInt(text, start, text.length(), 10);
    }

    private static LocalDate airDate(String seasonText, Matcher monthDay) throws TorznabException {
        if (!YEAR.matcher(seasonText).matches() || Integer.parseInt(seasonText) < FIRST_DAILY_YEAR) {
            throw TorznabException.incorrectParameter("ep");
        }
        try {
            return LocalDate.of(Integer.parseInt(seasonText), Integer.parseInt(monthDay.group(1)),
                    Integer.parseInt(monthDay.group(2)));
        } catch (DateTimeException e) {
            throw TorznabException.incorrectParameter("ep");
        }
    }

    private static List<Integer> categories(Optional<String> text) throws TorznabException {
        List<Integer> categories = new ArrayList<>();
        if (text.isPresent()) {
            for (String id : text.get().split(",")) {
                if (!id.isBlank()) {
                    categories.add(number(id.strip(), "cat"));
                }
            }
        }
        return categories;
    }
}
