package org.catalogarr.core.catalogue;

import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A free-text query split into the series title and the episode tag at its end, the way FlexGet's series
 * plugin and Prowlarr's interactive search write them: {@code Breaking Bad S01E01}, {@code Breaking Bad 1x01},
 * {@code Spy x Family S02}, {@code … Season 2}, {@code … Staffel 2}, and Sonarr's anime form {@code Title 05}
 * (absolute episode 5). Only a tag that stands apart at the end counts, so {@code Spy x Family} (no digits
 * around the x) and {@code Area88} stay titles; whether a bare trailing number is a title's own
 * ({@code Mob Psycho 100}) is for the title index to say, see {@link SearchQuery#wholeTitle()}.
 *
 * @param title the series part, without the tag and the separators before it; the whole text when there is no tag
 * @param season the season the tag names
 * @param episode the episode the tag names, only together with a season
 * @param absoluteEpisode the bare number at the end, only without a season
 */
public record QueryText(String title, OptionalInt season, OptionalInt episode, OptionalInt absoluteEpisode) {

    /** The title: anything that ends in a non-separator, then at least one space or dot before the tag. */
    private static final String BEFORE = "(.*\\S)[\\s.]+";
    // S01E02, s1e2, S01 E02, and the multi-episode forms S01E02E03 / S01E02-E03 / S01E02-03, of which the first counts.
    private static final Pattern SCENE = Pattern.compile(BEFORE + "S(\\d{1,4})\\s?E(\\d{1,4})(?:-?E?\\d{1,4})*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CROSS = Pattern.compile(BEFORE + "(\\d{1,3})x(\\d{1,4})", Pattern.CASE_INSENSITIVE);
    private static final Pattern SEASON_ONLY = Pattern.compile(BEFORE + "S(\\d{1,4})", Pattern.CASE_INSENSITIVE);
    private static final Pattern SEASON_WORD = Pattern.compile(BEFORE
            + "(?:Season|Staffel)\\s?(\\d{1,4})(?:[\\s.]+(?:Episode|Folge|Ep\\.?)\\s?(\\d{1,4}))?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ABSOLUTE = Pattern.compile(BEFORE + "(\\d{1,4})");
    /**
     * Longer text is taken whole: no title is this long, and the patterns backtrack in time that grows with
     * the square of the length (a few thousand dots take them most of a second).
     */
    static final int MAX_TAGGED_LENGTH = 200;
    private static final Pattern TRAILING_DASH = Pattern.compile("[\\s.]+[-–]$");

    /** Splits the text; text without a tag is all title. */
    public static QueryText parse(String text) {
        String query = text.strip();
        // Every tag has a digit: text without one is all title, without running five backtracking patterns
        // (a cached search's query is usually just a title, and Sonarr repeats it).
        if (query.length() > MAX_TAGGED_LENGTH || !hasDigit(query)) {
            return new QueryText(query, OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty());
        }
        for (Pattern pattern : List.of(SCENE, CROSS, SEASON_WORD, SEASON_ONLY)) {
            Matcher tag = pattern.matcher(query);
            if (tag.matches()) {
                boolean withEpisode = tag.groupCount() >= 3 && tag.group(3) != null;
                OptionalInt episode = withEpisode ? number(tag.group(3)) : OptionalInt.empty();
                // Episode 0 does not exist: such a tag is no tag, the text stays a title.
                if (episode.isEmpty() || episode.getAsInt() > 0) {
                    return new QueryText(title(tag.group(1)), number(tag.group(2)), episode, OptionalInt.empty());
                }
            }
        }
        Matcher absolute = ABSOLUTE.matcher(query);
        if (absolute.matches() && Integer.parseInt(absolute.group(2)) > 0) {
            return new QueryText(title(absolute.group(1)), OptionalInt.empty(), OptionalInt.empty(),
                    number(absolute.group(2)));
        }
        return new QueryText(query, OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty());
    }

    /** Whether the text ended in an episode tag. */
    public boolean tagged() {
        return season.isPresent() || absoluteEpisode.isPresent();
    }

    private static String title(String text) {
        return TRAILING_DASH.matcher(text.strip()).replaceAll("").strip();
    }

    private static boolean hasDigit(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                return true;
            }
        }
        return false;
    }

    private static OptionalInt number(String digits) {
        return OptionalInt.of(Integer.parseInt(digits));
    }
}
