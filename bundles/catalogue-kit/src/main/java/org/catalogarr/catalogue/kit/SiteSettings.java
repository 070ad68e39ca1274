package org.catalogarr.catalogue.kit;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.catalogarr.catalogue.api.CatalogueException;
import org.catalogarr.catalogue.api.CatalogueSite;
import org.catalogarr.catalogue.api.Language;
import org.catalogarr.catalogue.api.SiteConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds a site's settings across configuration changes. A change with bad values is refused as a
 * whole, logged with every reason, and the previous settings stay in force, so a typo in a config
 * file never takes a working site down.
 */
public final class SiteSettings {

    /** The longest budget a single site request may have; longer ones would stall Sonarr's search. */
    private static final int MAX_TIMEOUT_SECONDS = 300;
    private static final int MAX_HOURS = 24 * 365;

    private static final Logger LOG = LoggerFactory.getLogger(SiteSettings.class);

    private final String siteId;
    private volatile SiteConfiguration current;
    private volatile InForce inForce;

    /** The valid settings a call works with, swapped as one so that a call never mixes two versions. */
    public record InForce(CatalogueSite site, SiteAccess access) {
    }

    public SiteSettings(String siteId) {
        this.siteId = siteId;
        this.current = new SiteConfiguration(siteId, Optional.empty(), Optional.empty());
    }

    /** Configuration property names: the data model's field names. */
    public static final String ENABLED = "enabled";
    public static final String DISPLAY_NAME = "display_name";
    public static final String BASE_URL = "base_url";
    public static final String SEARCH_PRIORITY = "search_priority";
    public static final String DEFAULT_LANGUAGES = "default_languages";
    public static final String SEARCH_TIMEOUT_SECONDS = "search_timeout_seconds";
    public static final String PLAIN_HTTP_HOSTS = "plain_http_hosts";
    public static final String INDEX_URL = "index_url";
    public static final String INDEX_REFRESH_HOURS = "index_refresh_hours";
    public static final String AVAILABILITY_TTL_HOURS = "availability_ttl_hours";
    public static final String USER_AGENT = "user_agent";
    public static final String CHALLENGE_BACKOFF_SECONDS = "challenge_backoff_seconds";
    public static final String ANIME = "anime";

    public SiteConfiguration current() {
        return current;
    }

    /**
     * The settings to work with now.
     *
     * @throws CatalogueException SITE_ERROR while no valid settings were ever applied
     */
    public InForce inForce() throws CatalogueException {
        InForce now = inForce;
        if (now == null) {
            throw new CatalogueException(CatalogueException.Reason.SITE_ERROR, "Catalogue site '" + siteId
                    + "' is not configured" + current.rejection().map(reason -> ": " + reason).orElse(" yet"));
        }
        return now;
    }

    /**
     * Validates and applies the component's properties (configuration over the defaults); returns the
     * configuration now in force. Values are read strictly, so {@code enabled = yes} or
     * {@code search_priority = two} is refused with its reason instead of being read as false or 0.
     * Lists are comma-separated text, which reads the same in a hand-edited file and in the console.
     */
    public synchronized SiteConfiguration apply(Map<String, ?> properties) {
        List<String> problems = new ArrayList<>();
        CatalogueSite site = toSite(properties, problems);
        SiteAccess newAccess = site == null ? null : toAccess(site, properties, problems);
        if (problems.isEmpty()) {
            inForce = new InForce(site, newAccess);
            current = new SiteConfiguration(siteId, Optional.of(site), Optional.empty());
            LOG.info("Catalogue site '{}' configured: enabled={}, priority={}, base_url={}, timeout={}s, languages={}",
                    siteId, site.enabled(), site.searchPriority(), site.baseUrl(), site.searchTimeoutSeconds(),
                    site.defaultLanguages().stream().map(Language::code).toList());
        } else {
            String reason = String.join("; ", problems);
            Optional<CatalogueSite> kept = current.inForce();
            current = new SiteConfiguration(siteId, kept, Optional.of(reason));
            LOG.error("Refused the configuration of catalogue site '{}': {}. {}", siteId, reason,
                    kept.isPresent() ? "The previous configuration stays in force."
                            : "The site stays unavailable until it is configured correctly.");
        }
        return current;
    }

    /**
     * Why {@link #apply} would refuse these properties, without applying them: each reason begins with the
     * name of the setting it is about. Empty when they would be accepted. Lets an admin form refuse a
     * change before it is written.
     */
    public static List<String> problems(String siteId, Map<String, ?> properties) {
        List<String> problems = new ArrayList<>();
        CatalogueSite site = toSite(siteId, properties, problems);
        if (site != null) {
            toAccess(site, properties, problems);
        }
        return List.copyOf(problems);
    }

    private CatalogueSite toSite(Map<String, ?> properties, List<String> problems) {
        return toSite(siteId, properties, problems);
    }

    private static CatalogueSite toSite(String siteId, Map<String, ?> properties, List<String> problems) {
        String displayName = text(properties, DISPLAY_NAME);
        if (displayName.isBlank()) {
            problems.add(DISPLAY_NAME + " must not be empty");
        }
        Set<String> plainHttpHosts = new LinkedHashSet<>();
        for (String host : items(text(properties, PLAIN_HTTP_HOSTS))) {
            plainHttpHosts.add(host.toLowerCase(Locale.ROOT));
        }
        URI baseUrl = baseUrl(text(properties, BASE_URL), plainHttpHosts, problems);
        boolean enabled = flag(properties, ENABLED, problems);
        int priority = whole(properties, SEARCH_PRIORITY, 1, Integer.MAX_VALUE, problems);
        int timeout = whole(properties, SEARCH_TIMEOUT_SECONDS, 1, MAX_TIMEOUT_SECONDS, problems);
        int indexRefreshHours = whole(properties, INDEX_REFRESH_HOURS, 1, MAX_HOURS, problems);
        int availabilityTtlHours = whole(properties, AVAILABILITY_TTL_HOURS, 1, MAX_HOURS, problems);
        boolean anime = flag(properties, ANIME, problems);
        List<Language> languages = languages(items(text(properties, DEFAULT_LANGUAGES)), problems);
        if (!problems.isEmpty()) {
            return null;
        }
        return new CatalogueSite(siteId, displayName.strip(), baseUrl, priority, languages, enabled, timeout,
                plainHttpHosts, indexRefreshHours, availabilityTtlHours, anime);
    }

    private static SiteAccess toAccess(CatalogueSite site, Map<String, ?> properties, List<String> problems) {
        String index = text(properties, INDEX_URL).strip();
        URI indexUrl = null;
        try {
            indexUrl = URI.create(site.baseUrl() + "/").resolve(index);
        } catch (IllegalArgumentException e) {
            problems.add(INDEX_URL + " is not a URL or path: '" + index + "'");
        }
        if (index.isEmpty()) {
            problems.add(INDEX_URL + " must not be empty");
        } else if (indexUrl != null && !allowedScheme(indexUrl, site.plainHttpHosts())) {
            problems.add(INDEX_URL + " must be https (or plain http for a host in plain_http_hosts), was '" + index + "'");
        }
        String userAgent = text(properties, USER_AGENT).strip();
        if (userAgent.isEmpty() || userAgent.chars().anyMatch(c -> c < 0x20 || c > 0x7e)) {
            problems.add(USER_AGENT + " must be printable ASCII text, was '" + userAgent + "'");
        }
        int backoff = whole(properties, CHALLENGE_BACKOFF_SECONDS, 0, 24 * 3600, problems);
        return new SiteAccess(indexUrl, userAgent, Duration.ofSeconds(backoff));
    }

    private static boolean allowedScheme(URI uri, Set<String> plainHttpHosts) {
        String host = uri.getHost() == null ? "" : stripBrackets(uri.getHost().toLowerCase(Locale.ROOT));
        return "https".equalsIgnoreCase(uri.getScheme())
                || ("http".equalsIgnoreCase(uri.getScheme()) && plainHttpHosts.contains(host));
    }

    private static String text(Map<String, ?> properties, String key) {
        Object value = properties.get(key);
        return value == null ? "" : value.toString();
    }

    private static boolean flag(Map<String, ?> properties, String key, List<String> problems) {
        Object value = properties.get(key);
        if (value instanceof Boolean b) {
            return b;
        }
        String text = text(properties, key).strip();
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        problems.add(key + " must be true or false, was '" + text + "'");
        return false;
    }

    private static int whole(Map<String, ?> properties, String key, int min, int max, List<String> problems) {
        Object value = properties.get(key);
        String text = text(properties, key).strip();
        long number;
        try {
            number = value instanceof Integer || value instanceof Long || value instanceof Short
                    ? ((Number) value).longValue() : Long.parseLong(text);
        } catch (NumberFormatException e) {
            problems.add(key + " must be a whole number, was '" + text + "'");
            return 0;
        }
        if (number < min || number > max) {
            problems.add(key + (max == Integer.MAX_VALUE ? " must be " + min + " or more" : " must be between " + min
                    + " and " + max) + ", was " + number);
        }
        return (int) number;
    }

    private static URI baseUrl(String text, Set<String> plainHttpHosts, List<String> problems) {
        URI uri;
        try {
            uri = new URI(text == null ? "" : text.strip());
        } catch (URISyntaxException e) {
            problems.add("base_url is not a URL: '" + text + "'");
            return null;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (host.isEmpty() || !(scheme.equals("https") || scheme.equals("http"))) {
            problems.add("base_url must be an absolute http(s) URL with a host, was '" + text + "'");
        } else if (scheme.equals("http") && !plainHttpHosts.contains(stripBrackets(host))) {
            problems.add("base_url must use https; plain http is allowed only for hosts listed in plain_http_hosts, was '"
                    + text + "'");
        } else if (uri.getQuery() != null || uri.getFragment() != null) {
            problems.add("base_url must not carry a query or fragment, was '" + text + "'");
        } else {
            String path = uri.getPath() == null ? "" : uri.getPath();
            return URI.create(scheme + "://" + uri.getRawAuthority() + path.replaceAll("/+$", ""));
        }
        return null;
    }

    private static List<String> items(String commaSeparated) {
        List<String> items = new ArrayList<>();
        for (String item : (commaSeparated == null ? "" : commaSeparated).split(",")) {
            if (!item.isBlank()) {
                items.add(item.strip());
            }
        }
        return items;
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static List<Language> languages(List<String> codes, List<String> problems) {
        List<Language> languages = new ArrayList<>();
        for (String code : codes) {
            Optional<Language> language = Language.fromCode(code);
            if (language.isEmpty()) {
                problems.add("default_languages has an unknown language '" + code + "' (known: "
                        + String.join(", ", knownCodes()) + ")");
            } else if (languages.contains(language.get())) {
                problems.add("default_languages names '" + code + "' twice");
            } else {
                languages.add(language.get());
            }
        }
        if (codes.isEmpty()) {
            problems.add("default_languages must name at least one language");
        }
        return languages;
    }

    private static List<String> knownCodes() {
        List<String> codes = new ArrayList<>();
        for (Language language : Language.values()) {
            codes.add(language.code());
        }
        return codes;
    }
}
