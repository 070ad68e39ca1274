package org.catalogarr.hosters;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.catalogarr.hoster.api.BoundedText;
import org.catalogarr.hoster.api.DestinationPolicy;
import org.catalogarr.hoster.api.HosterException;
import org.catalogarr.hoster.api.RefusedDestinationException;

/**
 * Loads a hoster's HTML pages as a browser would, one request at a time: redirects are left to the caller,
 * who counts them, every URL (each redirect's too) is checked against the destination policy before it is
 * requested, and every page is bounded in time and size, so a hostile server can neither hold a
 * download slot for ever nor fill the memory.
 */
final class PageFetcher {

    /** One answer: the status, the headers and the body read as UTF-8. */
    record Page(URI uri, int status, HttpHeaders headers, String body) {
    }

    /** The languages the browser asks for; some hosters check them on media requests too. */
    static final String ACCEPT_LANGUAGE = "en-US,en;q=0.8,de;q=0.5";

    private final String hoster;
    private final DestinationPolicy destinations;
    private final String userAgent;
    private final Duration timeout;
    private final int maxBytes;
    /**
     * One client for every hoster and configuration: each client holds a selector thread for as long as it
     * lives (eight hosters held eight). The hoster's own timeout bounds every request, connecting included.
     * Built at the first request rather than when a resolver is configured at the start: a client sets up TLS
     * and a selector thread, which a service that has not downloaded anything yet does not need (issue 12).
     */
    private static final class Client {
        static final HttpClient INSTANCE = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    PageFetcher(String hoster, DestinationPolicy destinations, String userAgent, Duration timeout, int maxBytes) {
        this.hoster = hoster;
        this.destinations = destinations;
        this.userAgent = userAgent;
        this.timeout = timeout;
        this.maxBytes = maxBytes;
    }

    /**
     * GETs a page.
     *
     * @param referer the page that led here, or null for the first one
     * @throws HosterException (not gone) when the page cannot be loaded completely within the timeout and size
     */
    Page fetch(URI url, URI referer) throws HosterException {
        return get(url, referer == null ? Map.of() : Map.of("Referer", referer.toString()));
    }

    /** GETs a page with headers beyond the browser's usual ones, such as a Referer or a cookie. */
    Page get(URI url, Map<String, String> headers) throws HosterException {
        return send(request(url, headers).GET());
    }

    /** POSTs an empty form, as a player page's script asks its hoster for the video. */
    Page post(URI url, Map<String, String> headers) throws HosterException {
        return send(request(url, headers).header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    private HttpRequest.Builder request(URI url, Map<String, String> headers) throws HosterException {
        try {
            destinations.check(url);
        } catch (RefusedDestinationException e) {
            // As good as gone: a link that leads there is no use, now or later.
            throw new HosterException(hoster + ": " + e.getMessage(), true, e);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("User-Agent", userAgent)
                .header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
                .header("Accept-Language", ACCEPT_LANGUAGE);
        headers.forEach(request::setHeader);
        return request;
    }

    private Page send(HttpRequest.Builder builder) throws HosterException {
        HttpRequest request = builder.build();
        URI url = request.uri();
        BoundedText body = new BoundedText(maxBytes);
        CompletableFuture<HttpResponse<String>> answer = Client.INSTANCE.sendAsync(request, info -> body);
        try {
            HttpResponse<String> response = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Page(url, response.statusCode(), response.headers(), response.body());
        } catch (TimeoutException e) {
            body.cancel();
            answer.cancel(true);
            throw late(url, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof HttpTimeoutException) {
                // The request's own timeout for the headers, which runs out together with the wait for the whole page.
                throw late(url, cause);
            }
            throw new HosterException(hoster + ": cannot load " + url + ": " + reason(cause), false, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer.cancel(true);
            throw new HosterException(hoster + ": interrupted while loading " + url, false, e);
        }
    }

    private HosterException late(URI url, Throwable cause) {
        return new HosterException(hoster + ": no complete answer within " + timeout.toSeconds() + " s from " + url,
                false, cause);
    }

    /**
     * Why a request failed, in words: the JDK's HTTP client throws some failures without a message, and their
     * class name ({@code java.net.ConnectException}) would reach the operator in the job's message.
     */
    static String reason(Throwable cause) {
        if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
            return cause.getMessage();
        }
        return cause instanceof ConnectException ? "the connection was refused" : "the connection failed";
    }
}
