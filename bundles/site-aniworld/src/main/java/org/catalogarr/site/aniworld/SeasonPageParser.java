package org.catalogarr.site.aniworld;

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

/**
 * Reads a season page ({@code …/staffel-N}) or the movies page ({@code …/filme}, season 0) into its
 * episode list. Movies are numbered by their {@code film-M} link, the way the site addresses them.
 * The table's language flags are deliberately ignored: they have been seen as a static legend.
 */
final class SeasonPageParser {

    static final String TABLE = "table.seasonEpisodesList";
    static final String ROW = TABLE + " tr[itemprop=episode]";
    static final String EPISODE_NUMBER = "meta[itemprop=episodeNumber][content]";
    static final String EPISODE_LINK = "a[itemprop=url][href]";
    private static final Pattern FILM = Pattern.compile("/filme/film-(\\d{1,4})/?$");
    private static final Pattern EPISODE = Pattern.compile("/staffel-\\d+/episode-(\\d{1,4})/?$");

    private SeasonPageParser() {
    }

    static List<Episode> parse(String html, URI url, int season) throws CatalogueException {
        Document page = Jsoup.parse(html, url.toString());
        SoftNotFound.check(page, url);
        Element table = page.selectFirst(TABLE);
        if (table == null) {
            throw CatalogueException.layoutChanged(TABLE, url.toString());
        }
        List<Episode> episodes = new ArrayList<>();
        for (Element row : table.select("tr[itemprop=episode]")) {
            episodes.add(new Episode(season, number(row, season, url), text(row, "td.seasonEpisodeTitle a strong"),
                    text(row, "td.seasonEpisodeTitle a span")));
        }
        if (episodes.isEmpty()) {
            throw CatalogueException.layoutChanged(ROW, url.toString());
        }
        return episodes;
    }

    private static int number(Element row, int season, URI url) throws CatalogueException {
        Element link = row.selectFirst(EPISODE_LINK);
        String linkPath = link == null ? "" : LinkPaths.path(link, "href");
        if (season == 0) {
            Matcher film = FILM.matcher(linkPath);
            if (film.find()) {
                return Integer.parseInt(film.group(1));
            }
            throw CatalogueException.layoutChanged(EPISODE_LINK + " to …/filme/film-M", url.toString());
        }
        Element meta = row.selectFirst(EPISODE_NUMBER);
        if (meta != null && meta.attr("content").strip().matches("\\d{1,4}")) {
            return Integer.parseInt(meta.attr("content").strip());
        }
        Matcher episode = EPISODE.matcher(linkPath);
        if (episode.find()) {
            return Integer.parseInt(episode.group(1));
        }
        throw CatalogueException.layoutChanged(EPISODE_NUMBER, url.toString());
    }

    private static String text(Element row, String selector) {
        Element element = row.selectFirst(selector);
        return element == null ? "" : element.text().strip();
    }
}
