package org.catalogarr.core.torznab;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import java.util.Locale;

import org.catalogarr.catalogue.api.Language;
import org.catalogarr.core.catalogue.Entries;
import org.junit.Test;

public class ReleaseNamesTest {

    @Test
    public void namesDubsByTheirAudio() {
        assertEquals("Attack.on.Titan.S01E05.German.1080p.WEB.h264-ANIWORLD",
                ReleaseNames.title(Entries.aniworld("Attack on Titan", "attack-on-titan", 1, 5, Language.GERMAN_DUB)));
        assertEquals("The.Rookie.S02E11.English.1080p.WEB.h264-STO",
                ReleaseNames.title(Entries.sto("The Rookie", "the-rookie", 2, 11, Language.ENGLISH_DUB)));
    }

    @Test
    public void marksSubsWithoutALanguageWordSonarrReads() {
        String germanSub = ReleaseNames.title(Entries.aniworld("Attack on Titan", "attack-on-titan", 1, 5, Language.GERMAN_SUB));
        String englishSub = ReleaseNames.title(Entries.aniworld("Attack on Titan", "attack-on-titan", 1, 5, Language.ENGLISH_SUB));

        assertEquals("Attack.on.Titan.S01E05.GerSub.1080p.WEB.h264-ANIWORLD", germanSub);
        assertEquals("Attack.on.Titan.S01E05.EngSub.1080p.WEB.h264-ANIWORLD", englishSub);
        for (String title : new String[] {germanSub, englishSub}) {
            String lower = title.toLowerCase(Locale.ROOT);
            assertFalse(title, lower.contains("english") || lower.contains("german") || lower.matches(".*\\bger\\b.*"));
        }
    }

    @Test
    public void writesSeasonZeroAndLongNumbers() {
        assertEquals("One.Piece.S00E01.German.1080p.WEB.h264-ANIWORLD",
                ReleaseNames.title(Entries.aniworld("One Piece", "one-piece", 0, 1, Language.GERMAN_DUB)));
        assertEquals("One.Piece.S21E1071.GerSub.1080p.WEB.h264-ANIWORLD",
                ReleaseNames.title(Entries.aniworld("One Piece", "one-piece", 21, 1071, Language.GERMAN_SUB)));
        assertEquals("Detective.Conan.S100E105.German.1080p.WEB.h264-ANIWORLD",
                ReleaseNames.title(Entries.aniworld("Detective Conan", "detective-conan", 100, 105, Language.GERMAN_DUB)));
    }

    @Test
    public void turnsPunctuationIntoSingleDotsAndKeepsLettersAndDigits() {
        assertEquals("Law.and.Order.S01E01.German.1080p.WEB.h264-STO",
                ReleaseNames.title(Entries.sto("Law & Order", "law-and-order", 1, 1, Language.GERMAN_DUB)));
        assertEquals("9.1.1.Lone.Star.S01E01.German.1080p.WEB.h264-STO",
                ReleaseNames.title(Entries.sto("9-1-1: Lone Star", "9-1-1-lone-star", 1, 1, Language.GERMAN_DUB)));
        assertEquals("hack.SIGN.S01E01.GerSub.1080p.WEB.h264-ANIWORLD",
                ReleaseNames.title(Entries.aniworld(".hack//SIGN", "hack-sign", 1, 1, Language.GERMAN_SUB)));
        assertEquals("Kaguya.sama.Love.is.War.S01E01.GerSub.1080p.WEB.h264-ANIWORLD",
                ReleaseNames.title(Entries.aniworld("  Kaguya-sama: Love is War!! ", "kaguya", 1, 1, Language.GERMAN_SUB)));
    }

    @Test
    public void keepsAccentedLettersWhetherComposedOrNot() {
        assertEquals("Pokémon.S01E01.German.1080p.WEB.h264-ANIWORLD",
                ReleaseNames.title(Entries.aniworld("Pokémon", "pokemon", 1, 1, Language.GERMAN_DUB)));
        assertEquals("Pokémon.S01E01.German.1080p.WEB.h264-ANIWORLD",
                ReleaseNames.title(Entries.aniworld("Poke\u0301mon", "pokemon", 1, 1, Language.GERMAN_DUB)));
    }

    @Test
    public void fallsBackToTheSlugWhenTheTitleHasNoLetters() {
        assertEquals("hack.sign.S01E01.German.1080p.WEB.h264-ANIWORLD",
                ReleaseNames.title(Entries.aniworld("//", "hack-sign", 1, 1, Language.GERMAN_DUB)));
    }

    @Test
    public void groupIsTheSiteNameInCapitalsWithoutSeparators() {
        assertEquals("ANIWORLD", ReleaseNames.group("AniWorld"));
        assertEquals("STO", ReleaseNames.group("s.to"));
        assertEquals("SERIENSTREAM", ReleaseNames.group("Serien-Stream"));
    }
}
