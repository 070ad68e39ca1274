package org.catalogarr.core.download;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.OptionalLong;

/**
 * A response body read chunk by chunk within {@link ReadLimits}: each read waits at most the silence (the
 * connection's read timeout), the transfer must keep a minimum rate, and the whole body has a deadline. The bytes
 * come from the socket only as they are read, into one reused array of {@value #CHUNK_BYTES} bytes: a slow disk
 * slows the download instead of filling memory, and a download allocates nothing per chunk. A body that ends
 * before the length its server announced is a cut connection, not a short file.
 */
final class TimedBody implements AutoCloseable {

    static final int CHUNK_BYTES = 64 * 1024;

    private final MediaResponse response;
    private final ReadLimits limits;
    private final OptionalLong announced;
    private final long deadlineAt;
    /** Made at the first {@link #next()} unless given: a body read with {@link #read} into the caller's array needs none. */
    private byte[] chunk;
    private long received;
    private long windowStart;
    private long windowBytes;

    /** @param limits the limits; the deadline counts from now */
    TimedBody(MediaResponse response, ReadLimits limits) {
        this(response, limits, null);
    }

    /** @param chunk the array the bytes are read into, reused from body to body by the caller */
    TimedBody(MediaResponse response, ReadLimits limits, byte[] chunk) {
        this.response = response;
        this.limits = limits;
        this.announced = response.contentLength();
        this.chunk = chunk;
        long now = System.nanoTime();
        this.deadlineAt = now + limits.deadline().toNanos();
        this.windowStart = now;
    }

    /**
     * The next bytes, valid until the next call, or null at the end of the body.
     *
     * @throws IOException when the connection broke (with the transport's exception as the cause), nothing came
     *     for longer than the silence allows, the transfer stayed below the minimum rate for a whole window, or
     *     the deadline passed
     * @throws InterruptedException when the thread was interrupted, also while it waited for bytes
     */
    ByteBuffer next() throws IOException, InterruptedException {
        if (chunk == null) {
            chunk = new byte[CHUNK_BYTES];
        }
        int count = read(chunk, 0, chunk.length);
        return count < 0 ? null : ByteBuffer.wrap(chunk, 0, count);
    }

    /**
     * Reads the next bytes into the caller's array, within the same limits as {@link #next()}.
     *
     * @return how many bytes were read, at least one, or -1 at the end of the body
     */
    int read(byte[] into, int offset, int length) throws IOException, InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("download of " + response.uri() + " interrupted");
        }
        if (deadlineAt - System.nanoTime() <= 0) {
            throw pastDeadline();
        }
        if (announced.isPresent() && received == announced.getAsLong()) {
            // The whole body is here: no read for the end, which would need room in a buffer that has just the
            // announced length (the connection takes no more than that from the socket anyway).
            response.completed();
            return -1;
        }
        int count = readResponse(into, offset, length);
        if (count < 0) {
            if (announced.isPresent() && received < announced.getAsLong()) {
                throw new IOException("the server closed the connection after " + received + " of "
                        + announced.getAsLong() + " bytes", new IOException("premature end of the body"));
            }
            response.completed();
            return -1;
        }
        received += count;
        keepsPace(count);
        return count;
    }

    /** The body's length as its server announced it, if it did. */
    OptionalLong announced() {
        return announced;
    }

    private int readResponse(byte[] into, int offset, int length) throws IOException, InterruptedException {
        try {
            return response.read(into, offset, length);
        } catch (IOException e) {
            if (Thread.interrupted()) {
                throw new InterruptedException("download of " + response.uri() + " interrupted");
            }
            if (e instanceof SocketTimeoutException) {
                throw new IOException("no data for " + limits.silence().toSeconds() + " s");
            }
            throw new IOException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
        }
    }

    /** Counts the bytes into the current window and, at the window's end, checks the rate over it. */
    private void keepsPace(int count) throws IOException {
        windowBytes += count;
        long now = System.nanoTime();
        long window = limits.rateWindow().toNanos();
        if (now - windowStart < window) {
            return;
        }
        double seconds = (now - windowStart) / 1e9;
        if (windowBytes < limits.minBytesPerSecond() * seconds) {
            throw new IOException(String.format("stalled: %d bytes in %.0f s, below the minimum of %d bytes/s",
                    windowBytes, seconds, limits.minBytesPerSecond()));
        }
        windowStart = now;
        windowBytes = 0;
    }

    private IOException pastDeadline() {
        return new IOException("not complete after " + limits.deadline().toSeconds() + " s, the deadline of one request");
    }

    /** Lets go of the connection: back for reuse when the body was read to its end, else closed. */
    @Override
    public void close() {
        response.close();
    }
}
