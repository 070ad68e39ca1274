package org.catalogarr.core.web;

import java.util.Optional;
import java.util.Set;

import org.catalogarr.core.cache.FewKeys;

/**
 * Which requests a browser may have been tricked into sending, judged on their headers alone.
 *
 * <ul>
 * <li>Every request: {@code Host} must be a name of this server ({@link ServerNames}); so must every
 * {@code X-Forwarded-Host} a reverse proxy added.</li>
 * <li>The qBittorrent API ({@code /api/v2/}), as qBittorrent's WebUI does: a request whose {@code Origin},
 * or without one its {@code Referer}, names another host or port than {@code Host} is refused; one with
 * neither passes, as API clients (Sonarr, scripts) send neither.</li>
 * <li>Everything else (the admin console's pages and the admin REST API under {@code /api/catalogarr/}): a request that may change something (any method but
 * GET, HEAD and OPTIONS) must name its page in {@code Origin} or {@code Referer} and that page must be
 * ours. Browsers send {@code Origin} with every POST of a form or script, so the console's own pages
 * pass; a foreign page's POST, which carries the admin's cached Basic credentials, does not.</li>
 * </ul>
 *
 * <p>A page may also match {@code X-Forwarded-Host}, the name a reverse proxy was reached under. That is
 * safe: no browser sends that header with a cross-site request unless the server allowed it in a CORS
 * preflight, which this server never does, and its value must itself be a name of this server.
 */
final class RequestPolicy {

    static final String API_PATH = "/api/v2/";
    /** The admin REST API: judged as the console's pages are, its refusals answered as JSON. */
    static final String ADMIN_API_PATH = "/api/catalogarr/";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    /** Clients reach the server under a handful of names; the header is theirs to choose, so a few dozen at most. */
    static final int KEPT_HOSTS = 64;

    private final ServerNames names;
    /**
     * Host header values found to be ours, with what they name: parsing and judging a name took a twentieth of
     * the CPU of a cached search. A new policy comes with every change of the names, so none outlives it.
     */
    private final FewKeys<String, Authority> ourHosts = new FewKeys<>(KEPT_HOSTS);

    RequestPolicy(ServerNames names) {
        this.names = names;
    }

    /** The headers of a request that the policy looks at; any may be null. */
    record Headers(String host, String forwardedHost, String origin, String referer) {
    }

    Optional<Refusal> judge(String method, String path, Headers headers) {
        Optional<Authority> host = Optional.empty();
        if (headers.host() != null) {
            host = ours(headers.host());
            if (host.isEmpty()) {
                return Optional.of(Refusal.UNKNOWN_HOST);
            }
        }
        Optional<Authority> forwarded = Optional.empty();
        if (headers.forwardedHost() != null) {
            // Proxies that append give "client-facing name, next proxy's name"; every one must be ours.
            for (String value : headers.forwardedHost().split(",")) {
                Optional<Authority> name = ours(value);
                if (name.isEmpty()) {
                    return Optional.of(Refusal.UNKNOWN_HOST);
                }
                forwarded = forwarded.or(() -> name);
            }
        }
        boolean api = path.startsWith(API_PATH);
        if (!api && SAFE_METHODS.contains(method)) {
            return Optional.empty();
        }
        String page = headers.origin() != null ? headers.origin() : headers.referer();
        if (page == null) {
            return api ? Optional.empty() : Optional.of(Refusal.NO_ORIGIN);
        }
        Optional<Authority> pageAuthority = Authority.ofUrl(page);
        boolean ours = pageAuthority.isPresent()
                && (pageAuthority.equals(host) || pageAuthority.equals(forwarded));
        return ours ? Optional.empty() : Optional.of(Refusal.CROSS_SITE);
    }

    /** What a Host or X-Forwarded-Host value names, if it is a name of this server. */
    private Optional<Authority> ours(String value) {
        Optional<Authority> known = ourHosts.get(value);
        if (known.isPresent()) {
            return known;
        }
        Optional<Authority> named = Authority.ofHostHeader(value).filter(a -> names.accepts(a.host()));
        named.ifPresent(authority -> ourHosts.put(value, authority));
        return named;
    }

    int keptHosts() {
        return ourHosts.size();
    }
}
