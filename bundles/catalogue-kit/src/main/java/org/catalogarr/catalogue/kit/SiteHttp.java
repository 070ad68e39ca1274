package org.catalogarr.catalogue.kit;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.catalogarr.catalogue.api.CatalogueException;
import org.catalogarr.catalogue.api.CatalogueException.Reason;
import org.catalogarr.catalogue.api.CatalogueSite;
import org.catalogarr.hoster.api.BoundedText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The polite way to talk to a catalogue site: browser-like headers, one time budget per request
 * ({@code search_timeout_seconds}, retries and the whole body included), pages bounded in size, bounded retries of 5xx and 429 answers that
 * honour {@code Retry-After}, and a pause after the site showed a challenge page, so we do not keep
 * knocking while it blocks us. Redirects are followed here, each hop checked by {@link SiteRedirects}, so
 * that a site page cannot lead the service to its own API or the LAN. Every failure is a
 * {@link CatalogueException} with its reason.
 */
public final class SiteHttp {

    private static final Logger LOG = LoggerFactory.getLogger(SiteHttp.class);
    private static final int MAX_ATTEMPTS = 3;
    private static final Duration FIRST_RETRY_DELAY = Duration.ofMillis(250);
    /**
     * Beyond any real page: the largest are the sites' full indexes, every series with its titles, a few MB.
     * A bigger answer is not read, so a hostile or broken page cannot fill the memory.
     */
    static final int MAX_PAGE_BYTES = 16 * 1024 * 1024;

    private final String siteId;
    /**
     * One client for every site: each client keeps a selector thread of its own for good, and its default
     * executor starts a thread per busy moment. Redirects are followed here, not by the client, so that
     * every hop is checked and shares the budget. Built at the first request (the title-index refresh right
     * after the site registered), not when the site's component is made: a client sets up TLS, whose trust
     * store took a tenth of a second on the path to ready (issue 12).
     */
    private static final class Client {
        static final HttpClient INSTANCE = HttpClient.newBuilder().executor(SiteThreads.http())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
    }
    private volatile long blockedUntilNanos = System.nanoTime();
    private volatile String blockedBecause = "";
    private volatile DomainMove move;

    public SiteHttp(String siteId) {
        this.siteId = siteId;
    }

    /**
     * GET a page, following at most {@value SiteRedirects#MAX_HOPS} redirects within the site or to public hosts.
     */
    public Page get(CatalogueSite site, SiteAccess access, URI uri) throws CatalogueException {
        return send(site, access, new Call(uri, null), true);
    }

    /** GET without following a redirect: the answer's {@link Page#location()} is the target. */
    public Page getRedirect(CatalogueSite site, SiteAccess access, URI uri) throws CatalogueException {
        return send(site, access, new Call(uri, null), false);
    }

    /** POST a form the way the site's own scripts do (AJAX search endpoints), following redirects as {@link #get}. */
    public Page postForm(CatalogueSite site, SiteAccess access, URI uri, Map<String, String> form)
            throws CatalogueException {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(site, access, new Call(uri, body), true);
    }

    /** One request of a chain: a GET, or a POST of a form when {@code form} is not null. */
    private record Call(URI uri, String form) {

        /**
         * The request a redirect asks for, as browsers (and the JDK client) make it: 303, and 301/302 after a
         * POST, become a GET; 307 and 308 repeat the request.
         */
        Call redirectedTo(URI target, int status) {
            return new Call(target, status == 307 || status == 308 ? form : null);
        }

        HttpRequest.Builder request(CatalogueSite site, SiteAccess access) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                    .header("User-Agent", access.userAgent())
                    .header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,application/json;q=0.8,*/*;q=0.7")
                    .header("Accept-Language", "de-DE,de;q=0.9,en-US;q=0.8,en;q=0.7")
                    .header("Referer", site.baseUrl() + "/")
                    .header("Sec-Fetch-Dest", "document")
                    .header("Sec-Fetch-Mode", "navigate")
                    .header("Sec-Fetch-Site", "same-origin")
                    .header("Upgrade-Insecure-Requests", "1");
            if (form == null) {
                return request.GET();
            }
            return request.header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                    .header("X-Requested-With", "XMLHttpRequest")
                    .POST(HttpRequest.BodyPublishers.ofString(form));
        }
    }

    private Page send(CatalogueSite site, SiteAccess access, Call first, boolean follow) throws CatalogueException {
        long pausedFor = blockedUntilNanos - System.nanoTime();
        if (pausedFor > 0) {
            throw new CatalogueException(Reason.BLOCKED, siteId + " showed a challenge (" + blockedBecause
                    + "); leaving it alone for another " + seconds(pausedFor) + " s, not requesting " + first.uri());
        }
        Duration budget = Duration.ofSeconds(site.searchTimeoutSeconds());
        long deadline = System.nanoTime() + budget.toNanos();
        Call call = first;
        for (int hops = 0;; hops++) {
            Page page = exchange(site, access, call, budget, deadline);
            if (hops == 0) {
                noteAnswer(call, page);
            }
            Optional<URI> target = follow && redirecting(page.status()) ? location(page) : Optional.empty();
            if (target.isEmpty()) {
                return answered(page);
            }
            if (hops == SiteRedirects.MAX_HOPS) {
                throw new CatalogueException(Reason.SITE_ERROR, siteId + " redirected " + first.uri() + " more than "
                        + SiteRedirects.MAX_HOPS + " times (last to " + target.get() + ")");
            }
            SiteRedirects.check(siteId, site, call.uri(), target.get());
            noteMove(site, call.uri(), target.get(), page.status());
            call = call.redirectedTo(target.get(), page.status());
        }
    }

    /**
     * Where the site moved, if its configured address now sends every page permanently to the same page on
     * another host (as s.to did to serienstream.to): the address to put into {@code base_url}. Requests
     * follow such redirects meanwhile; the move is forgotten once {@code base_url} changes.
     */
    public Optional<URI> movedTo(CatalogueSite site) {
        DomainMove known = move;
        return known != null && known.from().equals(origin(site.baseUrl())) ? Optional.of(known.to()) : Optional.empty();
    }

    /** A permanent redirect from the configured site to the same path and query elsewhere is a move of the site. */
    private void noteMove(CatalogueSite site, URI from, URI to, int status) {
        URI base = origin(site.baseUrl());
        if ((status != 301 && status != 308) || !origin(from).equals(base) || origin(to).equals(base)
                || !Objects.equals(from.getRawPath(), to.getRawPath())
                || !Objects.equals(from.getRawQuery(), to.getRawQuery())) {
            return;
        }
        DomainMove now = new DomainMove(base, origin(to));
        if (!now.equals(move)) {
            move = now;
            LOG.warn("Catalogue site '{}' has moved: {} answers with a permanent redirect to {}; requests follow it,"
                    + " but put base_url = {} into the site's settings", siteId, from, to, now.to());
        }
    }

    /** The configured address now answering without redirect means the site is back (or never left). */
    private void noteAnswer(Call first, Page page) {
        DomainMove known = move;
        if (known != null && !redirecting(page.status()) && origin(first.uri()).equals(known.from())
                && page.uri().equals(first.uri())) {
            move = null;
            LOG.info("Catalogue site '{}' answers at {} again", siteId, known.from());
        }
    }

    /** {@code scheme://host[:port]} of a URL, lower case, without the default port. */
    static URI origin(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || ("https".equals(scheme) && port == 443) || ("http".equals(scheme) && port == 80);
        return URI.create(scheme + "://" + host + (defaultPort ? "" : ":" + port));
    }

    /** A site's configured origin and the origin it now redirects to. */
    private record DomainMove(URI from, URI to) {
    }

    /** The codes the JDK client followed: 300 (a choice), 304 (not modified) and 305 (use a proxy) are answers. */
    private static boolean redirecting(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private Optional<URI> location(Page page) throws CatalogueException {
        try {
            return page.location();
        } catch (IllegalArgumentException e) {
            throw new CatalogueException(Reason.SITE_ERROR, siteId + " redirected " + page.uri()
                    + " to a Location that is not a URL: " + e.getMessage(), e);
        }
    }

    /** The final answer of a chain, or the failure its status means. */
    private Page answered(Page page) throws CatalogueException {
        int status = page.status();
        if (status == 404 || status == 410) {
            throw new CatalogueException(Reason.NOT_FOUND, siteId + " has nothing at " + page.uri() + " (HTTP " + status
                    + ")");
        }
        if (status >= 400) {
            throw new CatalogueException(Reason.SITE_ERROR, siteId + " answered " + page.uri() + " with HTTP " + status);
        }
        return page;
    }

    /** One request, retried on 5xx and 429 while the chain's budget allows; a redirect is an answer here. */
    private Page exchange(CatalogueSite site, SiteAccess access, Call call, Duration budget, long deadline)
            throws CatalogueException {
        URI uri = call.uri();
        HttpRequest.Builder request = call.request(site, access);
        for (int attempt = 1;; attempt++) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw timeout(uri, budget, null);
            }
            HttpResponse<String> response;
            BoundedText body = new BoundedText(MAX_PAGE_BYTES);
            CompletableFuture<HttpResponse<String>> answer =
                    Client.INSTANCE.sendAsync(request.timeout(Duration.ofNanos(remaining)).build(), info -> body);
            try {
                // The whole answer within the budget, not only its headers: a page may be dripped byte by byte.
                response = answer.get(remaining, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                body.cancel();
                answer.cancel(true);
                throw timeout(uri, budget, e);
            } catch (ExecutionException failed) {
                Throwable e = failed.getCause() == null ? failed : failed.getCause();
                if (e instanceof BoundedText.TooLarge) {
                    throw new CatalogueException(Reason.SITE_ERROR, siteId + " answered " + uri + " with a page larger"
                            + " than " + MAX_PAGE_BYTES + " bytes; it was not read", e);
                }
                if (e instanceof HttpTimeoutException) {
                    throw timeout(uri, budget, e);
                }
                Duration delay = FIRST_RETRY_DELAY.multipliedBy(1L << (attempt - 1));
                if (attempt < MAX_ATTEMPTS && fits(delay, deadline)) {
                    pause(delay);
                    continue;
                }
                throw new CatalogueException(Reason.SITE_ERROR, siteId + " could not be reached at " + uri + ": "
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
            } catch (InterruptedException e) {
                // The search that asked stopped (out of its budget): cancelling the exchange closes its connection.
                body.cancel();
                answer.cancel(true);
                Thread.currentThread().interrupt();
                throw new CatalogueException(Reason.TIMEOUT, "Request to " + uri + " was interrupted", e);
            }
            Page page = page(response);
            String challenge = challenge(page);
            if (challenge != null) {
                blockedBecause = challenge;
                blockedUntilNanos = System.nanoTime() + access.challengeBackoff().toNanos();
                LOG.warn("Catalogue site '{}' answered {} with a challenge page ({}); pausing it for {} s", siteId, uri,
                        challenge, access.challengeBackoff().toSeconds());
                throw new CatalogueException(Reason.BLOCKED, siteId + " answered " + uri + " with a challenge page ("
                        + challenge + ")");
            }
            int status = page.status();
            if (status == 429 || status >= 500) {
                Duration delay = retryAfter(page).orElse(FIRST_RETRY_DELAY.multipliedBy(1L << (attempt - 1)));
                if (attempt < MAX_ATTEMPTS && fits(delay, deadline)) {
                    LOG.debug("Catalogue site '{}' answered {} with {}; retrying in {} ms", siteId, uri, status,
                            delay.toMillis());
                    pause(delay);
                    continue;
                }
                throw new CatalogueException(Reason.SITE_ERROR, siteId + " answered " + uri + " with HTTP " + status
                        + " after " + attempt + " attempt(s)" + (status == 429 ? " (rate limited)" : ""));
            }
            return page;
        }
    }

    private static Page page(HttpResponse<String> response) {
        Map<String, List<String>> headers = new TreeMap<>();
        response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
        return new Page(response.uri(), response.statusCode(), headers, response.body() == null ? "" : response.body());
    }

    /** What gives a challenge page away, or null. DDoS-Guard, Cloudflare Turnstile, reCAPTCHA and Altcha are seen. */
    static String challenge(Page page) {
        String body = page.body().toLowerCase(Locale.ROOT);
        boolean ddosGuardCookie = page.headers().getOrDefault("set-cookie", List.of()).stream()
                .anyMatch(cookie -> cookie.startsWith("__ddg"));
        if (body.contains("ddos-guard") || (page.status() == 403 && ddosGuardCookie)) {
            return "DDoS-Guard";
        }
        if (body.contains("cf-turnstile") && (body.contains("captcha") || page.status() >= 400)) {
            return "Cloudflare Turnstile";
        }
        if (body.contains("grecaptcha.execute") || body.contains("g-recaptcha")) {
            return "reCAPTCHA";
        }
        if (body.contains("altcha")) {
            return "Altcha";
        }
        if (body.contains("stream wird vorbereitet") && body.contains("captcha")) {
            return "captcha";
        }
        return null;
    }

    private static Optional<Duration> retryAfter(Page page) {
        List<String> values = page.headers().getOrDefault("retry-after", List.of());
        if (values.isEmpty()) {
            return Optional.empty();
        }
        String value = values.get(0).strip();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value))));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                return Optional.of(Duration.between(ZonedDateTime.now(at.getZone()), at).abs());
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }

    private static boolean fits(Duration delay, long deadline) {
        return System.nanoTime() + delay.toNanos() < deadline;
    }

    private static void pause(Duration delay) throws CatalogueException {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CatalogueException(Reason.TIMEOUT, "Interrupted while waiting to retry", e);
        }
    }

    private CatalogueException timeout(URI uri, Duration budget, Throwable cause) {
        return new CatalogueException(Reason.TIMEOUT, siteId + " did not answer " + uri + " within its budget of "
                + budget.toSeconds() + " s", cause);
    }

    private static long seconds(long nanos) {
        return Math.max(1, Duration.ofNanos(nanos).toSeconds());
    }
}
