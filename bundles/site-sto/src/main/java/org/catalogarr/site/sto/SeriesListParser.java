package org.catalogarr.site.sto;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.catalogarr.catalogue.api.CatalogueException;
import org.catalogarr.catalogue.api.IndexedTitle;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

/**
 * The alphabetical index ({@code /serien?by=alpha}) and the letter pages ({@code /katalog/X}): one
 * {@code li.series-item} per series, with its other titles where the item names them
 * ({@link AlternativeNames}). The list repeats some series; each slug is kept once.
 */
final class SeriesListParser {

    static final String ITEMS = "ul.series-list li.series-item";
    static final String LINK = "ul.series-list li.series-item > a[href=/serie/{slug}]";

    private SeriesListParser() {
    }

    static List<IndexedTitle> parse(String html, URI url) throws CatalogueException {
        Document page = Jsoup.parse(html, url.toString());
        V1Markup.reject(page, url, ITEMS);
        Elements items = page.select(ITEMS);
        if (items.isEmpty()) {
            throw CatalogueException.layoutChanged(ITEMS, url.toString());
        }
        Map<String, IndexedTitle> titles = new LinkedHashMap<>();
        for (Element item : items) {
            Element link = item.selectFirst("> a[href]");
            if (link == null || link.text().isBlank()) {
                continue;
            }
            Optional<String> slug = SeriesLinks.slug(url, link.attr("href"));
            slug.ifPresent(s -> titles.putIfAbsent(s, new IndexedTitle(s, link.text(),
                    AlternativeNames.ofIndexItem(item, link, link.text()))));
        }
        if (titles.isEmpty()) {
            throw CatalogueException.layoutChanged(LINK, url.toString());
        }
        return List.copyOf(titles.values());
    }
}
