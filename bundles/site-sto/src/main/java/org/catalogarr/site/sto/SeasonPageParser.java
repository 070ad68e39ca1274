package org.catalogarr.site.sto;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.catalogarr.catalogue.api.CatalogueException;
import org.catalogarr.catalogue.api.Episode;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

/**
 * A season page ({@code /serie/{slug}/staffel-N}): one table row per episode. The row is clickable
 * through its {@code onclick} script, not a link, so the episode address is read from that script.
 */
final class SeasonPageParser {

    static final String ROWS = "tr.episode-row[onclick]";
    static final String TARGET = "tr.episode-row[onclick*=/staffel-N/episode-M]";

    private static final Pattern TARGET_PATH = Pattern.compile("/serie/[a-z0-9-]+/staffel-(\\d+)/episode-(\\d+)");

    private SeasonPageParser() {
    }

    static List<Episode> parse(String html, URI url) throws CatalogueException {
        Document page = Jsoup.parse(html, url.toString());
        V1Markup.reject(page, url, ROWS);
        Elements rows = page.select(ROWS);
        if (rows.isEmpty()) {
            throw CatalogueException.layoutChanged(ROWS, url.toString());
        }
        List<Episode> episodes = new ArrayList<>();
        for (Element row : rows) {
            Matcher target = TARGET_PATH.matcher(row.attr("onclick"));
            if (!target.find()) {
                throw CatalogueException.layoutChanged(TARGET, url.toString());
            }
            episodes.add(new Episode(Integer.parseInt(target.group(1)), Integer.parseInt(target.group(2)),
                    text(row, "strong.episode-title-ger"), text(row, "span.episode-title-eng")));
        }
        return List.copyOf(episodes);
    }

    private static String text(Element row, String selector) {
        Element element = row.selectFirst(selector);
        return element == null ? "" : element.text();
    }
}
