package org.catalogarr.hosters;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.catalogarr.hoster.api.DestinationPolicy;
import org.catalogarr.hoster.api.HosterResolver;

/**
 * A resolver that visits its hoster as one browser: one user agent for the pages and the media, one
 * timeout, bounded pages that are fetched only where the destination policy allows, and the hoster's
 * name in every message.
 */
abstract class PageResolver implements HosterResolver {

    private final String name;
    private final String userAgent;
    private final PageFetcher fetcher;
    private final EmbedPages pages;

    PageResolver(String name, DestinationPolicy destinations, String userAgent, Duration timeout) {
        this.name = name;
        this.userAgent = userAgent;
        this.fetcher = new PageFetcher(name, destinations, userAgent, timeout, EmbedPages.MAX_PAGE_BYTES);
        this.pages = new EmbedPages(name, fetcher);
    }

    @Override
    public String name() {
        return name;
    }

    /** For requests beyond the player page, such as the player's own script makes. */
    PageFetcher fetcher() {
        return fetcher;
    }

    EmbedPages pages() {
        return pages;
    }

    /** What every request for the media sends, coming from the given player page. */
    Map<String, String> mediaHeaders(URI playerPage) {
        return EmbedPages.mediaHeaders(userAgent, playerPage);
    }
}
