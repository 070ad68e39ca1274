package org.catalogarr.core.download;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.catalogarr.core.threads.DaemonThreads;

/**
 * Writes the checkpoint of the whole segments in the part file, after forcing them to disk, at most every
 * few seconds or MiB: an fsync per segment would cost more than a short segment's transfer. The periodic
 * force and checkpoint run on a thread of their own, one at a time, with the counts from when they began:
 * forcing 32 MiB takes 70–110 ms here, which the writer spent waiting while the fetchers' buffers filled up.
 */
final class CheckpointSaver implements AutoCloseable {

    /**
     * How much may be written between two checkpoints: at most this is fetched again after a crash, besides the
     * time limit. Each checkpoint forces the bytes before it to disk, which the kernel would otherwise write back
     * on its own: every 32 MiB or 3 s held a loopback download to the disk's synchronous speed (0.63× curl, which
     * never forces), every 256 MiB or 10 s to 0.85–0.9×. The time limit is what counts on real CDNs (10 s at
     * 100 Mbit/s are 125 MB); the bytes only bound a download faster than a gigabit line.
     */
    private static final long CHECKPOINT_BYTES = 1024L * 1024 * 1024;

    private final FileChannel out;
    private final Path part;
    private final TargetFolder folder;
    private final Path file;
    private final int segmentCount;
    private final String variant;
    private final ExecutorService saver = Executors.newSingleThreadExecutor(
            DaemonThreads.named("catalogarr-hls-checkpoint"));
    private Future<?> saving = CompletableFuture.completedFuture(null);
    private int savedSegments;
    private long savedAt = System.nanoTime();
    private long savedBytes;
    private int writtenSegments;
    private long writtenBytes;
    private final long everyNanos;

    CheckpointSaver(FileChannel out, Path part, Path file, TargetFolder folder, HlsCheckpoint start, long everyNanos) {
        this.out = out;
        this.everyNanos = everyNanos;
        this.part = part;
        this.folder = folder;
        this.file = file;
        this.segmentCount = start.segmentCount();
        this.variant = start.variant();
        this.savedSegments = start.segments();
        this.savedBytes = start.bytes();
        this.writtenSegments = start.segments();
        this.writtenBytes = start.bytes();
    }

    /**
     * The part file holds {@code segments} whole segments (not yet on disk); starts saving a checkpoint when
     * one is due and the last is done.
     *
     * @throws IOException when the last checkpoint could not be saved
     */
    void written(int segments) throws IOException, InterruptedException {
        writtenSegments = segments;
        writtenBytes = out.position();
        if (!saving.isDone() || !due()) {
            return;
        }
        try {
            saving.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException("cannot save the checkpoint", e);
        }
        int segmentsNow = writtenSegments;
        long bytesNow = writtenBytes;
        saving = saver.submit(() -> {
            // On disk before the checkpoint names it: after a power cut the checkpoint is never ahead of the bytes.
            out.force(false);
            record(segmentsNow, bytesNow);
            return null;
        });
    }

    private synchronized boolean due() {
        return writtenBytes - savedBytes >= CHECKPOINT_BYTES || System.nanoTime() - savedAt >= everyNanos;
    }

    /**
     * Waits for a checkpoint being saved, then saves the checkpoint of everything written, if it moved on. An
     * interrupt in the middle of a write closes the channel; the whole segments before it are then forced
     * through a channel of their own. The interrupt is put aside until the checkpoint is written.
     */
    void saveWritten() throws IOException {
        boolean interrupted = Thread.interrupted();
        try {
            interrupted |= awaitSaving();
            if (saved()) {
                return;
            }
            if (out.isOpen()) {
                out.force(false);
                record(writtenSegments, writtenBytes);
                return;
            }
            try (FileChannel again = FileChannel.open(part, StandardOpenOption.WRITE)) {
                again.force(false);
                record(writtenSegments, writtenBytes);
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Waits, uninterruptibly, for the checkpoint being saved; one that failed is saved again after it.
     *
     * @return whether the thread was interrupted while it waited
     */
    private boolean awaitSaving() {
        boolean interrupted = false;
        while (true) {
            try {
                saving.get();
                return interrupted;
            } catch (ExecutionException e) {
                return interrupted;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
    }

    private synchronized boolean saved() {
        return writtenSegments == savedSegments && writtenBytes == savedBytes;
    }

    private synchronized void record(int segments, long bytes) throws IOException {
        folder.checked();
        new HlsCheckpoint(segments, bytes, segmentCount, variant).write(file);
        savedSegments = segments;
        savedBytes = bytes;
        savedAt = System.nanoTime();
    }

    @Override
    public void close() {
        saver.shutdown();
    }
}
