package org.catalogarr.site.aniworld;

import java.net.URI;
import java.util.Optional;

import org.jsoup.nodes.Element;

/** Links of a page, resolved against the page's own URL, so a site on any base (or loopback) reads the same. */
final class LinkPaths {

    private LinkPaths() {
    }

    /** The absolute URL in the attribute, if it holds a usable one. */
    static Optional<URI> absolute(Element element, String attribute) {
        String url = element.absUrl(attribute);
        if (url.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(URI.create(url));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    /** The path of the attribute's URL, or "" when it holds none. */
    static String path(Element element, String attribute) {
        return absolute(element, attribute).map(URI::getPath).orElse("");
    }
}
