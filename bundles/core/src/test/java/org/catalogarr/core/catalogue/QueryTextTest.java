package org.catalogarr.core.catalogue;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.OptionalInt;

import org.junit.Test;

/** The query forms FlexGet, Prowlarr and Sonarr send, and titles that only look like them. */
public class QueryTextTest {

    private static final Integer NONE = null;

    /** text, title, season, episode, absolute episode. */
    private static final Object[][] FORMS = {
        {"Breaking Bad S01E01", "Breaking Bad", 1, 1, NONE},
        {"Breaking Bad s1e1", "Breaking Bad", 1, 1, NONE},
        {"Breaking Bad S01 E01", "Breaking Bad", 1, 1, NONE},
        {"Breaking Bad S01E01E02", "Breaking Bad", 1, 1, NONE},
        {"Breaking Bad S01E01-E02", "Breaking Bad", 1, 1, NONE},
        {"Breaking Bad S01E01-02", "Breaking Bad", 1, 1, NONE},
        {"Breaking Bad 1x01", "Breaking Bad", 1, 1, NONE},
        {"Breaking Bad 1X01", "Breaking Bad", 1, 1, NONE},
        {"Breaking.Bad.S01E01", "Breaking.Bad", 1, 1, NONE},
        {"Breaking Bad - S01E01", "Breaking Bad", 1, 1, NONE},
        {"How I Met Your Mother S01E01", "How I Met Your Mother", 1, 1, NONE},
        {"Spy x Family S02", "Spy x Family", 2, NONE, NONE},
        {"Spy x Family Season 2", "Spy x Family", 2, NONE, NONE},
        {"Spy x Family season 02", "Spy x Family", 2, NONE, NONE},
        {"Spy x Family Staffel 2", "Spy x Family", 2, NONE, NONE},
        {"Spy x Family Season 2 Episode 3", "Spy x Family", 2, 3, NONE},
        {"Spy x Family 2x05", "Spy x Family", 2, 5, NONE},
        {"Attack on Titan 05", "Attack on Titan", NONE, NONE, 5},
        {"One Piece  1071", "One Piece", NONE, NONE, 1071},
        {"Kaguya-sama: Love is War S01E06", "Kaguya-sama: Love is War", 1, 6, NONE},
        {"Re:ZERO -Starting Life in Another World- S03E01", "Re:ZERO -Starting Life in Another World-", 3, 1, NONE},
        {"9-1-1 S08E12", "9-1-1", 8, 12, NONE},
        {"Mob Psycho 100 S02E03", "Mob Psycho 100", 2, 3, NONE},
        {"Mob Psycho 100 Season 3", "Mob Psycho 100", 3, NONE, NONE},
        {"86 S01E01", "86", 1, 1, NONE},
        {"86 05", "86", NONE, NONE, 5},
        {"Attack on Titan S00E01", "Attack on Titan", 0, 1, NONE},
        // A bare trailing number may be the title's own: the title index decides (SearchQuery.wholeTitle).
        {"Mob Psycho 100", "Mob Psycho", NONE, NONE, 100},
        // Look-alikes that are titles only.
        {"Spy x Family", "Spy x Family", NONE, NONE, NONE},
        {"86", "86", NONE, NONE, NONE},
        {"Area88", "Area88", NONE, NONE, NONE},
        {"Attack on Titan 12345", "Attack on Titan 12345", NONE, NONE, NONE},
        {"S01E01", "S01E01", NONE, NONE, NONE},
        {"Attack on Titan S01E00", "Attack on Titan S01E00", NONE, NONE, NONE},
        {"Attack on Titan 0", "Attack on Titan 0", NONE, NONE, NONE},
        {"Sex Education", "Sex Education", NONE, NONE, NONE},
        {"The Expanse", "The Expanse", NONE, NONE, NONE},
        {"Xx Spy", "Xx Spy", NONE, NONE, NONE},
    };

    @Test
    public void splitsEveryFormAndLeavesLookAlikesWhole() {
        for (Object[] form : FORMS) {
            String text = (String) form[0];
            QueryText parsed = QueryText.parse(text);
            assertEquals(text + ": title", form[1], parsed.title());
            assertEquals(text + ": season", optional(form[2]), parsed.season());
            assertEquals(text + ": episode", optional(form[3]), parsed.episode());
            assertEquals(text + ": absolute episode", optional(form[4]), parsed.absoluteEpisode());
        }
    }

    private static OptionalInt optional(Object number) {
        return number == null ? OptionalInt.empty() : OptionalInt.of((Integer) number);
    }

    @Test
    public void takesOverlongTextWholeAndQuickly() {
        String dots = ".".repeat(8_000) + "x S01E01";
        long started = System.nanoTime();

        QueryText parsed = QueryText.parse(dots);

        assertEquals(dots, parsed.title());
        assertEquals(OptionalInt.empty(), parsed.season());
        String longest = "T".repeat(QueryText.MAX_TAGGED_LENGTH - 7) + " S01E01";
        assertEquals(OptionalInt.of(1), QueryText.parse(longest).episode());
        assertTrue("parsed in " + (System.nanoTime() - started) / 1_000_000 + " ms",
                System.nanoTime() - started < 2_000_000_000L);
    }
}
