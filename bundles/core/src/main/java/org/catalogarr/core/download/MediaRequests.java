package org.catalogarr.core.download;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.MalformedURLException;
import java.net.Proxy;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLConnection;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.catalogarr.hoster.api.DestinationPolicy;

/**
 * Sends the GET requests of a download where the {@link DestinationPolicy} lets them go, and follows
 * redirects itself so that every hop is checked: a client's own redirects would lead anywhere.
 *
 * <p>The requests go through {@link HttpURLConnection}, which reads the socket only when the body is read, into
 * the caller's buffer. The JDK's {@code HttpClient} allocates a new buffer for every chunk and reads ahead of a
 * slower disk: a 1 GiB download grew the heap by 60–250 MB, which a service limited to 256 MB cannot afford.
 * Its blocking calls run through {@link InterruptibleReads}, so that an interrupt still ends a download at once.
 */
final class MediaRequests {

    /** CDNs hand a file on through a redirect or two; more is a loop or a trick. */
    static final int MAX_REDIRECTS = 5;

    /** Headers the connection sets itself: a hoster that asks for them is refused, as before. */
    private static final Set<String> FORBIDDEN = Set.of("connection", "content-length", "expect", "host", "upgrade");

    static {
        // HttpURLConnection silently drops headers such as Origin unless this is set before its first use; hosters'
        // CDNs check Origin. A header that is still dropped is refused per request below, never sent without.
        if (System.getProperty("sun.net.http.allowRestrictedHeaders") == null) {
            System.setProperty("sun.net.http.allowRestrictedHeaders", "true");
        }
    }

    private final DestinationPolicy policy;
    private final ReadLimits limits;
    private final InterruptibleReads reads = new InterruptibleReads();

    MediaRequests(DestinationPolicy policy, ReadLimits limits) {
        this.policy = policy;
        this.limits = limits;
    }

    ReadLimits limits() {
        return limits;
    }

    /**
     * GETs a URL, through its redirects, with the given headers on every hop.
     *
     * @return the final answer, to be closed; its {@link MediaResponse#uri()} is where it came from, the base of
     *     relative references in it
     * @throws org.catalogarr.hoster.api.RefusedDestinationException when a hop leads where the policy forbids
     * @throws UnusableMediaException when the hoster asked for headers that cannot be sent, or a redirect is
     *     broken or endless
     * @throws IOException when the server cannot be reached or does not answer in time
     * @throws InterruptedException when the thread was interrupted while waiting for the answer
     */
    MediaResponse get(URI uri, Map<String, String> headers) throws IOException, InterruptedException {
        URI current = uri;
        for (int hop = 0;; hop++) {
            policy.check(current);
            MediaResponse response = send(current, headers);
            int status = response.statusCode();
            boolean redirect = status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
            if (!redirect) {
                return response;
            }
            // Closed instead of read: a redirect's body may be endless.
            response.close();
            if (hop >= MAX_REDIRECTS) {
                throw new UnusableMediaException(uri + " is still redirected after " + MAX_REDIRECTS + " hops");
            }
            current = location(current, response);
        }
    }

    private MediaResponse send(URI uri, Map<String, String> headers) throws IOException, InterruptedException {
        HttpURLConnection connection = open(uri, headers);
        try {
            return new MediaResponse(connection, uri, reads.await(connection::getResponseCode, connection::disconnect),
                    reads);
        } catch (IOException | RuntimeException e) {
            connection.disconnect();
            throw e;
        }
    }

    private HttpURLConnection open(URI uri, Map<String, String> headers) throws IOException {
        URLConnection opened;
        try {
            // No proxy, as the HTTP client before: the policy checks the media server itself.
            opened = uri.toURL().openConnection(Proxy.NO_PROXY);
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new UnusableMediaException("cannot request " + uri + ": " + e.getMessage(), e);
        }
        if (!(opened instanceof HttpURLConnection connection)) {
            throw new UnusableMediaException("cannot request " + uri + ": not an HTTP URL");
        }
        int timeout = (int) Math.min(Integer.MAX_VALUE, limits.silence().toMillis());
        connection.setConnectTimeout(timeout);
        connection.setReadTimeout(timeout);
        connection.setInstanceFollowRedirects(false);
        connection.setUseCaches(false);
        for (Map.Entry<String, String> header : headers.entrySet()) {
            set(connection, uri, header.getKey(), header.getValue());
        }
        return connection;
    }

    private static void set(HttpURLConnection connection, URI uri, String name, String value)
            throws UnusableMediaException {
        if (FORBIDDEN.contains(name.toLowerCase(Locale.ROOT))) {
            throw new UnusableMediaException("cannot request " + uri + ": the header " + name + " is set by the"
                    + " connection itself");
        }
        try {
            connection.setRequestProperty(name, value);
        } catch (IllegalArgumentException | IllegalStateException e) {
            // A name or value with line breaks or other bytes a header cannot have, named by the hoster's page.
            throw new UnusableMediaException("cannot request " + uri + ": " + e.getMessage(), e);
        }
        if (connection.getRequestProperty(name) == null) {
            throw new UnusableMediaException("cannot request " + uri + ": the header " + name + " would not be sent");
        }
    }

    private static URI location(URI from, MediaResponse response) throws UnusableMediaException {
        String location = response.header("Location").orElse("").strip();
        if (location.isEmpty()) {
            throw new UnusableMediaException("HTTP " + response.statusCode() + " without a Location from " + from);
        }
        try {
            return from.resolve(new URI(location));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new UnusableMediaException("HTTP " + response.statusCode() + " to no valid Location from " + from, e);
        }
    }
}
