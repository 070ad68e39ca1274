package org.catalogarr.site.sto;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.catalogarr.catalogue.api.CatalogueException;
import org.catalogarr.catalogue.api.Series;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

/**
 * A series page ({@code /serie/{slug}}): the title, other titles and year from the header, the seasons from the
 * season pills. The pill of the "Filme" tab links {@code staffel-0}, which is season 0.
 */
final class SeriesPageParser {

    static final String HEADER = ".show-header-wrapper";
    static final String TITLE = ".show-header-wrapper h1";
    static final String SEASON_PILLS = "nav#season-nav a[data-season-pill]";

    private static final Pattern YEAR = Pattern.compile("/jahr/(\\d{4})(?:[/?#]|$)");
    private static final Pattern SEASON = Pattern.compile("/staffel-(\\d+)/?");

    private SeriesPageParser() {
    }

    static Series parse(String html, URI url, String slug) throws CatalogueException {
        Document page = Jsoup.parse(html, url.toString());
        V1Markup.reject(page, url, HEADER);
        Element header = page.selectFirst(HEADER);
        if (header == null) {
            throw CatalogueException.layoutChanged(HEADER, url.toString());
        }
        Element title = header.selectFirst("h1");
        if (title == null || title.text().isBlank()) {
            throw CatalogueException.layoutChanged(TITLE, url.toString());
        }
        return new Series(slug, title.text(), AlternativeNames.ofSeriesPage(header, title.text()), year(header),
                seasons(page.select(SEASON_PILLS), url));
    }

    private static int year(Element header) {
        for (Element link : header.select("a[href*=/jahr/]")) {
            Matcher match = YEAR.matcher(link.attr("href"));
            if (match.find()) {
                return Integer.parseInt(match.group(1));
            }
        }
        return 0;
    }

    private static List<Integer> seasons(Elements pills, URI url) throws CatalogueException {
        TreeSet<Integer> seasons = new TreeSet<>();
        for (Element pill : pills) {
            season(pill).ifPresent(seasons::add);
        }
        if (seasons.isEmpty()) {
            throw CatalogueException.layoutChanged(SEASON_PILLS, url.toString());
        }
        return List.copyOf(seasons);
    }

    /** The link decides; the pill's own number is the fallback for a pill without a usable link. */
    private static Optional<Integer> season(Element pill) {
        Matcher match = SEASON.matcher(pill.attr("href"));
        if (match.find()) {
            return Optional.of(Integer.parseInt(match.group(1)));
        }
        String number = pill.attr("data-season-pill").strip();
        return number.matches("\\d{1,4}") ? Optional.of(Integer.parseInt(number)) : Optional.empty();
    }
}
