package org.catalogarr.core.catalogue;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;

import org.catalogarr.core.catalogue.TitleMatcher.Candidate;
import org.catalogarr.core.catalogue.TitleMatcher.Match;
import org.junit.Test;

public class TitleMatcherTest {

    private static final List<Candidate> ANIWORLD = List.of(
            candidate("Attack on Titan", "attack-on-titan"),
            candidate("Shingeki no Kyojin", "attack-on-titan"),
            candidate("進撃の巨人", "attack-on-titan"),
            candidate("Attack on Titan Junior High", "attack-on-titan-junior-high"),
            candidate("Rick and Morty: The Anime", "rick-and-morty-the-anime"),
            candidate("Kaguya-sama: Love is War", "kaguya-sama-love-is-war"),
            candidate(".hack//SIGN", "hack-sign"),
            candidate("The Misfit of Demon King Academy", "the-misfit-of-demon-king-academy"),
            candidate("Pokémon", "pokemon"),
            candidate("JoJo's Bizarre Adventure", "jojos-bizarre-adventure"));

    private static final List<Candidate> STO = List.of(
            candidate("9-1-1", "9-1-1"),
            candidate("9-1-1: Lone Star", "9-1-1-lone-star"),
            candidate("Rick and Morty", "rick-and-morty"),
            candidate("Law & Order", "law-and-order"),
            candidate("The Rookie", "the-rookie"));

    private static Candidate candidate(String title, String slug) {
        return new Candidate(TitleMatcher.key(title), slug);
    }

    private static Optional<String> slug(String query, List<Candidate> candidates) {
        return TitleMatcher.best(query, candidates).map(Match::slug);
    }

    /**
     * The key is defined by two regular expressions (marks removed, every run of non-letters and non-numbers one
     * space); it is computed without them, and must give the same key for any text, whatever its script.
     */
    @Test
    public void keysAreWhatTheirDefinitionByRegularExpressionsGives() {
        List<String> titles = new ArrayList<>(List.of("Pokémon", "Ｆｕｌｌｗｉｄｔｈ　Ｔｉｔｌｅ", "ΟΔΥΣΣΕΙΑ", "İstanbul Dizisi",
                "Ⅱ Rocky Ⅳ", "x² + y²", "進撃の巨人 ～The Final Season～", "Наруто: Ураганные хроники", "🎬 Movie 🎬 Night",
                "a\u20DDb", "ज़िंदगी", "--&&--", "", "   ", "Re:ZERO -Starting Life in Another World-"));
        Random random = new Random(12);
        int[] blocks = {0x20, 0xA0, 0x300, 0x370, 0x400, 0x900, 0x2160, 0x20D0, 0x3040, 0x4E00, 0xFF00, 0x1F300};
        for (int n = 0; n < 2000; n++) {
            StringBuilder text = new StringBuilder();
            for (int length = random.nextInt(12); length > 0; length--) {
                text.appendCodePoint(blocks[random.nextInt(blocks.length)] + random.nextInt(0x60));
            }
            titles.add(text.toString());
        }
        for (String title : titles) {
            String text = Normalizer.normalize(title, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "")
                    .toLowerCase(Locale.ROOT).replace("&", " and ");
            assertEquals("key of '" + title + "'", text.replaceAll("[^\\p{L}\\p{N}]+", " ").strip(),
                    TitleMatcher.key(title));
        }
    }

    @Test
    public void keysIgnoreCaseAccentsPunctuationAndAmpersand() {
        assertEquals("attack on titan", TitleMatcher.key("  Attack on Titan!  "));
        assertEquals("pokemon", TitleMatcher.key("Pokémon"));
        assertEquals("law and order", TitleMatcher.key("Law & Order"));
        assertEquals("9 1 1 lone star", TitleMatcher.key("9-1-1: Lone Star"));
        assertEquals("hack sign", TitleMatcher.key(".hack//SIGN"));
        assertEquals("jojo s bizarre adventure", TitleMatcher.key("JoJo's Bizarre Adventure"));
    }

    @Test
    public void mainAndAlternativeTitlesMatch() {
        assertEquals(Optional.of("attack-on-titan"), slug("Attack on Titan", ANIWORLD));
        assertEquals(Optional.of("attack-on-titan"), slug("Shingeki no Kyojin", ANIWORLD));
        assertEquals(Optional.of("attack-on-titan"), slug("進撃の巨人", ANIWORLD));
        assertEquals(Optional.of("attack-on-titan-junior-high"), slug("Attack on Titan Junior High", ANIWORLD));
    }

    @Test
    public void yearPunctuationAccentsAndAmpersandDoNotMatter() {
        assertEquals(Optional.of("attack-on-titan"), slug("Shingeki no Kyojin (2013)", ANIWORLD));
        assertEquals(Optional.of("attack-on-titan"), slug("Attack on Titan 2013", ANIWORLD));
        assertEquals(Optional.of("kaguya-sama-love-is-war"), slug("Kaguya sama - Love Is War", ANIWORLD));
        assertEquals(Optional.of("pokemon"), slug("Pokemon", ANIWORLD));
        assertEquals(Optional.of("law-and-order"), slug("Law and Order", STO));
        assertEquals(Optional.of("jojos-bizarre-adventure"), slug("JoJos Bizarre Adventure", ANIWORLD));
    }

    @Test
    public void numbersWithDashesMatchExactly() {
        assertEquals(Optional.of("9-1-1"), slug("9-1-1", STO));
        assertEquals(Optional.of("9-1-1-lone-star"), slug("9-1-1 Lone Star", STO));
        assertEquals(Optional.of("9-1-1"), slug("911", STO));
    }

    @Test
    public void nearMissesAreNotMatches() {
        assertEquals(Optional.empty(), slug("Rick and Morty", ANIWORLD));
        assertEquals(Optional.of("rick-and-morty"), slug("Rick and Morty", STO));
        assertEquals(Optional.empty(), slug("Attack on Titan", List.of(ANIWORLD.get(3))));
        assertEquals(Optional.empty(), slug("Lone Star", STO));
        assertEquals(Optional.empty(), slug("The Academy", ANIWORLD));
        assertEquals(Optional.empty(), slug("Breaking Bad", ANIWORLD));
        assertEquals(Optional.empty(), slug("", ANIWORLD));
        assertEquals(Optional.empty(), slug("the", STO));
    }

    @Test
    public void aSmallDifferenceInALongTitleStillMatches() {
        assertEquals(Optional.of("the-misfit-of-demon-king-academy"),
                slug("The Misfit of Demon King Academy II", ANIWORLD));
    }

    @Test
    public void matchNamesItsScoreAndRunnerUp() {
        Match match = TitleMatcher.best("Attack on Titan", ANIWORLD).orElseThrow();

        assertTrue(match.score() >= TitleMatcher.THRESHOLD);
        assertTrue(match.runnerUpScore() < match.score());
        assertTrue(match.runnerUpScore() > 0);
    }

    private static List<String> words(String query, List<Candidate> candidates) {
        return TitleMatcher.containingAllWords(query, candidates, 5).stream().map(Match::slug).toList();
    }

    @Test
    public void freeTextFindsEverySeriesWithAllTheWordsBestFirst() {
        List<Candidate> titles = new ArrayList<>(ANIWORLD);
        titles.add(candidate("Frieren: Beyond Journey's End", "frieren"));
        titles.add(candidate("Sousou no Frieren", "frieren"));
        titles.add(candidate("Spy x Family", "spy-x-family"));
        titles.add(candidate("Spyro", "spyro"));

        assertEquals(List.of("frieren"), words("Frieren", titles));
        assertEquals(List.of("spy-x-family"), words("spy", titles));
        assertEquals(List.of("attack-on-titan", "attack-on-titan-junior-high"), words("Titan", titles));
        assertEquals(List.of("attack-on-titan", "attack-on-titan-junior-high"), words("attack titan", titles));
        assertEquals("found by an alternative title", List.of("attack-on-titan"), words("Kyojin", titles));
        assertEquals(List.of("kaguya-sama-love-is-war"), words("kaguya sama", titles));
        assertEquals("every word must occur", List.of(), words("Titan Frieren", titles));
        assertEquals("words are whole words", List.of(), words("Fri", titles));
        assertEquals(List.of(), words("  ", titles));
        assertEquals("at most the limit", 1, TitleMatcher.containingAllWords("Titan", titles, 1).size());
    }

    @Test
    public void theShortFormIsTheNameBeforeAColonOrADashUnlessTheRestNamesASpinOff() {
        assertEquals(Optional.of("frieren"), TitleMatcher.shortForm("Frieren: Beyond Journey's End"));
        assertEquals(Optional.of("die brucke"), TitleMatcher.shortForm("Die Brücke – Transit in den Tod"));
        assertEquals(Optional.of("dr stone"), TitleMatcher.shortForm("Dr. Stone - New World"));
        assertEquals("a dash inside a word is no split", Optional.empty(), TitleMatcher.shortForm("Kaguya-sama"));
        assertEquals(Optional.of("kaguya sama"), TitleMatcher.shortForm("Kaguya-sama: Love is War"));
        assertEquals(Optional.empty(), TitleMatcher.shortForm("Rick and Morty: The Anime"));
        assertEquals(Optional.empty(), TitleMatcher.shortForm("Attack on Titan: Junior High"));
        assertEquals("two letters are part of a word", Optional.empty(), TitleMatcher.shortForm("Re:ZERO"));
        assertEquals(Optional.empty(), TitleMatcher.shortForm("Dark"));
        assertEquals(Optional.empty(), TitleMatcher.shortForm("Dark:"));
    }

    @Test
    public void aTitleWithWordsAddedIsALookAlike() {
        assertTrue(TitleMatcher.lookAlike("rick and morty", "rick and morty the anime"));
        assertTrue(TitleMatcher.lookAlike("attack on titan junior high", "attack on titan"));
        assertEquals(false, TitleMatcher.lookAlike("the bridge", "die brucke transit in den tod"));
        assertEquals(false, TitleMatcher.lookAlike("the rookie", "rookie"));
        assertEquals(false, TitleMatcher.lookAlike("breaking bad", "breaking news"));
    }
}
