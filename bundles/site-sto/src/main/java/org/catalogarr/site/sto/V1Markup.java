package org.catalogarr.site.sto;

import java.net.URI;

import org.catalogarr.catalogue.api.CatalogueException;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * Recognises s.to's v1 markup, the AniWorld engine the site ran before January 2026 and old mirrors still
 * serve ({@code #seriesContainer}, {@code /serie/stream/{slug}} links, {@code li[data-link-target]}
 * hosters). Its pages have some of the v2 words too, so they would be half-read; they are reported as a
 * changed layout that names what the operator sees instead.
 */
final class V1Markup {

    private V1Markup() {
    }

    /** Throws when the page is in v1 markup; {@code selector} is the v2 element the parser needed. */
    static void reject(String html, URI url, String selector) throws CatalogueException {
        reject(Jsoup.parse(html, url.toString()), url, selector);
    }

    /** As {@link #reject(String, URI, String)}, for a page already parsed. */
    static void reject(Document page, URI url, String selector) throws CatalogueException {
        if (isV1(page) || url.getPath() != null && url.getPath().contains("/serie/stream/")) {
            throw CatalogueException.layoutChanged(selector, url + " (the page is in s.to's v1 markup of before"
                    + " 2026, with #seriesContainer and /serie/stream/ links; base_url must point at the v2 site)");
        }
    }

    static boolean isV1(Document page) {
        return page.selectFirst("#seriesContainer") != null || page.selectFirst(".series-title h1") != null
                || page.selectFirst("li[data-link-target][data-lang-key]") != null
                || page.selectFirst("a[href^=/serie/stream/]") != null && page.selectFirst("ul.series-list") == null;
    }
}
