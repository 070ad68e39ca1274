package org.catalogarr.site.aniworld;

import java.net.URI;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
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
 * The "Neue Episoden" section of the home page ({@code /}, or the longer {@code /neue-episoden}): one
 * {@code div.newEpisode} per release, whose link names series, season and episode, with the series
 * title in {@code strong}, a language flag and the German date "dd.mm.yyyy HH:MM" in the site's local
 * time. An entry that lacks one of these is skipped (teasers and ads share the markup); when no entry
 * is complete, the first part that was missing is reported as the layout change.
 */
final class NewEpisodesParser {

    static final String LIST = "div.newEpisodeList";
    static final String ENTRY = LIST + " div.newEpisode";
    static final String LINK = "a[href]";
    static final String TITLE = "strong";
    static final String DATE = "span.elementFloatRight";
    static final String FLAG = "img.flag[data-lang-key]";

    /** AniWorld writes its dates in German local time, without a zone. */
    static final ZoneId SITE_ZONE = ZoneId.of("Europe/Berlin");

    private static final Pattern EPISODE_PATH = Pattern.compile(
            "/anime/stream/([a-z0-9-]+)/(?:staffel-(\\d{1,4})/episode-(\\d{1,5})|filme/film-(\\d{1,5}))/?");
    private static final Pattern DATE_TIME = Pattern.compile(
            "(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4})\\D{1,20}?(\\d{1,2}):(\\d{2})");

    private NewEpisodesParser() {
    }

    static List<NewRelease> parse(String html, URI url) throws CatalogueException {
        Document page = Jsoup.parse(html, url.toString());
        if (page.selectFirst(LIST) == null) {
            throw CatalogueException.layoutChanged(LIST, url.toString());
        }
        return ReleaseListing.releases(page.select(ENTRY), NewEpisodesParser::release, ENTRY, url.toString());
    }

    private static Entry release(Element entry) {
        Matcher path = null;
        for (Element link : entry.select(LINK)) {
            Matcher candidate = EPISODE_PATH.matcher(LinkPaths.path(link, "href"));
            if (candidate.matches()) {
                path = candidate;
                break;
            }
        }
        if (path == null) {
            return Entry.lacking(LINK + " (an episode link)");
        }
        Element title = entry.selectFirst(TITLE);
        if (title == null || title.text().isBlank()) {
            return Entry.lacking(TITLE);
        }
        Optional<Instant> released = Optional.ofNullable(entry.selectFirst(DATE)).flatMap(d -> releasedAt(d.text()));
        if (released.isEmpty()) {
            return Entry.lacking(DATE + " (dd.mm.yyyy HH:MM)");
        }
        Set<Language> languages = EnumSet.noneOf(Language.class);
        entry.select(FLAG).forEach(flag -> AniWorldLanguages.fromKey(flag.attr("data-lang-key")).ifPresent(languages::add));
        boolean movie = path.group(4) != null;
        int season = movie ? 0 : Integer.parseInt(path.group(2));
        int episode = Integer.parseInt(movie ? path.group(4) : path.group(3));
        if (episode < 1) {
            return Entry.lacking(LINK + " (an episode number from 1)");
        }
        return Entry.of(new NewRelease(path.group(1), title.text().strip(), season, episode, languages,
                released.get()));
    }

    /** "04.12.2026 21:15" (also with words between date and time) in the site's zone. */
    static Optional<Instant> releasedAt(String text) {
        Matcher date = DATE_TIME.matcher(text);
        if (!date.find()) {
            return Optional.empty();
        }
        try {
            LocalDateTime local = LocalDateTime.of(Integer.parseInt(date.group(3)), Integer.parseInt(date.group(2)),
                    Integer.parseInt(date.group(1)), Integer.parseInt(date.group(4)), Integer.parseInt(date.group(5)));
            return Optional.of(local.atZone(SITE_ZONE).toInstant());
        } catch (DateTimeException impossibleDate) {
            return Optional.empty();
        }
    }
}
