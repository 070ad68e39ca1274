package org.catalogarr.site.sto;

import java.net.URI;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the series slug out of a link to a series page, {@code /serie/{slug}}. Links to seasons,
 * episodes and the index ({@code /serien}) are not series links.
 */
final class SeriesLinks {

    private static final Pattern SERIES_PATH = Pattern.compile(".*/serie/([a-z0-9-]+)/?");

    private SeriesLinks() {
    }

    /** The slug of an absolute or relative series link, resolved against the page it was found on. */
    static Optional<String> slug(URI page, String link) {
        if (link == null || link.isBlank()) {
            return Optional.empty();
        }
        try {
            return slug(page.resolve(link.strip()));
        } catch (IllegalArgumentException notALink) {
            return Optional.empty();
        }
    }

    static Optional<String> slug(URI link) {
        String path = link.getPath();
        if (path == null) {
            return Optional.empty();
        }
        Matcher match = SERIES_PATH.matcher(path);
        return match.matches() ? Optional.of(match.group(1)) : Optional.empty();
    }
}
