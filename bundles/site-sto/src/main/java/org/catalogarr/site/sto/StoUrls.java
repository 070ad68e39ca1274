package org.catalogarr.site.sto;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The s.to v2 path scheme on a configured base URL. Slugs and numbers are checked here, where they
 * become part of a URL, so a bad argument never turns into a request to some other page.
 */
final class StoUrls {

    private static final Pattern SLUG = Pattern.compile("[a-z0-9-]+");

    private final String base;

    StoUrls(URI baseUrl) {
        this.base = baseUrl.toString();
    }

    URI home() {
        return URI.create(base + "/");
    }

    URI series(String slug) {
        return URI.create(base + "/serie/" + checkedSlug(slug));
    }

    URI season(String slug, int season) {
        return URI.create(base + "/serie/" + checkedSlug(slug) + "/staffel-" + checkedSeason(season));
    }

    URI episode(String slug, int season, int episode) {
        if (episode < 1) {
            throw new IllegalArgumentException("s.to episode numbers start at 1, got " + episode);
        }
        return URI.create(base + "/serie/" + checkedSlug(slug) + "/staffel-" + checkedSeason(season) + "/episode-"
                + episode);
    }

    URI suggest(String term) {
        return URI.create(base + "/api/search/suggest?term=" + URLEncoder.encode(term, StandardCharsets.UTF_8));
    }

    URI search(String term) {
        return URI.create(base + "/suche?term=" + URLEncoder.encode(term, StandardCharsets.UTF_8) + "&tab=shows");
    }

    private static String checkedSlug(String slug) {
        if (slug == null || !SLUG.matcher(slug).matches()) {
            throw new IllegalArgumentException("An s.to series slug is lowercase letters, digits and dashes, got '"
                    + slug + "'");
        }
        return slug;
    }

    private static int checkedSeason(int season) {
        if (season < 0) {
            throw new IllegalArgumentException("s.to season numbers start at 0 (movies and specials), got " + season);
        }
        return season;
    }
}
