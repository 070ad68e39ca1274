package org.catalogarr.core.download;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One answer of a media server: its status and headers, and its body as a stream read at most once. Closing it
 * hands a connection whose body was read to its end back for reuse (the next HLS segment skips the handshake) and
 * closes any other.
 */
final class MediaResponse implements AutoCloseable {

    private final HttpURLConnection connection;
    private final URI uri;
    private final int status;
    private InputStream body;
    private boolean complete;

    MediaResponse(HttpURLConnection connection, URI uri, int status) {
        this.connection = connection;
        this.uri = uri;
        this.status = status;
    }

    int statusCode() {
        return status;
    }

    /** Where this answer came from: the base of relative references in it. */
    URI uri() {
        return uri;
    }

    Optional<String> header(String name) {
        return Optional.ofNullable(connection.getHeaderField(name));
    }

    /** The body's length as the server announced it, when it did and the body is not sent in chunks. */
    OptionalLong contentLength() {
        boolean chunked = header("Transfer-Encoding").map(value -> value.toLowerCase(Locale.ROOT).contains("chunked"))
                .orElse(false);
        long length = connection.getHeaderFieldLong("Content-Length", -1);
        return chunked || length < 0 ? OptionalLong.empty() : OptionalLong.of(length);
    }

    /** The body; only for statuses below 400 (the connection has none to give for others). */
    InputStream body() throws IOException {
        if (body == null) {
            body = connection.getInputStream();
        }
        return body;
    }

    /** The body was read to its end: the connection may serve the next request. */
    void completed() {
        complete = true;
    }

    @Override
    public void close() {
        if (complete && body != null) {
            try {
                body.close();
                return;
            } catch (IOException e) {
                // Not reusable after all; closed below.
            }
        }
        connection.disconnect();
    }
}
