package org.catalogarr.site.sto;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.catalogarr.catalogue.api.CatalogueException;
import org.catalogarr.catalogue.api.CatalogueException.Reason;
import org.catalogarr.catalogue.api.EpisodeOffers;
import org.catalogarr.catalogue.api.Language;
import org.catalogarr.catalogue.api.Offer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

/**
 * An episode page ({@code …/staffel-N/episode-M}): one {@code button.link-box} per hoster link, with
 * the play redirect, the hoster and the language in data attributes. An episode without links is
 * accepted only when the page itself says it has no player; otherwise missing links mean the markup
 * changed.
 */
final class EpisodePageParser {

    static final String LINKS = "#episode-links";
    static final String BUTTONS = "#episode-links button.link-box[data-play-url]";

    /** The name s.to shows for a link whose hoster it does not reveal; such a link cannot be chosen. */
    private static final String PLACEHOLDER_HOSTER = "provider";
    private static final String NOT_RELEASED = "diese episode wurde noch nicht veröffentlicht";
    private static final String NO_PLAYER = "kein videoplayer für diese episode verfügbar";

    private EpisodePageParser() {
    }

    static EpisodeOffers parse(String html, URI url, int season, int episode) throws CatalogueException {
        Document page = Jsoup.parse(html, url.toString());
        V1Markup.reject(page, url, BUTTONS);
        String text = page.text().toLowerCase(Locale.ROOT);
        if (text.contains(NOT_RELEASED)) {
            throw new CatalogueException(Reason.NOT_FOUND, "s.to has not released " + url + " yet");
        }
        Elements buttons = page.select(BUTTONS);
        if (buttons.isEmpty()) {
            if (text.contains(NO_PLAYER)) {
                return new EpisodeOffers(season, episode, Set.of(), List.of());
            }
            throw CatalogueException.layoutChanged(page.selectFirst(LINKS) == null ? LINKS : BUTTONS, url.toString());
        }
        Set<Language> languages = new LinkedHashSet<>();
        List<Offer> offers = new ArrayList<>();
        for (Element button : buttons) {
            Optional<Language> language = StoLanguages.of(button.attr("data-language-id"),
                    button.attr("data-language-label"));
            if (language.isEmpty()) {
                continue;
            }
            languages.add(language.get());
            String hoster = button.attr("data-provider-name").strip();
            Optional<URI> redirect = redirect(button);
            if (!hoster.isEmpty() && !hoster.equalsIgnoreCase(PLACEHOLDER_HOSTER) && redirect.isPresent()) {
                offers.add(new Offer(hoster, language.get(), redirect.get()));
            }
        }
        return new EpisodeOffers(season, episode, languages, offers);
    }

    private static Optional<URI> redirect(Element button) {
        String link = button.absUrl("data-play-url");
        try {
            return link.isEmpty() ? Optional.empty() : Optional.of(URI.create(link));
        } catch (IllegalArgumentException unusable) {
            return Optional.empty();
        }
    }
}
