package org.catalogarr.core.torznab;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.catalogarr.core.torznab.TorznabRequest.Type;
import org.junit.Test;

public class TorznabRequestTest {

    @Test
    public void readsARawQueryStringWithPlusAndPercentEscapes() throws TorznabException {
        TorznabRequest request = TorznabRequest.parseQuery("t=search&q=Attack+on+Titan%3A+S%C3%BCd&season=1");

        assertEquals("Attack on Titan: Süd", request.query());
        assertEquals(OptionalInt.of(1), request.season());
    }

    @Test
    public void answersABrokenQueryStringWithIncorrectParameter() {
        for (String query : List.of("t=search&q=%", "t=search&q=%4", "t=search&q=%zz", "t=search&q=%FF",
                "t=search&q=%C3", "t=search&q=%ED%A0%80", "t=%C0%AF")) {
            try {
                TorznabRequest.parseQuery(query);
                fail("accepted " + query);
            } catch (TorznabException e) {
                assertEquals(query, 201, e.code());
                assertTrue(e.description(), e.description().startsWith("Incorrect parameter: the query string "));
            }
        }
    }

    @Test
    public void readsAMissingQueryStringAsNoParameters() {
        try {
            TorznabRequest.parseQuery(null);
            fail();
        } catch (TorznabException e) {
            assertEquals(200, e.code());
        }
    }

    @Test
    public void readsSonarrsRssRequest() throws TorznabException {
        TorznabRequest request = parse("t", "tvsearch", "cat", "5030,5040", "extended", "1", "apikey", "K",
                "offset", "0", "limit", "100");

        assertEquals(Type.TVSEARCH, request.type());
        assertEquals("", request.query());
        assertEquals(List.of(5030, 5040), request.categories());
        assertEquals(100, request.limit());
        assertEquals(0, request.offset());
        assertEquals(Optional.of("K"), request.apiKey());
        assertEquals(OptionalInt.empty(), request.season());
        assertEquals(OptionalInt.empty(), request.episode());
        assertFalse(request.daily());
    }

    @Test
    public void appliesDefaultsToProwlarrsTestRequest() throws TorznabException {
        TorznabRequest request = parse("t", "search", "extended", "1");

        assertEquals(Type.SEARCH, request.type());
        assertEquals(List.of(), request.categories());
        assertEquals(TorznabRequest.DEFAULT_LIMIT, request.limit());
        assertEquals(0, request.offset());
        assertEquals(Optional.empty(), request.apiKey());
    }

    @Test
    public void readsCaps() throws TorznabException {
        assertEquals(Type.CAPS, parse("t", "caps").type());
    }

    @Test
    public void readsAnEpisodeSearchAndIgnoresUnusedIds() throws TorznabException {
        TorznabRequest request = parse("t", "tvsearch", "q", "  The Rookie ", "season", "2", "ep", "11",
                "tvdbid", "350665", "rid", "x", "tvmazeid", "y", "imdbid", "tt1");

        assertEquals("The Rookie", request.query());
        assertEquals("The Rookie", request.seriesQuery());
        assertEquals(OptionalInt.of(2), request.season());
        assertEquals(OptionalInt.of(11), request.episode());
        assertEquals(OptionalInt.empty(), request.absoluteEpisode());
    }

    @Test
    public void readsSeasonZeroAsSonarrWritesIt() throws TorznabException {
        TorznabRequest request = parse("t", "tvsearch", "q", "Attack on Titan", "season", "00");

        assertEquals(OptionalInt.of(0), request.season());
        assertEquals(OptionalInt.empty(), request.episode());
    }

    @Test
    public void marksTheDailyFormWithoutRefusingIt() throws TorznabException {
        TorznabRequest request = parse("t", "tvsearch", "q", "The Daily Show", "season", "2024", "ep", "01/15");

        assertTrue(request.daily());
        assertEquals(Optional.of(LocalDate.of(2024, 1, 15)), request.airDate());
        assertEquals(OptionalInt.of(2024), request.season());
        assertEquals(OptionalInt.empty(), request.episode());
    }

    @Test
    public void splitsTheAnimeAbsoluteForm() throws TorznabException {
        TorznabRequest spaced = parse("t", "search", "cat", "5070", "q", "Attack on Titan 05");
        assertEquals("Attack on Titan 05", spaced.query());
        assertEquals("Attack on Titan", spaced.seriesQuery());
        assertEquals(OptionalInt.of(5), spaced.absoluteEpisode());

        TorznabRequest fourDigits = parse("t", "search", "q", "One Piece  1071");
        assertEquals("One Piece", fourDigits.seriesQuery());
        assertEquals(OptionalInt.of(1071), fourDigits.absoluteEpisode());
    }

    @Test
    public void keepsTheQueryWhenItDoesNotEndInASeparateNumber() throws TorznabException {
        assertNoAbsolute(parse("t", "search", "q", "Area88"), "Area88");
        assertNoAbsolute(parse("t", "search", "q", "05"), "05");
        assertNoAbsolute(parse("t", "search", "q", "Attack on Titan 12345"), "Attack on Titan 12345");
        assertNoAbsolute(parse("t", "tvsearch", "q", "Attack on Titan 05", "season", "1"), "Attack on Titan 05");
    }

    @Test
    public void readsTheEpisodeTagInTheQueryAndLeavesItOutOfTheSeriesName() throws TorznabException {
        TorznabRequest flexget = parse("t", "tvsearch", "q", "Breaking Bad S01E01");
        assertEquals("Breaking Bad", flexget.seriesQuery());
        assertEquals(OptionalInt.of(1), flexget.season());
        assertEquals(OptionalInt.of(1), flexget.episode());
        assertEquals(OptionalInt.empty(), flexget.absoluteEpisode());

        TorznabRequest season = parse("t", "search", "q", "Spy x Family Season 2");
        assertEquals("Spy x Family", season.seriesQuery());
        assertEquals(OptionalInt.of(2), season.season());
        assertEquals(OptionalInt.empty(), season.episode());

        TorznabRequest agreeing = parse("t", "tvsearch", "q", "How I Met Your Mother S01E01", "season", "1", "ep", "1");
        assertEquals("How I Met Your Mother", agreeing.seriesQuery());
        assertEquals(OptionalInt.of(1), agreeing.season());
        assertEquals(OptionalInt.of(1), agreeing.episode());
    }

    @Test
    public void theParametersWinOverTheTag() throws TorznabException {
        TorznabRequest conflict = parse("t", "tvsearch", "q", "Breaking Bad S01E05", "season", "2", "ep", "3");
        assertEquals("Breaking Bad", conflict.seriesQuery());
        assertEquals(OptionalInt.of(2), conflict.season());
        assertEquals(OptionalInt.of(3), conflict.episode());

        TorznabRequest otherSeason = parse("t", "tvsearch", "q", "Breaking Bad 1x05", "season", "2");
        assertEquals(OptionalInt.of(2), otherSeason.season());
        assertEquals("an episode of another season is not taken", OptionalInt.empty(), otherSeason.episode());

        TorznabRequest sameSeason = parse("t", "tvsearch", "q", "Breaking Bad S01E05", "season", "1");
        assertEquals(OptionalInt.of(1), sameSeason.season());
        assertEquals("the tag fills in the episode of the season asked for", OptionalInt.of(5), sameSeason.episode());

        TorznabRequest daily = parse("t", "tvsearch", "q", "The Daily Show S01E05", "season", "2024", "ep", "01/15");
        assertTrue(daily.daily());
        assertEquals(OptionalInt.empty(), daily.episode());
    }

    private static void assertNoAbsolute(TorznabRequest request, String seriesQuery) {
        assertEquals(seriesQuery, request.seriesQuery());
        assertEquals(OptionalInt.empty(), request.absoluteEpisode());
    }

    @Test
    public void ignoresEmptyCategoryEntries() throws TorznabException {
        assertEquals(List.of(5070, 5000), parse("t", "search", "cat", ",5070,, 5000,").categories());
    }

    @Test
    public void capsTheLimitAndKeepsSmallerOnes() throws TorznabException {
        assertEquals(100, parse("t", "search", "limit", "1000").limit());
        assertEquals(100, parse("t", "search", "limit", "99999999999999999999").limit());
        assertEquals(25, parse("t", "search", "limit", "25").limit());
        assertEquals(200, parse("t", "search", "offset", "200").offset());
    }

    @Test
    public void leadingZerosDoNotMakeANumberLargerOrMalformed() throws TorznabException {
        assertEquals(7, parse("t", "search", "offset", "007").offset());
        assertEquals(0, parse("t", "search", "offset", "000").offset());
        assertEquals(12, parse("t", "search", "offset", "0000000000000012").offset());
        assertEquals(Integer.MAX_VALUE, parse("t", "search", "offset", "0012345678901").offset());
    }

    @Test
    public void treatsEmptyValuesAsAbsent() throws TorznabException {
        TorznabRequest request = parse("t", "search", "q", "", "cat", "", "limit", " ");

        assertEquals("", request.query());
        assertEquals(List.of(), request.categories());
        assertEquals(100, request.limit());
    }

    @Test
    public void refusesAMissingFunction() {
        assertRefused(200, "Missing parameter (t)", "q", "x");
        assertRefused(200, "Missing parameter (t)", "t", "");
    }

    @Test
    public void refusesUnknownFunctions() {
        assertRefused(202, "No such function", "t", "movie");
        assertRefused(202, "No such function", "t", "tv-search");
        assertRefused(202, "No such function", "t", "TVSEARCH");
    }

    @Test
    public void refusesMalformedSeasonsAndEpisodes() {
        assertRefused(201, "Incorrect parameter: season", "t", "tvsearch", "season", "one");
        assertRefused(201, "Incorrect parameter: season", "t", "tvsearch", "season", "-1");
        assertRefused(201, "Incorrect parameter: ep", "t", "tvsearch", "season", "1", "ep", "x");
        assertRefused(201, "Incorrect parameter: ep", "t", "tvsearch", "season", "1", "ep", "0");
        assertRefused(201, "Incorrect parameter: ep", "t", "tvsearch", "ep", "3");
    }

    @Test
    public void refusesDailyEpisodesWithoutAYearOrARealDay() {
        assertRefused(201, "Incorrect parameter: ep", "t", "tvsearch", "season", "1", "ep", "01/15");
        assertRefused(201, "Incorrect parameter: ep", "t", "tvsearch", "season", "1899", "ep", "01/15");
        assertRefused(201, "Incorrect parameter: ep", "t", "tvsearch", "season", "2024", "ep", "13/01");
        assertRefused(201, "Incorrect parameter: ep", "t", "tvsearch", "season", "2023", "ep", "02/29");
    }

    @Test
    public void refusesMalformedCategoriesAndPaging() {
        assertRefused(201, "Incorrect parameter: cat", "t", "search", "cat", "5030,tv");
        assertRefused(201, "Incorrect parameter: limit", "t", "search", "limit", "-1");
        assertRefused(201, "Incorrect parameter: limit", "t", "search", "limit", "ten");
        assertRefused(201, "Incorrect parameter: offset", "t", "search", "offset", "-100");
        assertRefused(201, "Incorrect parameter: offset", "t", "search", "offset", "1.5");
    }

    private static void assertRefused(int code, String description, String... parameters) {
        try {
            parse(parameters);
            fail("accepted " + String.join(" ", parameters));
        } catch (TorznabException e) {
            assertEquals(code, e.code());
            assertEquals(description, e.description());
        }
    }

    private static TorznabRequest parse(String... namesAndValues) throws TorznabException {
        Map<String, String[]> parameters = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            parameters.put(namesAndValues[i], new String[] {namesAndValues[i + 1]});
        }
        return TorznabRequest.parse(parameters);
    }
}
