package org.catalogarr.core.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The host and port that a {@code Host} header or an {@code Origin}/{@code Referer} URL names.
 *
 * @param host the host in lower case without a final dot; an IPv6 literal keeps its brackets
 * @param port the port, or -1 when none was given (for a URL also when it is its scheme's default, which
 *        browsers leave out of {@code Host} as well)
 */
record Authority(String host, int port) {

    /** A name (underscores too, which some container names have), an IPv4 or a bracketed IPv6 literal. */
    private static final Pattern HOST_AND_PORT =
            Pattern.compile("(\\[[0-9a-fA-F:.]+(?:%25[0-9A-Za-z._~-]+)?]|[0-9A-Za-z._-]+)(?::(\\d{1,5}))?");

    /** A {@code Host} (or {@code X-Forwarded-Host}) value: {@code name}, {@code name:port}, {@code [v6]:port}. */
    static Optional<Authority> ofHostHeader(String value) {
        if (value == null) {
            return Optional.empty();
        }
        Matcher m = HOST_AND_PORT.matcher(value.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        String host = m.group(1).toLowerCase(Locale.ROOT);
        host = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        int port = m.group(2) == null ? -1 : Integer.parseInt(m.group(2));
        return host.isEmpty() || port > 65535 ? Optional.empty() : Optional.of(new Authority(host, port));
    }

    /**
     * The authority of an {@code Origin} or {@code Referer} URL; empty for {@code null} (the origin of a
     * sandboxed or opaque page) and anything else that is no http(s) URL.
     */
    static Optional<Authority> ofUrl(String url) {
        if (url == null) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            String authority = uri.getRawAuthority();
            if (!scheme.equals("http") && !scheme.equals("https") || authority == null || authority.contains("@")) {
                return Optional.empty();
            }
            int defaultPort = scheme.equals("https") ? 443 : 80;
            return ofHostHeader(authority).map(a -> a.port() == defaultPort ? new Authority(a.host(), -1) : a);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
