package org.catalogarr.core.download;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.GeneralSecurityException;
import java.time.Duration;

/**
 * One segment's bytes, held until it is its turn to be written. Reused from segment to segment, so that the memory
 * of a download is a few segments, whatever the length of the episode, and all buffers together stay within the
 * {@link SegmentMemory}. A plain segment's body is read straight into the buffer; an encrypted one goes through a
 * small array and is decrypted on its way in.
 * <p>
 * On the heap: a direct buffer is only freed by a garbage collection, which a download that allocates nothing per
 * chunk seldom causes, so each finished download left its buffers' megabytes in the process.
 */
final class SegmentBuffer {

    /** A segment's size stays below this; a larger one is refused rather than held in memory. */
    static final int MAX_BYTES = 64 * 1024 * 1024;
    /** The first capacity of a buffer whose segment's length was not announced. */
    private static final int FIRST_BYTES = 1024 * 1024;
    /** The JDK reads at most this much from a socket at a time (through a temporary buffer of its own). */
    private static final int READ_BYTES = 128 * 1024;
    private static final ByteBuffer NONE = ByteBuffer.allocate(0);

    /** Reads body bytes into an array; -1 at the end of the body. */
    @FunctionalInterface
    interface Body {
        int read(byte[] into, int offset, int length) throws IOException, InterruptedException;
    }

    /**
     * The segment may not take more memory now, and was fetched ahead of its turn: rather than wait for memory that
     * the segments before it may need, it is fetched again in its turn.
     */
    static final class NotNow extends IOException {

        private static final long serialVersionUID = 1L;

        NotNow(URI uri) {
            super("no memory for " + uri + " before its turn");
        }
    }

    private final SegmentMemory memory;
    private final Duration memoryWait;
    /** Only an encrypted segment passes through it; made at the first. */
    private byte[] chunk;
    private ByteBuffer bytes = NONE;
    /** The announced length of the body being read, or -1. */
    private long expected = -1;
    private boolean released;

    /**
     * @param memory what all buffers may hold together
     * @param memoryWait how long a segment fetched in its turn waits for memory that other downloads hold
     */
    SegmentBuffer(SegmentMemory memory, Duration memoryWait) {
        this.memory = memory;
        this.memoryWait = memoryWait;
    }

    /** The array an encrypted body is read into on its way here. */
    byte[] chunk() {
        if (chunk == null) {
            chunk = new byte[TimedBody.CHUNK_BYTES];
        }
        return chunk;
    }

    void clear() {
        bytes.clear();
        expected = -1;
    }

    /** Makes room at once for a body of the announced length, so that it is read without growing the buffer. */
    void expect(URI uri, long announced, boolean mayWait) throws IOException, InterruptedException {
        if (announced > MAX_BYTES) {
            throw tooLarge(uri);
        }
        room(uri, (int) announced, mayWait, true);
        expected = announced;
    }

    /**
     * Reads the body's next bytes straight into the buffer.
     *
     * @return how many were read, or -1 at the end of the body
     */
    int readFrom(Body body, URI uri, boolean mayWait) throws IOException, InterruptedException {
        if (bytes.position() != expected) {
            room(uri, 1, mayWait, false);
        }
        // With all announced bytes here, the body tells its end without a read, into no room.
        ByteBuffer into = bytes;
        int count = body.read(into.array(), into.arrayOffset() + into.position(), Math.min(into.remaining(), READ_BYTES));
        if (count > 0) {
            into.position(into.position() + count);
        }
        return count;
    }

    /** Appends decrypted data. */
    void put(URI uri, ByteBuffer data, SegmentDecipher cipher, boolean mayWait) throws IOException, InterruptedException {
        room(uri, cipher.outputSize(data.remaining()), mayWait, false);
        try {
            cipher.update(data, bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("room for the decrypted bytes was made: " + e, e);
        }
    }

    /** Decrypts the last block and removes the padding. */
    void finish(URI uri, SegmentDecipher cipher, boolean mayWait)
            throws IOException, InterruptedException, GeneralSecurityException {
        room(uri, cipher.outputSize(0), mayWait, false);
        cipher.finish(bytes);
    }

    /**
     * Writes the segment in slices of at most a block: the channel copies a heap buffer through a direct buffer of
     * the same size that its thread keeps, which must not become the size of the largest segment.
     */
    void writeTo(FileChannel out) throws IOException {
        bytes.flip();
        while (bytes.hasRemaining()) {
            ByteBuffer slice = bytes.slice(bytes.position(), Math.min(bytes.remaining(), BlockWriter.BLOCK_BYTES));
            while (slice.hasRemaining()) {
                out.write(slice);
            }
            bytes.position(bytes.position() + slice.limit());
        }
        bytes.clear();
    }

    /**
     * Gives the memory back; the buffer is empty after it, and one released for good (its download ended) takes no
     * more.
     */
    synchronized void release(boolean forGood) {
        memory.give(bytes.capacity());
        bytes = NONE;
        released |= forGood;
    }

    /** @param exact whether {@code more} is all that will come (an announced length), else room to spare is made */
    private void room(URI uri, int more, boolean mayWait, boolean exact) throws IOException, InterruptedException {
        if (bytes.remaining() >= more) {
            return;
        }
        long needed = (long) bytes.position() + more;
        if (needed > MAX_BYTES) {
            throw tooLarge(uri);
        }
        // Doubling keeps the copies few for a body of unknown length; when that does not fit, what is needed may.
        int doubled = exact ? (int) needed
                : (int) Math.min(MAX_BYTES, Math.max(needed, Math.max(FIRST_BYTES, 2L * bytes.capacity())));
        int capacity;
        if (memory.tryTake(doubled)) {
            capacity = doubled;
        } else if (needed < doubled && memory.tryTake((int) needed)) {
            capacity = (int) needed;
        } else {
            capacity = (int) needed;
            if (!mayWait) {
                throw new NotNow(uri);
            }
            if (!memory.take(capacity, memoryWait.toNanos())) {
                throw new PassingFailure("the segment " + uri + " needs " + ByteSize.format(capacity) + " of memory,"
                        + " but the buffers of the downloads may hold " + ByteSize.format(memory.budget())
                        + " together (a third of the Java heap, -Xmx), and other downloads held it for "
                        + memoryWait.toSeconds() + " s", null);
            }
        }
        grow(capacity);
    }

    private synchronized void grow(int capacity) throws InterruptedIOException {
        if (released) {
            memory.give(capacity);
            throw new InterruptedIOException("the download ended");
        }
        ByteBuffer larger = ByteBuffer.allocate(capacity);
        bytes.flip();
        larger.put(bytes);
        memory.give(bytes.capacity());
        bytes = larger;
    }

    private static UnusableMediaException tooLarge(URI uri) {
        return new UnusableMediaException("the segment " + uri + " is larger than " + ByteSize.format(MAX_BYTES));
    }
}
