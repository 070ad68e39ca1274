package org.catalogarr.site.sto;

import java.net.URI;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.catalogarr.catalogue.api.CatalogueException;
import org.catalogarr.catalogue.api.Language;
import org.catalogarr.catalogue.api.NewRelease;
import org.catalogarr.catalogue.kit.ReleaseListing;
import org.catalogarr.catalogue.kit.ReleaseListing.Entry;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The "Neue Episoden" section of the v2 home page: one {@code li.latest-episode} per release, whose
 * link names series, season and episode, with the series title, a {@code time[datetime]} (ISO 8601;
 * without a zone it is the site's local time) and language flags. An entry that lacks one of these is
 * skipped; when no entry is complete, the first part that was missing is reported as the layout change.
 */
final class LatestEpisodesParser {

    static final String SECTION = "section.latest-episodes";
    static final String ENTRY = SECTION + " li.latest-episode";
    static final String LINK = "a[href]";
    static final String SHOW = "span.latest-episode-show";
    static final String TIME = "time[datetime]";
    static final String FLAG = "svg.watch-language, img.watch-language, img.flag";

    static final ZoneId SITE_ZONE = ZoneId.of("Europe/Berlin");

    private static final Pattern EPISODE_PATH = Pattern.compile(
            ".*/serie/([a-z0-9-]+)/staffel-(\\d{1,4})/episode-(\\d{1,5})/?");
    /** The flag names of §2.3: {@code svg-flag-german}, {@code #icon-flag-english-german}, {@code english.svg}. */
    private static final Pattern FLAG_NAME = Pattern.compile("(?:flag-|/)(german|english-german|english)(?:\\.svg)?\\b");

    private LatestEpisodesParser() {
    }

    static List<NewRelease> parse(String html, URI url) throws CatalogueException {
        Document page = Jsoup.parse(html, url.toString());
        if (page.selectFirst(SECTION) == null) {
            throw CatalogueException.layoutChanged(SECTION, url.toString());
        }
        return ReleaseListing.releases(page.select(ENTRY), entry -> release(entry, url), ENTRY, url.toString());
    }

    private static Entry release(Element entry, URI page) {
        Matcher path = null;
        for (Element link : entry.select(LINK)) {
            Matcher candidate = EPISODE_PATH.matcher(path(page, link.attr("href")));
            if (candidate.matches()) {
                path = candidate;
                break;
            }
        }
        if (path == null) {
            return Entry.lacking(LINK + " (an episode link)");
        }
        Element show = entry.selectFirst(SHOW);
        if (show == null || show.text().isBlank()) {
            return Entry.lacking(SHOW);
        }
        Optional<Instant> released = Optional.ofNullable(entry.selectFirst(TIME))
                .flatMap(time -> releasedAt(time.attr("datetime")));
        if (released.isEmpty()) {
            return Entry.lacking(TIME + " (ISO 8601)");
        }
        int episode = Integer.parseInt(path.group(3));
        if (episode < 1) {
            return Entry.lacking(LINK + " (an episode number from 1)");
        }
        return Entry.of(new NewRelease(path.group(1), show.text().strip(), Integer.parseInt(path.group(2)), episode,
                languages(entry), released.get()));
    }

    private static String path(URI page, String href) {
        try {
            String path = page.resolve(href.strip()).getPath();
            return path == null ? "" : path;
        } catch (IllegalArgumentException notALink) {
            return "";
        }
    }

    /** The flags' names, from their class, their {@code use} reference or their image file. */
    private static Set<Language> languages(Element entry) {
        Set<Language> languages = EnumSet.noneOf(Language.class);
        for (Element flag : entry.select(FLAG)) {
            String names = (flag.className() + " " + flag.attr("src") + " "
                    + flag.select("use").eachAttr("href")).toLowerCase(Locale.ROOT);
            Matcher name = FLAG_NAME.matcher(names);
            while (name.find()) {
                switch (name.group(1)) {
                    case "german" -> languages.add(Language.GERMAN_DUB);
                    case "english" -> languages.add(Language.ENGLISH_DUB);
                    default -> languages.add(Language.GERMAN_SUB);
                }
            }
        }
        return languages;
    }

    /** ISO 8601 with or without an offset ("2026-12-04T21:15:00+01:00", "2026-12-04T21:15", "2026-12-04 21:15"). */
    static Optional<Instant> releasedAt(String text) {
        String value = text.strip().replace(' ', 'T');
        try {
            return Optional.of(OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeException noOffset) {
            try {
                return Optional.of(LocalDateTime.parse(value).atZone(SITE_ZONE).toInstant());
            } catch (DateTimeException unreadable) {
                return Optional.empty();
            }
        }
    }
}
