package org.catalogarr.core.torznab;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.catalogarr.core.catalogue.ResultEntry;

/**
 * The categories this indexer declares in its caps and gives its results. Prowlarr drops a result
 * from automatic searches unless one of its categories is declared in the caps, and pushes the indexer
 * to Sonarr only when the caps have a TV category, so every category used here is declared.
 */
public final class Categories {

    public static final Category TV = new Category(5000, "TV");
    public static final Category TV_SD = new Category(5030, "TV/SD");
    public static final Category TV_HD = new Category(5040, "TV/HD");
    public static final Category TV_ANIME = new Category(5070, "TV/Anime");
    public static final Category MOVIES = new Category(2000, "Movies");
    public static final Category MOVIES_HD = new Category(2040, "Movies/HD");

    // TV/SD is declared though no result uses it: it is in Sonarr's default category list, and an
    // indexer whose caps lack a requested category looks misconfigured in Sonarr's picker.
    private static final Map<Category, List<Category>> DECLARED = declared();

    // The four answers of of(): made once, as every result of every search asks for them.
    private static final List<Category> SERIES = List.of(TV_HD, TV);
    private static final List<Category> ANIME = List.of(TV_ANIME, TV);
    private static final List<Category> SERIES_SPECIAL = List.of(TV_HD, TV, MOVIES_HD, MOVIES);
    private static final List<Category> ANIME_SPECIAL = List.of(TV_ANIME, TV, MOVIES_HD, MOVIES);

    private Categories() {
    }

    private static Map<Category, List<Category>> declared() {
        Map<Category, List<Category>> declared = new LinkedHashMap<>();
        declared.put(TV, List.of(TV_SD, TV_HD, TV_ANIME));
        declared.put(MOVIES, List.of(MOVIES_HD));
        return declared;
    }

    /** The top-level categories of the caps, in order. */
    public static List<Category> parents() {
        return List.copyOf(DECLARED.keySet());
    }

    /** The subcategories the caps list under {@code parent}; empty for any other category. */
    public static List<Category> subcategories(Category parent) {
        return DECLARED.getOrDefault(parent, List.of());
    }

    /**
     * The categories of a result, most specific first. The streams are web 1080p, hence TV/HD; an anime
     * catalogue's results are TV/Anime, which Prowlarr syncs to Sonarr's anime categories. Season 0 holds
     * the sites' movies and specials, so those results are also offered as Movies/HD.
     */
    public static List<Category> of(ResultEntry entry) {
        if (entry.season() == 0) {
            return entry.anime() ? ANIME_SPECIAL : SERIES_SPECIAL;
        }
        return entry.anime() ? ANIME : SERIES;
    }
}
