package org.catalogarr.site.aniworld;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.catalogarr.catalogue.api.CatalogueException;
import org.catalogarr.catalogue.api.IndexedTitle;
import org.jsoup.Jsoup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads the answer of {@code POST /ajax/search}: a JSON array of {@code {title, description, link}}.
 * Titles carry highlight markup and entities; links also point at seasons and support pages, so only
 * links of a series itself are kept.
 */
final class SearchResultsParser {

    static final String LINK = "[].link";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SERIES_LINK = Pattern.compile("^/anime/stream/([a-z0-9-]+)/?$");

    private SearchResultsParser() {
    }

    static List<IndexedTitle> parse(String json, URI url) throws CatalogueException {
        JsonNode results;
        try {
            results = JSON.readTree(json);
        } catch (IOException notJson) {
            throw CatalogueException.layoutChanged("JSON array of {title, link}", url.toString());
        }
        if (results == null || !results.isArray()) {
            throw CatalogueException.layoutChanged("JSON array of {title, link}", url.toString());
        }
        List<IndexedTitle> titles = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (JsonNode result : results) {
            JsonNode link = result.get("link");
            if (link == null || !link.isTextual()) {
                throw CatalogueException.layoutChanged(LINK, url.toString());
            }
            Matcher series = SERIES_LINK.matcher(link.asText().strip());
            String title = plainText(result.path("title").asText(""));
            if (series.matches() && !title.isEmpty() && seen.add(series.group(1))) {
                titles.add(new IndexedTitle(series.group(1), title, List.of()));
            }
        }
        return titles;
    }

    /** The title without its {@code <em>} highlights and with its entities decoded. */
    private static String plainText(String html) {
        return Jsoup.parseBodyFragment(html).text().strip();
    }
}
