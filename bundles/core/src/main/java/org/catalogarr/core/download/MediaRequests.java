package org.catalogarr.core.download;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Flow;

import org.catalogarr.hoster.api.DestinationPolicy;

/**
 * Sends the GET requests of a download where the {@link DestinationPolicy} lets them go, and follows
 * redirects itself so that every hop is checked: the HTTP client's own redirects would lead anywhere.
 */
final class MediaRequests {

    /** CDNs hand a file on through a redirect or two; more is a loop or a trick. */
    static final int MAX_REDIRECTS = 5;

    private final DestinationPolicy policy;
    private final ReadLimits limits;
    /**
     * Built at the first download, not when the engine is configured at the start: a client sets up TLS (the
     * trust store took a few hundred ms on the thread that starts every bundle, issue 12) and a selector thread.
     */
    private HttpClient client;

    MediaRequests(DestinationPolicy policy, ReadLimits limits) {
        this.policy = policy;
        this.limits = limits;
    }

    private synchronized HttpClient client() {
        if (client == null) {
            client = HttpClient.newBuilder().connectTimeout(limits.silence()).followRedirects(HttpClient.Redirect.NEVER)
                    .build();
        }
        return client;
    }

    ReadLimits limits() {
        return limits;
    }

    /**
     * GETs a URL, through its redirects, with the given headers on every hop.
     *
     * @return the final answer; its {@link HttpResponse#uri()} is where it came from, the base of relative
     *     references in it
     * @throws org.catalogarr.hoster.api.RefusedDestinationException when a hop leads where the policy forbids
     * @throws UnusableMediaException when the hoster asked for headers that cannot be sent, or a redirect is
     *     broken or endless
     * @throws IOException when the server cannot be reached or does not answer in time
     */
    HttpResponse<Flow.Publisher<List<ByteBuffer>>> get(URI uri, Map<String, String> headers)
            throws IOException, InterruptedException {
        URI current = uri;
        for (int hop = 0;; hop++) {
            policy.check(current);
            HttpResponse<Flow.Publisher<List<ByteBuffer>>> response =
                    client().send(request(current, headers), HttpResponse.BodyHandlers.ofPublisher());
            int status = response.statusCode();
            boolean redirect = status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
            if (!redirect) {
                return response;
            }
            discard(response.body());
            if (hop >= MAX_REDIRECTS) {
                throw new UnusableMediaException(uri + " is still redirected after " + MAX_REDIRECTS + " hops");
            }
            current = location(current, response);
        }
    }

    private HttpRequest request(URI uri, Map<String, String> headers) throws UnusableMediaException {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(limits.silence()).GET();
            headers.forEach(request::header);
            return request.build();
        } catch (IllegalArgumentException e) {
            // A header the HTTP client does not let us set (Host, Connection, ...), named by the hoster's page.
            throw new UnusableMediaException("cannot request " + uri + ": " + e.getMessage(), e);
        }
    }

    private static URI location(URI from, HttpResponse<?> response) throws UnusableMediaException {
        String location = response.headers().firstValue("Location").orElse("").strip();
        if (location.isEmpty()) {
            throw new UnusableMediaException("HTTP " + response.statusCode() + " without a Location from " + from);
        }
        try {
            return from.resolve(new URI(location));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new UnusableMediaException("HTTP " + response.statusCode() + " to no valid Location from " + from, e);
        }
    }

    /** Closes a redirect's connection instead of reading its body, which may be endless. */
    private static void discard(Flow.Publisher<List<ByteBuffer>> body) {
        body.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.cancel();
            }

            @Override
            public void onNext(List<ByteBuffer> item) {
            }

            @Override
            public void onError(Throwable throwable) {
            }

            @Override
            public void onComplete() {
            }
        });
    }
}
