package org.catalogarr.site.sto;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.catalogarr.catalogue.api.CatalogueException;
import org.catalogarr.catalogue.api.IndexedTitle;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

/**
 * The HTML search ({@code /suche?term=…&tab=shows}), shows only. The page also lists matching
 * episodes, whose links point at unrelated series, so only the show cards of the result groups
 * outside the episode section are read.
 */
final class SearchPageParser {

    static final String GROUPS = "div.results-group";
    static final String EPISODE_SECTION = ".search-section--episodes";
    static final String CARD = "a[href]:has(div.cover-card)";

    private SearchPageParser() {
    }

    static List<IndexedTitle> parse(String html, URI url) throws CatalogueException {
        Elements groups = new Elements();
        for (Element group : Jsoup.parse(html, url.toString()).select(GROUPS)) {
            if (!group.parents().is(EPISODE_SECTION)) {
                groups.add(group);
            }
        }
        if (groups.isEmpty()) {
            throw CatalogueException.layoutChanged(GROUPS, url.toString());
        }
        Map<String, IndexedTitle> titles = new LinkedHashMap<>();
        for (Element card : groups.select(CARD)) {
            String title = title(card);
            SeriesLinks.slug(url, card.attr("href")).filter(slug -> !title.isEmpty())
                    .ifPresent(slug -> titles.putIfAbsent(slug, new IndexedTitle(slug, title, List.of())));
        }
        return List.copyOf(titles.values());
    }

    private static String title(Element card) {
        Element heading = card.selectFirst("h6.show-title");
        if (heading != null && !heading.text().isBlank()) {
            return heading.text();
        }
        Element cover = card.selectFirst("img[alt]");
        return cover == null ? "" : cover.attr("alt").strip();
    }
}
