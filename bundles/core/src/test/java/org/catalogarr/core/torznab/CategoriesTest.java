package org.catalogarr.core.torznab;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.catalogarr.catalogue.api.Language;
import org.catalogarr.core.catalogue.Entries;
import org.catalogarr.core.catalogue.ResultEntry;
import org.junit.Test;

public class CategoriesTest {

    @Test
    public void animeEpisodesAreTvAnime() {
        assertEquals(List.of(Categories.TV_ANIME, Categories.TV),
                Categories.of(Entries.aniworld("Attack on Titan", "attack-on-titan", 1, 5, Language.GERMAN_SUB)));
    }

    @Test
    public void otherEpisodesAreTvHd() {
        assertEquals(List.of(Categories.TV_HD, Categories.TV),
                Categories.of(Entries.sto("The Rookie", "the-rookie", 2, 11, Language.GERMAN_DUB)));
    }

    @Test
    public void seasonZeroIsAlsoMovies() {
        assertEquals(List.of(Categories.TV_ANIME, Categories.TV, Categories.MOVIES_HD, Categories.MOVIES),
                Categories.of(Entries.aniworld("Attack on Titan", "attack-on-titan", 0, 1, Language.GERMAN_DUB)));
        assertEquals(List.of(Categories.TV_HD, Categories.TV, Categories.MOVIES_HD, Categories.MOVIES),
                Categories.of(Entries.sto("The Rookie", "the-rookie", 0, 2, Language.ENGLISH_DUB)));
    }

    @Test
    public void everyCategoryAResultCanHaveIsDeclared() {
        Set<Category> declared = new HashSet<>(Categories.parents());
        Categories.parents().forEach(parent -> declared.addAll(Categories.subcategories(parent)));

        for (ResultEntry entry : List.of(
                Entries.aniworld("A", "a", 0, 1, Language.GERMAN_DUB), Entries.aniworld("A", "a", 1, 1, Language.GERMAN_DUB),
                Entries.sto("B", "b", 0, 1, Language.GERMAN_DUB), Entries.sto("B", "b", 1, 1, Language.GERMAN_DUB))) {
            assertTrue(entry.toString(), declared.containsAll(Categories.of(entry)));
        }
    }

    @Test
    public void declaresTheStandardNewznabTree() {
        assertEquals(List.of(Categories.TV, Categories.MOVIES), Categories.parents());
        assertEquals(List.of(new Category(5030, "TV/SD"), new Category(5040, "TV/HD"), new Category(5070, "TV/Anime")),
                Categories.subcategories(Categories.TV));
        assertEquals(List.of(new Category(2040, "Movies/HD")), Categories.subcategories(Categories.MOVIES));
        assertEquals(List.of(), Categories.subcategories(Categories.TV_HD));
    }
}
