package org.catalogarr.site.aniworld;

import static org.catalogarr.site.aniworld.Fixtures.failure;
import static org.catalogarr.site.aniworld.Fixtures.page;
import static org.catalogarr.site.aniworld.Fixtures.url;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.catalogarr.catalogue.api.CatalogueException;
import org.catalogarr.catalogue.api.CatalogueException.Reason;
import org.catalogarr.catalogue.api.IndexedTitle;
import org.junit.Test;

public class IndexPageParserTest {

    private static Map<String, IndexedTitle> bySlug(List<IndexedTitle> titles) {
        return titles.stream().collect(Collectors.toMap(IndexedTitle::slug, Function.identity()));
    }

    @Test
    public void readsEverySeriesOfTheAlphabetPageWithItsAlternativeTitles() throws CatalogueException {
        List<IndexedTitle> titles = IndexPageParser.parse(page("animes-alphabet.html"), url("animes-alphabet"));

        assertEquals(13, titles.size());
        Map<String, IndexedTitle> index = bySlug(titles);
        assertEquals(new IndexedTitle("attack-on-titan", "Attack on Titan", List.of("Shingeki no Kyojin", "進撃の巨人")),
                index.get("attack-on-titan"));
        assertEquals("Attack on Titan: Junior High", index.get("attack-on-titan-junior-high").title());
        assertEquals("JoJo's Bizarre Adventure", index.get("jojos-bizarre-adventure").title());
        assertEquals(List.of("Dot Hack Sign"), index.get("hacksign").alternativeTitles());
        assertEquals(".hack//SIGN", index.get("hacksign").title());
        assertEquals(List.of("Kaguya-sama wa Kokurasetai", "Love & War"),
                index.get("kaguya-sama-love-is-war").alternativeTitles());
        assertEquals(new IndexedTitle("rick-and-morty-the-anime", "Rick and Morty: The Anime", List.of()),
                index.get("rick-and-morty-the-anime"));
        assertEquals(List.of(), index.get("movies-only-show").alternativeTitles());
        assertEquals(List.of("Nur mit Untertitel"), index.get("only-gersub-show").alternativeTitles());
    }

    @Test
    public void ignoresSeriesLinksOutsideTheIndex() throws CatalogueException {
        List<IndexedTitle> titles = IndexPageParser.parse(page("animes-alphabet.html"), url("animes-alphabet"));

        assertFalse(bySlug(titles).containsKey("sword-art-online"));
    }

    @Test
    public void listsASeriesOfSeveralGenresOnce() throws CatalogueException {
        List<IndexedTitle> titles = IndexPageParser.parse(page("animes.html"), url("animes"));

        assertEquals(1, titles.stream().filter(t -> t.slug().equals("attack-on-titan")).count());
        assertEquals(List.of("attack-on-titan", "demon-slayer-kimetsu-no-yaiba", "one-piece", "movies-only-show",
                "attack-on-titan-junior-high", "kaguya-sama-love-is-war", "rick-and-morty-the-anime"),
                titles.stream().map(IndexedTitle::slug).toList());
    }

    @Test
    public void aPageWithoutTheIndexContainerIsALayoutChange() {
        String renamed = page("animes-alphabet.html").replace("seriesContainer", "seriesList");

        CatalogueException failure = failure(() -> IndexPageParser.parse(renamed, url("animes-alphabet")));

        assertEquals(Reason.LAYOUT_CHANGED, failure.reason());
        assertEquals("#seriesContainer", failure.selector());
    }

    @Test
    public void anIndexWithoutSeriesLinksIsALayoutChangeNotAnEmptySite() {
        String moved = page("animes-alphabet.html").replace("/anime/stream/", "/serie/");

        CatalogueException failure = failure(() -> IndexPageParser.parse(moved, url("animes-alphabet")));

        assertEquals(Reason.LAYOUT_CHANGED, failure.reason());
    }
}
