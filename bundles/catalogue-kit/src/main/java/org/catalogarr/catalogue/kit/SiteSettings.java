package org.catalogarr.catalogue.kit;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

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

    private static final Logger LOG = LoggerFactory.getLogger(SiteSettings.class);

    private final String siteId;
    private volatile SiteConfiguration current;

    public SiteSettings(String siteId) {
        this.siteId = siteId;
        this.current = new SiteConfiguration(siteId, Optional.empty(), Optional.empty());
    }

    /**
     * Settings as they arrive from Config Admin, before validation. Lists are comma-separated text,
     * which reads the same in a hand-edited {@code .cfg} file and in the console's form.
     */
    public record Requested(
            String displayName,
            String baseUrl,
            int searchPriority,
            String defaultLanguages,
            boolean enabled,
            int searchTimeoutSeconds,
            String plainHttpHosts) {
    }

    public SiteConfiguration current() {
        return current;
    }

    /** Validates and applies; returns the configuration now in force. */
    public synchronized SiteConfiguration apply(Requested requested) {
        List<String> problems = new ArrayList<>();
        CatalogueSite site = toSite(requested, problems);
        if (problems.isEmpty()) {
            current = new SiteConfiguration(siteId, Optional.of(site), Optional.empty());
            LOG.info("Catalogue site '{}' configured: enabled={}, priority={}, base_url={}, timeout={}s, languages={}",
                    siteId, site.enabled(), site.searchPriority(), site.baseUrl(), site.searchTimeoutSeconds(),
                    requested.defaultLanguages());
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

    private CatalogueSite toSite(Requested r, List<String> problems) {
        if (r.displayName() == null || r.displayName().isBlank()) {
            problems.add("display_name must not be empty");
        }
        Set<String> plainHttpHosts = new LinkedHashSet<>();
        for (String host : items(r.plainHttpHosts())) {
            plainHttpHosts.add(host.toLowerCase(Locale.ROOT));
        }
        URI baseUrl = baseUrl(r.baseUrl(), plainHttpHosts, problems);
        if (r.searchPriority() < 1) {
            problems.add("search_priority must be 1 or more, was " + r.searchPriority());
        }
        if (r.searchTimeoutSeconds() < 1 || r.searchTimeoutSeconds() > MAX_TIMEOUT_SECONDS) {
            problems.add("search_timeout_seconds must be between 1 and " + MAX_TIMEOUT_SECONDS + ", was "
                    + r.searchTimeoutSeconds());
        }
        List<Language> languages = languages(items(r.defaultLanguages()), problems);
        if (!problems.isEmpty()) {
            return null;
        }
        return new CatalogueSite(siteId, r.displayName().strip(), baseUrl, r.searchPriority(), languages,
                r.enabled(), r.searchTimeoutSeconds(), plainHttpHosts);
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
