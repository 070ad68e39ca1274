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
    private final InterruptibleReads reads;
    private InputStream body;
    private boolean complete;
    private boolean abandoned;

    MediaResponse(HttpURLConnection connection, URI uri, int status, InterruptibleReads reads) {
        this.connection = connection;
        this.uri = uri;
        this.status = status;
        this.reads = reads;
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

    /**
     * Reads the next bytes of the body (only for statuses below 400: the connection has none to give for others)
     * into the array: at once when some have arrived, else waiting on a pool thread, so that an interrupt ends
     * the wait.
     *
     * @return how many bytes were read, or -1 at the end of the body
     */
    int read(byte[] into, int offset, int length) throws IOException, InterruptedException {
        if (body == null) {
            body = connection.getInputStream();
        }
        InputStream stream = body;
        if (stream.available() > 0) {
            // Returns what has arrived without waiting for more.
            return stream.read(into, offset, length);
        }
        try {
            return reads.await(() -> stream.read(into, offset, length), connection::disconnect);
        } catch (InterruptedException e) {
            abandoned = true;
            throw e;
        }
    }

    /** The body was read to its end: the connection may serve the next request. */
    void completed() {
        complete = true;
    }

    @Override
    public void close() {
        if (abandoned) {
            // Closed by the pool once the abandoned read ends; closing it here would wait for that read.
            return;
        }
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
