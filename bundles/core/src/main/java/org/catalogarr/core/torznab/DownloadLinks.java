package org.catalogarr.core.torznab;

import java.net.URI;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.catalogarr.catalogue.api.Language;
import org.catalogarr.core.catalogue.ResultEntry;
import org.catalogarr.core.torrent.MagnetInfo;
import org.catalogarr.core.torrent.UrlParameters;

/**
 * The enclosure URL of a result. Prowlarr fetches it itself and passes a redirect to a magnet on to
 * Sonarr, so the download servlet answers it with {@code 302 Location: <magnet>}, or with the .torrent
 * file when so configured; the link carries everything both are built from.
 */
public final class DownloadLinks {

    public static final String PATH = "/torznab/download";

    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,9}");
    private static final String LANGUAGES = Arrays.stream(Language.values()).map(Language::code)
            .collect(Collectors.joining(", "));

    private DownloadLinks() {
    }

    /**
     * @param base the address clients reach Catalogarr at, such as {@code http://host:8282}; absolute,
     *     because clients ignore relative enclosure URLs
     */
    public static URI link(URI base, ResultEntry entry, String releaseTitle) {
        if (!base.isAbsolute() || base.getRawQuery() != null || base.getRawFragment() != null) {
            throw new IllegalArgumentException("The base of download links must be an absolute URI without query"
                    + " or fragment, not '" + base + "'");
        }
        String root = base.toString().replaceAll("/+$", "");
        return URI.create(root + PATH + "?" + new UrlParameters()
                .add("site", entry.siteId())
                .add("slug", entry.slug())
                .add("season", Integer.toString(entry.season()))
                .add("episode", Integer.toString(entry.episode()))
                .add("lang", entry.language().code())
                .add("title", releaseTitle));
    }

    /**
     * Reads a download link's parameters as the servlet receives them.
     *
     * @throws IllegalArgumentException naming the first parameter that is missing or malformed
     */
    public static MagnetInfo parse(Map<String, String[]> parameters) {
        String site = required(parameters, "site");
        String slug = required(parameters, "slug");
        int season = number(parameters, "season");
        int episode = number(parameters, "episode");
        String code = required(parameters, "lang");
        Language language = Language.fromCode(code).orElseThrow(() -> new IllegalArgumentException(
                "Parameter 'lang' must be one of " + LANGUAGES + ", not '" + code + "'"));
        return MagnetInfo.of(site, slug, season, episode, language, required(parameters, "title"));
    }

    private static String required(Map<String, String[]> parameters, String name) {
        String[] values = parameters.get(name);
        if (values == null || values.length == 0 || values[0] == null || values[0].isBlank()) {
            throw new IllegalArgumentException("Parameter '" + name + "' is missing");
        }
        if (values.length > 1) {
            throw new IllegalArgumentException("Parameter '" + name + "' is given " + values.length + " times");
        }
        return values[0];
    }

    private static int number(Map<String, String[]> parameters, String name) {
        String value = required(parameters, name);
        if (!NUMBER.matcher(value).matches()) {
            throw new IllegalArgumentException("Parameter '" + name + "' must be a whole number, not '" + value + "'");
        }
        return Integer.parseInt(value);
    }
}
