package org.catalogarr.site.aniworld;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.catalogarr.catalogue.api.CatalogueException;
import org.catalogarr.catalogue.api.IndexedTitle;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Reads the full index ({@code /animes-alphabet} or the genre-grouped {@code /animes}). Only links
 * inside the index container count: the header and teasers link to series too, but they are not the
 * listing. The genre page lists a series once per genre, so entries are merged by slug.
 */
final class IndexPageParser {

    static final String CONTAINER = "#seriesContainer";
    static final String ENTRY = CONTAINER + " a[href]";
    private static final Pattern SERIES_PATH = Pattern.compile("/anime/stream/([a-z0-9-]+)/?$");

    private IndexPageParser() {
    }

    static List<IndexedTitle> parse(String html, URI url) throws CatalogueException {
        Document page = Jsoup.parse(html, url.toString());
        Element container = page.selectFirst(CONTAINER);
        if (container == null) {
            throw CatalogueException.layoutChanged(CONTAINER, url.toString());
        }
        Map<String, Entry> bySlug = new LinkedHashMap<>();
        for (Element link : container.select("a[href]")) {
            Matcher series = SERIES_PATH.matcher(LinkPaths.path(link, "href"));
            String title = link.text().strip();
            if (!series.find() || title.isEmpty()) {
                continue;
            }
            Entry entry = bySlug.computeIfAbsent(series.group(1), slug -> new Entry(title, new LinkedHashSet<>()));
            entry.alternatives().addAll(AlternativeTitles.parse(link.attr("data-alternative-title"), entry.title()));
        }
        if (bySlug.isEmpty()) {
            throw CatalogueException.layoutChanged(ENTRY + " (a series link)", url.toString());
        }
        List<IndexedTitle> titles = new ArrayList<>();
        bySlug.forEach((slug, entry) -> titles.add(new IndexedTitle(slug, entry.title(), List.copyOf(entry.alternatives()))));
        return titles;
    }

    private record Entry(String title, Set<String> alternatives) {
    }
}
