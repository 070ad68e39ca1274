package org.catalogarr.site.aniworld;

import java.net.URI;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.catalogarr.catalogue.api.CatalogueException;
import org.catalogarr.catalogue.api.EpisodeOffers;
import org.catalogarr.catalogue.api.Language;
import org.catalogarr.catalogue.api.Offer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads an episode page ({@code …/staffel-N/episode-M} or {@code …/filme/film-M}): the languages of
 * its language switcher and one offer per hoster list entry. Entries of the languages not selected
 * are hidden with CSS but are offers all the same.
 */
final class EpisodePageParser {

    static final String HOSTER_BLOCK = "div.hosterSiteVideo";
    static final String LANGUAGE_SWITCH = "div.changeLanguageBox img[data-lang-key]";
    static final String HOSTER_ENTRY = HOSTER_BLOCK + " li[data-lang-key]";
    static final String HOSTER_NAME = "h4";
    static final String HOSTER_ICON = "i.icon[title^=Hoster]";
    static final String WATCH_LINK = "a.watchEpisode[href]";

    private static final Logger LOG = LoggerFactory.getLogger(EpisodePageParser.class);

    private EpisodePageParser() {
    }

    static EpisodeOffers parse(String html, URI url, int season, int episode) throws CatalogueException {
        Document page = Jsoup.parse(html, url.toString());
        SoftNotFound.check(page, url);
        Element block = page.selectFirst(HOSTER_BLOCK);
        if (block == null) {
            throw CatalogueException.layoutChanged(HOSTER_BLOCK, url.toString());
        }
        List<Element> switches = block.select(LANGUAGE_SWITCH);
        if (switches.isEmpty()) {
            throw CatalogueException.layoutChanged(LANGUAGE_SWITCH, url.toString());
        }
        Set<Language> languages = EnumSet.noneOf(Language.class);
        for (Element flag : switches) {
            language(flag, url).ifPresent(languages::add);
        }
        List<Offer> offers = new ArrayList<>();
        for (Element entry : block.select("li[data-lang-key]")) {
            Optional<Language> language = language(entry, url);
            if (language.isPresent()) {
                offers.add(new Offer(hoster(entry, url), language.get(), redirect(entry, url)));
            }
        }
        return new EpisodeOffers(season, episode, languages, offers);
    }

    private static Optional<Language> language(Element element, URI url) {
        String key = element.attr("data-lang-key");
        Optional<Language> language = AniWorldLanguages.fromKey(key);
        if (language.isEmpty()) {
            LOG.debug("AniWorld page {} has the unknown language key '{}'; leaving it out", url, key);
        }
        return language;
    }

    /** The name in {@code h4}; JDownloader's fallback, the icon's "Hoster X" title, when that is missing. */
    private static String hoster(Element entry, URI url) throws CatalogueException {
        Element name = entry.selectFirst(HOSTER_NAME);
        if (name != null && !name.text().isBlank()) {
            return name.text().strip();
        }
        Element icon = entry.selectFirst(HOSTER_ICON);
        String title = icon == null ? "" : icon.attr("title").strip().substring("Hoster".length()).strip();
        if (title.isEmpty()) {
            throw CatalogueException.layoutChanged(HOSTER_ENTRY + " " + HOSTER_NAME + " or " + HOSTER_ICON,
                    url.toString());
        }
        return title;
    }

    /** {@code data-link-target} first, as the site's own player uses it; the anchor when it is missing. */
    private static URI redirect(Element entry, URI url) throws CatalogueException {
        Optional<URI> target = entry.attr("data-link-target").isBlank() ? Optional.empty()
                : LinkPaths.absolute(entry, "data-link-target");
        if (target.isPresent()) {
            return target.get();
        }
        Element anchor = entry.selectFirst(WATCH_LINK);
        Optional<URI> href = anchor == null ? Optional.empty() : LinkPaths.absolute(anchor, "href");
        return href.orElseThrow(() -> CatalogueException.layoutChanged(
                HOSTER_ENTRY + "[data-link-target] or " + WATCH_LINK, url.toString()));
    }
}
