package org.catalogarr.core.download;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;


import org.catalogarr.core.threads.DaemonThreads;
import org.catalogarr.hoster.api.MediaSource;
import org.catalogarr.hoster.api.RefusedDestinationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads an HLS video-on-demand stream: the best variant's segments, decrypted where they are
 * AES-128 encrypted, into {@code <name>.ts} (MPEG-TS) or {@code <name>.mp4} (fragmented MP4, after its
 * initialisation section). Up to {@code parallel} segments are fetched at once, each into a reused buffer,
 * and written to the part file in playlist order: on a CDN 50–150 ms away one segment at a time spends
 * most of its time waiting. A checkpoint names how many whole segments the part file holds; it is written
 * after the bytes are forced to disk, every few seconds or MiB rather than after every segment, so it may
 * trail the bytes but never lead them, and a later call for the same offer continues after it, even when
 * the hoster hands out new (expiring) URLs by then.
 */
final class HlsFetcher {

    /** A playlist of the longest film in short segments stays far below this. */
    static final int MAX_PLAYLIST_BYTES = 4 * 1024 * 1024;
    /** Segments fetched at once unless configured otherwise. */
    static final int DEFAULT_PARALLEL = 4;
    private static final int KEY_BYTES = 16;
    private static final int PAGE_CHUNK_BYTES = 16 * 1024;
    /** The default of the time between two checkpoints (the setting {@code hls_checkpoint_seconds}). */
    static final Duration DEFAULT_CHECKPOINT_EVERY = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(HlsFetcher.class);

    private final MediaRequests requests;
    private final Retries retries;
    private final int parallel;
    private final Remuxer remuxer;
    private final Duration checkpointEvery;
    private final SegmentMemory memory;

    /**
     * A fetcher that keeps MPEG-TS as it is, for tests.
     *
     * @param attempts how often a request that failed for a passing reason is tried in all
     * @param backoff the wait before the second attempt; it grows with each further one
     */
    HlsFetcher(MediaRequests requests, int attempts, Duration backoff) {
        this(requests, new Retries(attempts, backoff), DEFAULT_PARALLEL,
                new Remuxer(Remuxer.Container.TS, "ffmpeg", Duration.ofHours(1)));
    }

    /**
     * @param requests where the media may be fetched from, and within which limits
     * @param parallel how many segments are fetched at once, at least one
     * @param remuxer what an MPEG-TS download becomes once complete
     */
    HlsFetcher(MediaRequests requests, Retries retries, int parallel, Remuxer remuxer) {
        this(requests, retries, parallel, remuxer, DEFAULT_CHECKPOINT_EVERY, SegmentMemory.ofHeap());
    }

    /**
     * @param checkpointEvery the longest time between two checkpoints of a download
     * @param memory what the segment buffers of all downloads may hold together
     */
    HlsFetcher(MediaRequests requests, Retries retries, int parallel, Remuxer remuxer, Duration checkpointEvery,
            SegmentMemory memory) {
        if (parallel < 1) {
            throw new IllegalArgumentException("at least one segment at a time, not " + parallel);
        }
        this.requests = requests;
        this.retries = retries;
        this.parallel = parallel;
        this.remuxer = remuxer;
        this.checkpointEvery = checkpointEvery;
        this.memory = memory;
    }

    /**
     * For both kinds of output (MPEG-TS, then MP4): the finished file, the part file, its origin and its
     * checkpoint; then the remuxed files and their temporaries, under the release name and under each
     * resolution label the name may have been given.
     */
    static List<Path> files(Path folder, String name) {
        List<Path> files = new ArrayList<>();
        for (String extension : List.of("ts", "mp4")) {
            files.addAll(Output.of(folder, name, extension).all());
        }
        files.addAll(Output.of(folder, name + ".audio", "ts").all());
        for (String label : List.of("", "2160p", "1080p", "720p", "480p")) {
            String renamed = FileNames.sanitise(label.isEmpty() ? name : ReleaseQuality.withLabel(name, label));
            for (String extension : List.of("ts", "mp4", "mkv")) {
                files.add(folder.resolve(renamed + "." + extension));
                files.add(folder.resolve(renamed + "." + extension + ".remux"));
            }
        }
        return List.copyOf(new LinkedHashSet<>(files));
    }

    /**
     * @param folder where the file goes; checked against the download root before every write through its name
     * @param origin what the media stands for (hoster and site link), not its URL, which expires; a part
     *        file of another origin is discarded
     * @return the finished file
     * @throws MediaGoneException when the CDN no longer has the playlist, a key or a segment
     * @throws UnusableMediaException when the stream is live, broken or encrypted in an unsupported way
     * @throws IOException when the download broke off (the part file stays for a resume) or was refused
     * @throws InterruptedException when the thread was interrupted; the part file stays for a resume
     */
    Path fetch(MediaSource media, TargetFolder folder, String name, String origin, DownloadEngine.Progress progress)
            throws IOException, InterruptedException {
        Chosen chosen = mediaPlaylist(media);
        Optional<Chosen> audio = audioPlaylist(media, chosen);
        if (audio.isPresent() && !remuxer.available()) {
            throw new UnusableMediaException("the HLS stream " + media.uri() + " keeps its sound in a separate audio"
                    + " rendition (" + audio.get().uri() + "); merging it with the video needs ffmpeg on the PATH of"
                    + " the service");
        }
        Path directory = folder.checked();
        Output output = Output.of(directory, name, chosen.playlist().map().isPresent() ? "mp4" : "ts");
        String finalName = FileNames.sanitise(ReleaseQuality.named(name, chosen.width(), chosen.height()));
        String extension = audio.isPresent() ? remuxer.mergedExtension()
                : output.remuxable() ? remuxer.extension() : "mp4";
        Path finished = directory.resolve(finalName + "." + extension);
        Files.createDirectories(directory);
        progress.file(finished);
        // Mp4Fetcher writes the same .mp4.part for a plain MP4 of this offer; the marker keeps the two apart.
        String recordedOrigin = "HLS " + origin;
        ProgressMeter meter = new ProgressMeter(progress, 0, -1);
        long videoBytes = stream(chosen, output, recordedOrigin, media, folder, meter, 0);
        if (audio.isPresent()) {
            Output audioOutput = Output.of(directory, name + ".audio", "ts");
            stream(audio.get(), audioOutput, recordedOrigin, media, folder, meter, videoBytes);
            meter.finish();
            return merge(output, audioOutput, finished, folder);
        }
        meter.finish();
        return finish(output, finished, folder, progress);
    }

    /**
     * Downloads one media playlist into its part file, resuming after its checkpoint, until the part file is
     * complete; returns its length.
     *
     * @param before the bytes of the streams of this download fetched before this one, for the progress
     */
    private long stream(Chosen chosen, Output output, String recordedOrigin, MediaSource media, TargetFolder folder,
            ProgressMeter meter, long before) throws IOException, InterruptedException {
        HlsPlaylist.Media playlist = chosen.playlist();
        if (!playlist.ended()) {
            throw new UnusableMediaException("the HLS playlist " + chosen.uri() + " has no #EXT-X-ENDLIST: it is a live"
                    + " stream, not an episode");
        }
        HlsCheckpoint checkpoint = resumePoint(output, recordedOrigin, playlist.segments().size(), chosen.variant());
        folder.checked();
        Files.writeString(output.origin(), recordedOrigin, StandardCharsets.UTF_8);
        List<HlsPlaylist.Segment> segments = playlist.segments();
        Map<URI, byte[]> keys = keys(segments.subList(checkpoint.segments(), segments.size()), media);
        meter.skip(checkpoint.bytes());
        meter.estimate(estimate(before, checkpoint.bytes(), checkpoint.segments(), segments.size()));
        ExecutorService fetchers = Executors.newFixedThreadPool(parallel, DaemonThreads.named("catalogarr-hls-segment"));
        List<SegmentBuffer> all = new ArrayList<>();
        BlockingQueue<SegmentBuffer> buffers = new ArrayBlockingQueue<>(parallel + 1);
        for (int i = 0; i <= parallel; i++) {
            SegmentBuffer buffer = new SegmentBuffer(memory, requests.limits().silence());
            all.add(buffer);
            buffers.add(buffer);
        }
        try (FileChannel out = FileChannel.open(output.part(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                CheckpointSaver checkpoints = new CheckpointSaver(out, output.part(), output.checkpoint(), folder,
                        checkpoint, checkpointEvery.toNanos())) {
            out.truncate(checkpoint.bytes());
            out.position(checkpoint.bytes());
            try {
                if (checkpoint.bytes() == 0 && playlist.map().isPresent()) {
                    URI map = playlist.map().get();
                    SegmentBuffer init = buffers.take();
                    retries.run("the initialisation section " + map,
                            () -> fetchInto(init, map, media, null, meter, true));
                    init.writeTo(out);
                    buffers.add(init);
                    checkpoints.written(0);
                }
                Deque<Future<SegmentBuffer>> window = new ArrayDeque<>();
                int submitted = checkpoint.segments();
                for (int index = checkpoint.segments(); index < segments.size(); index++) {
                    while (submitted < segments.size() && submitted < index + parallel) {
                        int number = submitted++;
                        window.add(fetchers.submit(() -> segment(segments, number, media, keys, buffers, meter,
                                false)));
                    }
                    SegmentBuffer segment = awaited(window.poll());
                    if (segment == null) {
                        // Memory ran short before this segment's turn. The segments after it and the idle buffers
                        // give theirs back (else they could hold what this one needs while waiting for it to be
                        // written), and it is fetched alone, waiting for memory that other downloads hold.
                        giveBack(window, buffers);
                        submitted = index + 1;
                        segment = segment(segments, index, media, keys, buffers, meter, true);
                    }
                    // The next fetch starts before this segment is written (into the pool's spare buffer), so that
                    // the fetchers stay busy while the writer works instead of going in waves.
                    if (submitted < segments.size()) {
                        int number = submitted++;
                        window.add(fetchers.submit(() -> segment(segments, number, media, keys, buffers, meter,
                                false)));
                    }
                    segment.writeTo(out);
                    buffers.add(segment);
                    checkpoints.written(index + 1);
                    meter.estimate(estimate(before, out.position(), index + 1, segments.size()));
                }
                return out.position();
            } finally {
                fetchers.shutdownNow();
                // Whatever ends the download (a failure, a pause, the service stopping), the bytes written so far
                // are kept for the resume; only the next fetch's truncation throws away what no checkpoint names.
                checkpoints.saveWritten();
            }
        } finally {
            // A fetcher still ending after the interrupt finds its buffer released and takes no more memory.
            all.forEach(buffer -> buffer.release(true));
        }
    }

    private static long estimate(long before, long bytes, int segmentsDone, int segmentCount) {
        long total = estimatedTotal(bytes, segmentsDone, segmentCount);
        return total < 0 ? -1 : before + total;
    }

    /** Video and separate audio, complete, merged by ffmpeg into the final file; the part files go. */
    private Path merge(Output video, Output audio, Path finished, TargetFolder folder)
            throws IOException, InterruptedException {
        folder.checked();
        try {
            remuxer.merge(List.of(video.part(), audio.part()), finished);
        } catch (IOException e) {
            // The same streams would fail the same way again.
            throw new UnusableMediaException("cannot merge the video and the separate audio: " + e.getMessage(), e);
        }
        folder.checked();
        for (Output output : List.of(video, audio)) {
            Files.deleteIfExists(output.part());
            Files.deleteIfExists(output.checkpoint());
            Files.deleteIfExists(output.origin());
        }
        return finished;
    }

    /**
     * Gives the complete part file its final name: remuxed when it is MPEG-TS and a container is configured,
     * else renamed. A remux that fails keeps the stream as {@code .ts}, which plays as well.
     */
    private Path finish(Output output, Path finished, TargetFolder folder, DownloadEngine.Progress progress)
            throws IOException, InterruptedException {
        Path file = finished;
        folder.checked();
        if (output.remuxable() && !finished.getFileName().toString().endsWith(".ts")) {
            try {
                remuxer.merge(List.of(output.part()), finished);
                folder.checked();
                Files.delete(output.part());
            } catch (IOException e) {
                LOG.warn("Keeping the MPEG-TS stream: {}", e.getMessage());
                file = finished.resolveSibling(finished.getFileName().toString().replaceFirst("\\.[a-z0-9]+$", ".ts"));
                progress.file(file);
            }
        }
        if (Files.exists(output.part())) {
            folder.checked();
            Files.move(output.part(), file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.deleteIfExists(output.checkpoint());
        Files.deleteIfExists(output.origin());
        return file;
    }

    /**
     * One segment, fetched whole (retried as configured) into a buffer of the pool; the buffer is its result, or
     * null when it was fetched ahead of its turn and memory ran short.
     *
     * @param inTurn whether it is the next segment to be written, which may wait for memory
     */
    private SegmentBuffer segment(List<HlsPlaylist.Segment> segments, int index, MediaSource media,
            Map<URI, byte[]> keys, BlockingQueue<SegmentBuffer> buffers, ProgressMeter meter, boolean inTurn)
            throws IOException, InterruptedException {
        HlsPlaylist.Segment segment = segments.get(index);
        String what = "segment " + (index + 1) + " of " + segments.size() + " (" + segment.uri() + ")";
        SegmentBuffer buffer = buffers.take();
        try {
            // A fresh cipher per attempt: a broken attempt leaves the old one in the middle of a block chain.
            retries.run(what, () -> fetchInto(buffer, segment.uri(), media, cipher(segment, keys), meter, inTurn));
            return buffer;
        } catch (SegmentBuffer.NotNow e) {
            buffer.release(false);
            buffers.add(buffer);
            return null;
        } catch (IOException | InterruptedException | RuntimeException e) {
            buffer.release(false);
            buffers.add(buffer);
            throw e;
        }
    }

    /**
     * Waits for the fetches in the window to end, then empties every buffer, giving their memory back. Not
     * cancelled: a fetch that completes as it is cancelled leaves its buffer with nobody to empty it.
     */
    private static void giveBack(Deque<Future<SegmentBuffer>> window, BlockingQueue<SegmentBuffer> buffers)
            throws InterruptedException {
        for (Future<SegmentBuffer> fetch : window) {
            try {
                SegmentBuffer done = fetch.get();
                if (done != null) {
                    buffers.add(done);
                }
            } catch (ExecutionException e) {
                // Its buffer went back to the pool as it failed; fetched again in its turn.
            }
        }
        window.clear();
        buffers.forEach(idle -> idle.release(false));
    }

    /** The segment a fetcher delivered, or what made it fail, as the exception it was. */
    private static SegmentBuffer awaited(Future<SegmentBuffer> fetch) throws IOException, InterruptedException {
        try {
            return fetch.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof InterruptedException stopped) {
                throw stopped;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("a segment fetcher failed", cause);
        }
    }

    /**
     * The size of the whole file guessed from the segments done so far, or -1 before the first one:
     * segment sizes vary little within one encode.
     */
    static long estimatedTotal(long bytes, int segmentsDone, int segmentCount) {
        if (segmentsDone == 0) {
            return -1;
        }
        return Math.round((double) bytes / segmentsDone * segmentCount);
    }

    /** Where to continue: after the checkpoint if the part file is of this origin and quality, else from nothing. */
    private static HlsCheckpoint resumePoint(Output output, String origin, int segmentCount, String variant)
            throws IOException {
        HlsCheckpoint fresh = new HlsCheckpoint(0, 0, segmentCount, variant);
        if (!Files.exists(output.part())) {
            Files.deleteIfExists(output.checkpoint());
            return fresh;
        }
        boolean sameOrigin = Files.exists(output.origin())
                && Files.readString(output.origin(), StandardCharsets.UTF_8).equals(origin);
        Optional<HlsCheckpoint> saved = sameOrigin ? HlsCheckpoint.read(output.checkpoint()) : Optional.empty();
        if (saved.isPresent() && saved.get().continues(segmentCount, variant)
                && Files.size(output.part()) >= saved.get().bytes()) {
            return saved.get();
        }
        Files.delete(output.part());
        Files.deleteIfExists(output.checkpoint());
        return fresh;
    }

    /** The media playlist to download: the given one, or the best variant of the given master playlist. */
    private Chosen mediaPlaylist(MediaSource media) throws IOException, InterruptedException {
        Fetched first = retries.run("the HLS playlist " + media.uri(),
                () -> small(media.uri(), media, MAX_PLAYLIST_BYTES, "playlist"));
        HlsPlaylist playlist = HlsPlaylistParser.parse(first.uri(), first.text());
        if (playlist instanceof HlsPlaylist.Media direct) {
            return new Chosen(first.uri(), direct, "", 0, 0, Optional.empty());
        }
        HlsPlaylist.Variant best = ((HlsPlaylist.Master) playlist).best();
        Fetched variant = retries.run("the HLS playlist " + best.uri(),
                () -> small(best.uri(), media, MAX_PLAYLIST_BYTES, "playlist"));
        if (!(HlsPlaylistParser.parse(variant.uri(), variant.text()) instanceof HlsPlaylist.Media chosen)) {
            throw new UnusableMediaException("the variant " + best.uri() + " of " + media.uri()
                    + " is a master playlist again, not a list of segments");
        }
        return new Chosen(variant.uri(), chosen, best.bandwidth() + " " + best.width() + "x" + best.height(),
                best.width(), best.height(), ((HlsPlaylist.Master) playlist).audioOf(best));
    }

    /** The separate audio rendition's playlist that the chosen variant plays with, if it has one. */
    private Optional<Chosen> audioPlaylist(MediaSource media, Chosen video) throws IOException, InterruptedException {
        if (video.audio().isEmpty()) {
            return Optional.empty();
        }
        URI uri = video.audio().get();
        Fetched fetched = retries.run("the HLS audio playlist " + uri,
                () -> small(uri, media, MAX_PLAYLIST_BYTES, "playlist"));
        if (!(HlsPlaylistParser.parse(fetched.uri(), fetched.text()) instanceof HlsPlaylist.Media audio)) {
            throw new UnusableMediaException("the audio rendition " + uri + " of " + media.uri()
                    + " is a master playlist, not a list of segments");
        }
        return Optional.of(new Chosen(fetched.uri(), audio, "audio", 0, 0, Optional.empty()));
    }

    /** The AES-128 keys the segments name, each fetched once, before any segment: the fetchers share them. */
    private Map<URI, byte[]> keys(List<HlsPlaylist.Segment> segments, MediaSource media)
            throws IOException, InterruptedException {
        Map<URI, byte[]> keys = new HashMap<>();
        for (HlsPlaylist.Segment segment : segments) {
            if (segment.key().isEmpty() || keys.containsKey(segment.key().get().uri())) {
                continue;
            }
            URI uri = segment.key().get().uri();
            byte[] secret = retries.run("the key " + uri, () -> small(uri, media, KEY_BYTES, "key")).bytes();
            if (secret.length != KEY_BYTES) {
                throw new UnusableMediaException("the AES-128 key " + uri + " has " + secret.length + " bytes instead of "
                        + KEY_BYTES);
            }
            keys.put(uri, secret);
        }
        return Map.copyOf(keys);
    }

    private SegmentDecipher cipher(HlsPlaylist.Segment segment, Map<URI, byte[]> keys) {
        if (segment.key().isEmpty()) {
            return null;
        }
        HlsPlaylist.Key key = segment.key().get();
        // Found at the first encrypted segment, not when the engine is made: the start need not load NSS.
        return SegmentCiphers.fastest().decipher(keys.get(key.uri()), key.iv());
    }

    /**
     * Fetches one resource into the buffer, decrypting it on the way when a cipher is given; an attempt begins
     * by throwing away what an earlier attempt left, in the buffer and in the progress.
     */
    private Void fetchInto(SegmentBuffer buffer, URI uri, MediaSource media, SegmentDecipher cipher,
            ProgressMeter meter, boolean inTurn) throws IOException, InterruptedException {
        buffer.clear();
        long counted = 0;
        try {
            MediaResponse response = send(uri, media);
            try (TimedBody body = cipher == null ? new TimedBody(response, requests.limits())
                    : new TimedBody(response, requests.limits(), buffer.chunk())) {
                checkStatus(uri, response.statusCode());
                if (cipher == null) {
                    if (body.announced().isPresent()) {
                        buffer.expect(uri, body.announced().getAsLong(), inTurn);
                    }
                    int bytes;
                    while ((bytes = buffer.readFrom((into, offset, length) -> read(body, uri, into, offset, length),
                            uri, inTurn)) >= 0) {
                        meter.add(bytes);
                        counted += bytes;
                    }
                } else {
                    ByteBuffer data;
                    while ((data = next(body, uri)) != null) {
                        int bytes = data.remaining();
                        buffer.put(uri, data, cipher, inTurn);
                        meter.add(bytes);
                        counted += bytes;
                    }
                    try {
                        buffer.finish(uri, cipher, inTurn);
                    } catch (GeneralSecurityException e) {
                        // A body cut short looks the same as a wrong key; another attempt tells them apart.
                        throw new PassingFailure(uri + " cannot be decrypted: " + e.getMessage(), e);
                    }
                }
            }
            counted = 0;
            return null;
        } finally {
            meter.add(-counted);
        }
    }

    /** A playlist or key, read whole but never beyond {@code limit} bytes, nor beyond the timeout: it is a page. */
    private Fetched small(URI uri, MediaSource media, int limit, String what) throws IOException, InterruptedException {
        MediaResponse response = send(uri, media);
        // Pages are small: a small array to read them, not a media chunk's.
        try (TimedBody body = new TimedBody(response, requests.limits().forPages(), new byte[PAGE_CHUNK_BYTES])) {
            checkStatus(uri, response.statusCode());
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ByteBuffer data;
            while ((data = next(body, uri)) != null) {
                if (bytes.size() + data.remaining() > limit) {
                    throw new UnusableMediaException("the " + what + " " + uri + " is larger than " + limit + " bytes");
                }
                bytes.write(data.array(), data.arrayOffset() + data.position(), data.remaining());
            }
            return new Fetched(response.uri(), bytes.toByteArray());
        }
    }

    private MediaResponse send(URI uri, MediaSource media)
            throws IOException, InterruptedException {
        try {
            return requests.get(uri, media.headers());
        } catch (RefusedDestinationException | UnusableMediaException e) {
            throw e;
        } catch (IOException e) {
            throw new PassingFailure("cannot reach " + uri + ": " + (e.getMessage() == null ? e : e.getMessage()), e);
        }
    }

    private static void checkStatus(URI uri, int status) throws IOException {
        if (status == 200) {
            return;
        }
        if (status == 404 || status == 410) {
            throw new MediaGoneException("the CDN no longer has " + uri + " (HTTP " + status + ")");
        }
        if (status == 403) {
            throw new IOException("the CDN refused " + uri + " (HTTP 403): the link may have expired, or the hoster's"
                    + " Referer was not accepted");
        }
        if (status == 408 || status == 429 || status >= 500) {
            throw new PassingFailure("HTTP " + status + " for " + uri, null);
        }
        throw new IOException("HTTP " + status + " for " + uri);
    }

    private static ByteBuffer next(TimedBody body, URI uri) throws IOException, InterruptedException {
        try {
            return body.next();
        } catch (IOException e) {
            throw brokeOff(uri, e);
        }
    }

    private static int read(TimedBody body, URI uri, byte[] into, int offset, int length)
            throws IOException, InterruptedException {
        try {
            return body.read(into, offset, length);
        } catch (IOException e) {
            throw brokeOff(uri, e);
        }
    }

    private static PassingFailure brokeOff(URI uri, IOException e) {
        return new PassingFailure("download of " + uri + " broke off: " + e.getMessage(), e);
    }

    /** A small resource as fetched; {@code uri} is where it came from after redirects, the base of its references. */
    private record Fetched(URI uri, byte[] bytes) {

        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** The media playlist to download, where it came from, and which quality of the master it is ("" if none). */
    private record Chosen(URI uri, HlsPlaylist.Media playlist, String variant, int width, int height,
            Optional<URI> audio) {
    }

    /** The files of one download into one kind of output. */
    private record Output(Path file, Path part, Path origin, Path checkpoint) {

        static Output of(Path folder, String name, String extension) {
            String fileName = FileNames.sanitise(name) + "." + extension;
            return new Output(folder.resolve(fileName), folder.resolve(fileName + ".part"),
                    folder.resolve(fileName + ".part.origin"), folder.resolve(fileName + ".part.segments"));
        }

        List<Path> all() {
            return List.of(file, part, origin, checkpoint, checkpoint.resolveSibling(checkpoint.getFileName() + ".next"));
        }

        /** Whether this is MPEG-TS, which ffmpeg can put into another container. */
        boolean remuxable() {
            return file.getFileName().toString().endsWith(".ts");
        }
    }
}
