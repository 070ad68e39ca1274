package org.catalogarr.site.sto;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.catalogarr.catalogue.api.CatalogueException;
import org.catalogarr.catalogue.api.IndexedTitle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The suggest API, {@code {"shows":[{"name","url"}],"people":[],"genres":[]}}. Only shows count;
 * people and genres link elsewhere.
 */
final class SuggestParser {

    static final String SHOWS = "shows[]";
    static final String SHOW = "shows[].name+url";

    private static final ObjectMapper JSON = new ObjectMapper();

    private SuggestParser() {
    }

    static List<IndexedTitle> parse(String json, URI url) throws CatalogueException {
        JsonNode shows;
        try {
            shows = JSON.readTree(json).path("shows");
        } catch (JsonProcessingException notJson) {
            throw CatalogueException.layoutChanged(SHOWS, url + " (not JSON: " + notJson.getOriginalMessage() + ")");
        }
        if (!shows.isArray()) {
            throw CatalogueException.layoutChanged(SHOWS, url.toString());
        }
        Map<String, IndexedTitle> titles = new LinkedHashMap<>();
        for (JsonNode show : shows) {
            JsonNode name = show.path("name");
            JsonNode link = show.path("url");
            if (!name.isTextual() || !link.isTextual()) {
                throw CatalogueException.layoutChanged(SHOW, url.toString());
            }
            SeriesLinks.slug(url, link.asText())
                    .ifPresent(slug -> titles.putIfAbsent(slug, new IndexedTitle(slug, name.asText().strip(), List.of())));
        }
        return List.copyOf(titles.values());
    }
}
