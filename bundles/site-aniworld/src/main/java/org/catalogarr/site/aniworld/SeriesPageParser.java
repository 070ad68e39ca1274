package org.catalogarr.site.aniworld;

import java.net.URI;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.catalogarr.catalogue.api.CatalogueException;
import org.catalogarr.catalogue.api.CatalogueException.Reason;
import org.catalogarr.catalogue.api.Series;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Reads a series page ({@code /anime/stream/{slug}}). Seasons come from every link to one of this
 * series' seasons rather than from the navigation list's position, which has moved before; links to
 * other series (the "similar" teasers) do not count.
 */
final class SeriesPageParser {

    static final String HEADING = "div.series-title h1";
    static final String TITLE = HEADING + " span";
    static final String START_YEAR = "div.series-title small span[itemprop=startDate] a";
    private static final Pattern SERIES_PATH = Pattern.compile("/anime/stream/([a-z0-9-]+)/?$");
    private static final Pattern DIGITS = Pattern.compile("\\d{4}");

    private SeriesPageParser() {
    }

    static Series parse(String html, URI url) throws CatalogueException {
        Matcher path = SERIES_PATH.matcher(url.getPath());
        if (!path.find()) {
            // Only a redirect away from the series page gets here: the site no longer has it there.
            throw new CatalogueException(Reason.NOT_FOUND, AniWorldCatalogue.SITE_ID
                    + " answered with " + url + ", which is not a series page");
        }
        String slug = path.group(1);
        Document page = Jsoup.parse(html, url.toString());
        SoftNotFound.check(page, url);
        Element heading = page.selectFirst(HEADING);
        if (heading == null) {
            throw CatalogueException.layoutChanged(HEADING, url.toString());
        }
        Element titleElement = heading.selectFirst("span");
        String title = titleElement == null ? "" : titleElement.text().strip();
        if (title.isEmpty()) {
            throw CatalogueException.layoutChanged(TITLE, url.toString());
        }
        List<String> alternatives = AlternativeTitles.parse(heading.attr("data-alternativetitles"), title);
        List<Integer> seasons = seasons(page, slug);
        if (seasons.isEmpty()) {
            throw CatalogueException.layoutChanged("a[href*=/anime/stream/" + slug + "/staffel-N or /filme]",
                    url.toString());
        }
        return new Series(slug, title, alternatives, startYear(page), seasons);
    }

    private static List<Integer> seasons(Document page, String slug) {
        Pattern season = Pattern.compile("/anime/stream/" + Pattern.quote(slug) + "/(?:staffel-(\\d{1,4})|filme)/?$");
        TreeSet<Integer> seasons = new TreeSet<>();
        for (Element link : page.select("a[href]")) {
            Matcher match = season.matcher(LinkPaths.path(link, "href"));
            if (match.find()) {
                seasons.add(match.group(1) == null ? 0 : Integer.parseInt(match.group(1)));
            }
        }
        return List.copyOf(seasons);
    }

    /** The first year, or 0: the year is a nicety, a page without it is still a series. */
    private static int startYear(Document page) {
        Element year = page.selectFirst(START_YEAR);
        Matcher digits = DIGITS.matcher(year == null ? "" : year.text());
        return digits.find() ? Integer.parseInt(digits.group()) : 0;
    }
}
