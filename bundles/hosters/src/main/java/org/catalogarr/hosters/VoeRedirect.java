package org.catalogarr.hosters;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Where a VOE redirect page's script sends the browser next. VOE's entry domains answer with a page that
 * sets {@code window.location.href} to the embed page on a rotating mirror domain, among assignments that
 * are no such hop (fallbacks to static files, challenge paths, the page itself). Only an embed page
 * ({@code …/e/{code}}) is a hop, and one on another host wins over one on the same host.
 */
final class VoeRedirect {

    private static final Pattern LOCATION = Pattern.compile(
            "location(?:\\.href)?\\s*=\\s*['\"]([^'\"\\s]{1,2048})['\"]"
                    + "|location\\.(?:replace|assign)\\(\\s*['\"]([^'\"\\s]{1,2048})['\"]\\s*\\)");
    private static final Pattern EMBED_PATH = Pattern.compile(".*/e/[A-Za-z0-9_-]+/?");

    private VoeRedirect() {
    }

    /** The embed page the page's script redirects to, if any. */
    static Optional<URI> next(Document page, URI current) {
        URI sameHost = null;
        for (Element script : page.select("script")) {
            Matcher match = LOCATION.matcher(script.data());
            while (match.find()) {
                URI candidate = embedPage(match.group(1) != null ? match.group(1) : match.group(2), current);
                if (candidate == null || candidate.equals(current)) {
                    continue;
                }
                // The authority, not just the host name: mirrors may differ only in their port (as on loopback).
                if (!Objects.equals(candidate.getRawAuthority(), current.getRawAuthority())) {
                    return Optional.of(candidate);
                }
                sameHost = sameHost == null ? candidate : sameHost;
            }
        }
        return Optional.ofNullable(sameHost);
    }

    /** The target as an absolute http(s) embed page URL, or null when it is something else. */
    private static URI embedPage(String target, URI current) {
        URI url;
        try {
            // Scripts often write JSON-escaped URLs (https:\/\/…).
            url = current.resolve(new URI(target.replace("\\/", "/")));
        } catch (URISyntaxException | IllegalArgumentException notAUrl) {
            return null;
        }
        boolean http = "http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme());
        return http && url.getHost() != null && url.getRawFragment() == null && url.getPath() != null
                && EMBED_PATH.matcher(url.getPath()).matches() ? url : null;
    }
}
