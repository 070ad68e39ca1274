package org.catalogarr.core.download;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Gathers the body's chunks (64 KiB) into blocks of {@value #BLOCK_BYTES} bytes before they go to the file: one
 * {@code write()} per MiB, from one reused buffer, so a download costs few system calls and no memory that grows
 * with the file. On the heap: a direct buffer is only freed by a garbage collection, which a download that
 * allocates nothing per chunk seldom causes, so each finished download left its megabyte in the process.
 */
final class BlockWriter implements AutoCloseable {

    static final int BLOCK_BYTES = 1024 * 1024;

    private final FileChannel out;
    private final ByteBuffer block = ByteBuffer.allocate(BLOCK_BYTES);

    BlockWriter(FileChannel out) {
        this.out = out;
    }

    /** Takes all of {@code data}; it reaches the file when the block is full, or at {@link #flush()}. */
    void write(ByteBuffer data) throws IOException {
        while (data.hasRemaining()) {
            if (!block.hasRemaining()) {
                flush();
            }
            int take = Math.min(block.remaining(), data.remaining());
            ByteBuffer slice = data.slice(data.position(), take);
            block.put(slice);
            data.position(data.position() + take);
        }
    }

    /** Hands what is gathered to the file (not to the disk: that is {@link FileChannel#force}). */
    void flush() throws IOException {
        block.flip();
        while (block.hasRemaining()) {
            out.write(block);
        }
        block.clear();
    }

    /** The file's length once everything gathered is written. */
    long position() throws IOException {
        return out.position() + block.position();
    }

    @Override
    public void close() throws IOException {
        flush();
    }
}
