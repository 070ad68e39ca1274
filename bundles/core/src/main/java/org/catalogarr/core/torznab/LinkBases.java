package org.catalogarr.core.torznab;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.catalogarr.core.cache.FewKeys;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Where the client reached us, so the download links in the feed lead back here: the host the container read
 * from the Host header, lower case and with the scheme's default port left out, so that spellings of one address
 * write (and cache) one document. A name that is no host name is replaced by the address the request came in on.
 * The bases already made are kept, a few dozen at most (the Host header is the client's to choose): checking
 * the name and parsing the URI anew was a twentieth of the CPU of a cached search.
 */
final class LinkBases {

    private static final Pattern HOST = Pattern.compile("[a-z0-9.-]{1,253}|\\[[0-9a-f:.%]{2,60}\\]");
    /** Sonarr, Prowlarr and a browser reach the service under a handful of names. */
    static final int KEPT = 64;

    private final FewKeys<String, URI> made = new FewKeys<>(KEPT);

    URI of(HttpServletRequest request) {
        String scheme = "https".equalsIgnoreCase(request.getScheme()) ? "https" : "http";
        String serverName = request.getServerName();
        int port = request.getServerPort();
        String contextPath = request.getContextPath();
        String key = scheme + ' ' + port + ' ' + contextPath + ' ' + serverName;
        Optional<URI> known = made.get(key);
        if (known.isPresent()) {
            return known.get();
        }
        String host = bracketed(serverName.toLowerCase(Locale.ROOT));
        boolean hostName = HOST.matcher(host).matches();
        if (!hostName) {
            host = bracketed(request.getLocalAddr());
        }
        boolean defaultPort = port <= 0 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        URI base = URI.create(scheme + "://" + host + (defaultPort ? "" : ":" + port) + contextPath);
        if (hostName) { // the local address replacing a name is the connection's, not the key's
            made.put(key, base);
        }
        return base;
    }

    int size() {
        return made.size();
    }

    private static String bracketed(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
