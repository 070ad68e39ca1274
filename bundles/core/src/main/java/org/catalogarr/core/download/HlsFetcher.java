package org.catalogarr.core.download;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Flow;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.catalogarr.hoster.api.MediaSource;
import org.catalogarr.hoster.api.RefusedDestinationException;

/**
 * Downloads an HLS video-on-demand stream: the best variant's segments, decrypted where they are
 * AES-128 encrypted, one after the other into {@code <name>.ts} (MPEG-TS) or {@code <name>.mp4}
 * (fragmented MP4, after its initialisation section). Like {@link Mp4Fetcher} it writes a part file
 * and renames it when complete; a checkpoint after every segment lets a later call for the same offer
 * continue after the last whole segment, even when the hoster hands out new (expiring) URLs by then.
 */
final class HlsFetcher {

    /** A playlist of the longest film in short segments stays far below this. */
    static final int MAX_PLAYLIST_BYTES = 4 * 1024 * 1024;
    private static final int KEY_BYTES = 16;
    private static final int DEFAULT_ATTEMPTS = 3;
    private static final Duration DEFAULT_BACKOFF = Duration.ofMillis(500);

    private final MediaRequests requests;
    private final int attempts;
    private final Duration backoff;

    /** @param requests where the media may be fetched from, and within which limits */
    HlsFetcher(MediaRequests requests) {
        this(requests, DEFAULT_ATTEMPTS, DEFAULT_BACKOFF);
    }

    /**
     * @param attempts how often a request that failed for a passing reason is tried in all
     * @param backoff the wait before the second attempt; it grows with each further one
     */
    HlsFetcher(MediaRequests requests, int attempts, Duration backoff) {
        if (attempts < 1) {
            throw new IllegalArgumentException("at least one attempt, not " + attempts);
        }
        this.requests = requests;
        this.attempts = attempts;
        this.backoff = backoff;
    }

    /** For both kinds of output (MPEG-TS, then MP4): the finished file, the part file, its origin and its checkpoint. */
    static List<Path> files(Path folder, String name) {
        List<Path> files = new ArrayList<>();
        for (String extension : List.of("ts", "mp4")) {
            files.addAll(Output.of(folder, name, extension).all());
        }
        return List.copyOf(files);
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
        HlsPlaylist.Media playlist = chosen.playlist();
        if (!playlist.ended()) {
            throw new UnusableMediaException("the HLS playlist " + chosen.uri() + " has no #EXT-X-ENDLIST: it is a live"
                    + " stream, not an episode");
        }
        Path directory = folder.checked();
        Output output = Output.of(directory, name, playlist.map().isPresent() ? "mp4" : "ts");
        Files.createDirectories(directory);
        // Mp4Fetcher writes the same .mp4.part for a plain MP4 of this offer; the marker keeps the two apart.
        String recordedOrigin = "HLS " + origin;
        HlsCheckpoint checkpoint = resumePoint(output, recordedOrigin, playlist.segments().size(), chosen.variant());
        Files.writeString(output.origin(), recordedOrigin, StandardCharsets.UTF_8);
        progress.file(output.file());

        List<HlsPlaylist.Segment> segments = playlist.segments();
        Map<URI, byte[]> keys = new HashMap<>();
        ProgressMeter meter = new ProgressMeter(progress, checkpoint.bytes(), -1);
        meter.estimate(estimatedTotal(checkpoint.bytes(), checkpoint.segments(), segments.size()));
        try (FileChannel out = FileChannel.open(output.part(), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            out.truncate(checkpoint.bytes());
            out.position(checkpoint.bytes());
            if (checkpoint.bytes() == 0 && playlist.map().isPresent()) {
                URI map = playlist.map().get();
                retrying("the initialisation section " + map, () -> copy(map, media, Optional.empty(), out, 0, meter));
                checkpoint = new HlsCheckpoint(0, out.position(), segments.size(), chosen.variant());
                folder.checked();
                checkpoint.write(output.checkpoint());
            }
            for (int index = checkpoint.segments(); index < segments.size(); index++) {
                HlsPlaylist.Segment segment = segments.get(index);
                long start = out.position();
                String what = "segment " + (index + 1) + " of " + segments.size() + " (" + segment.uri() + ")";
                // A fresh cipher per attempt: a broken attempt leaves the old one in the middle of a block chain.
                retrying(what, () -> copy(segment.uri(), media, cipher(segment, media, keys), out, start, meter));
                // On disk before the checkpoint names it: after a power cut the checkpoint is never ahead of the bytes.
                out.force(false);
                checkpoint = new HlsCheckpoint(index + 1, out.position(), segments.size(), chosen.variant());
                folder.checked();
                checkpoint.write(output.checkpoint());
                meter.estimate(estimatedTotal(checkpoint.bytes(), checkpoint.segments(), segments.size()));
            }
        }
        meter.finish();
        folder.checked();
        Files.move(output.part(), output.file(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Files.deleteIfExists(output.checkpoint());
        Files.deleteIfExists(output.origin());
        return output.file();
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
        Fetched first = retrying("the HLS playlist " + media.uri(),
                () -> small(media.uri(), media, MAX_PLAYLIST_BYTES, "playlist"));
        HlsPlaylist playlist = HlsPlaylistParser.parse(first.uri(), first.text());
        if (playlist instanceof HlsPlaylist.Media direct) {
            return new Chosen(first.uri(), direct, "");
        }
        HlsPlaylist.Variant best = ((HlsPlaylist.Master) playlist).best();
        Fetched variant = retrying("the HLS playlist " + best.uri(),
                () -> small(best.uri(), media, MAX_PLAYLIST_BYTES, "playlist"));
        if (!(HlsPlaylistParser.parse(variant.uri(), variant.text()) instanceof HlsPlaylist.Media chosen)) {
            throw new UnusableMediaException("the variant " + best.uri() + " of " + media.uri()
                    + " is a master playlist again, not a list of segments");
        }
        return new Chosen(variant.uri(), chosen, best.bandwidth() + " " + best.width() + "x" + best.height());
    }

    private Optional<Cipher> cipher(HlsPlaylist.Segment segment, MediaSource media, Map<URI, byte[]> keys)
            throws IOException, InterruptedException {
        if (segment.key().isEmpty()) {
            return Optional.empty();
        }
        HlsPlaylist.Key key = segment.key().get();
        byte[] secret = keys.get(key.uri());
        if (secret == null) {
            secret = retrying("the key " + key.uri(), () -> small(key.uri(), media, KEY_BYTES, "key")).bytes();
            if (secret.length != KEY_BYTES) {
                throw new UnusableMediaException("the AES-128 key " + key.uri() + " has " + secret.length
                        + " bytes instead of " + KEY_BYTES);
            }
            keys.put(key.uri(), secret);
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(secret, "AES"), new IvParameterSpec(key.iv()));
            return Optional.of(cipher);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has AES/CBC/PKCS5Padding", e);
        }
    }

    /**
     * Streams one resource into the part file from {@code start} on, decrypting it on the way; an
     * attempt begins by throwing away what an earlier attempt left.
     */
    private Void copy(URI uri, MediaSource media, Optional<Cipher> cipher, FileChannel out, long start,
            ProgressMeter meter) throws IOException, InterruptedException {
        out.truncate(start);
        out.position(start);
        meter.rewind(start);
        HttpResponse<Flow.Publisher<List<ByteBuffer>>> response = send(uri, media);
        try (TimedBody body = new TimedBody(requests.limits())) {
            response.body().subscribe(body);
            checkStatus(uri, response.statusCode());
            List<ByteBuffer> chunk;
            while ((chunk = next(body, uri)) != null) {
                for (ByteBuffer buffer : chunk) {
                    if (cipher.isPresent()) {
                        byte[] encrypted = new byte[buffer.remaining()];
                        buffer.get(encrypted);
                        write(out, cipher.get().update(encrypted), meter);
                    } else {
                        int bytes = buffer.remaining();
                        while (buffer.hasRemaining()) {
                            out.write(buffer);
                        }
                        meter.add(bytes);
                    }
                }
                if (Thread.interrupted()) {
                    throw new InterruptedException("download of " + uri + " interrupted; the part file is kept");
                }
            }
        }
        if (cipher.isPresent()) {
            try {
                write(out, cipher.get().doFinal(), meter);
            } catch (GeneralSecurityException e) {
                // A body cut short looks the same as a wrong key; another attempt tells them apart.
                throw new PassingFailure(uri + " cannot be decrypted: " + e.getMessage(), e);
            }
        }
        return null;
    }

    private static void write(FileChannel out, byte[] bytes, ProgressMeter meter) throws IOException {
        if (bytes == null || bytes.length == 0) {
            return;
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
        meter.add(bytes.length);
    }

    /** A playlist or key, read whole but never beyond {@code limit} bytes, nor beyond the timeout: it is a page. */
    private Fetched small(URI uri, MediaSource media, int limit, String what) throws IOException, InterruptedException {
        HttpResponse<Flow.Publisher<List<ByteBuffer>>> response = send(uri, media);
        try (TimedBody body = new TimedBody(requests.limits().forPages())) {
            response.body().subscribe(body);
            checkStatus(uri, response.statusCode());
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            List<ByteBuffer> chunk;
            while ((chunk = next(body, uri)) != null) {
                for (ByteBuffer buffer : chunk) {
                    if (bytes.size() + buffer.remaining() > limit) {
                        throw new UnusableMediaException("the " + what + " " + uri + " is larger than " + limit
                                + " bytes");
                    }
                    byte[] part = new byte[buffer.remaining()];
                    buffer.get(part);
                    bytes.write(part);
                }
            }
            return new Fetched(response.uri(), bytes.toByteArray());
        }
    }

    private HttpResponse<Flow.Publisher<List<ByteBuffer>>> send(URI uri, MediaSource media)
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

    private static List<ByteBuffer> next(TimedBody body, URI uri) throws IOException, InterruptedException {
        try {
            return body.next();
        } catch (IOException e) {
            throw new PassingFailure("download of " + uri + " broke off: " + e.getMessage(), e);
        }
    }

    /** Runs a request, again after a growing pause when it failed for a passing reason, up to the attempts. */
    private <T> T retrying(String what, Attempt<T> attempt) throws IOException, InterruptedException {
        for (int number = 1;; number++) {
            try {
                return attempt.run();
            } catch (PassingFailure e) {
                if (number >= attempts) {
                    throw new IOException(what + " failed " + attempts + (attempts == 1 ? " time" : " times")
                            + ", last: " + e.getMessage(), e);
                }
                Thread.sleep(backoff.toMillis() * number);
            }
        }
    }

    @FunctionalInterface
    private interface Attempt<T> {
        T run() throws IOException, InterruptedException;
    }

    /** A failure that another attempt may not meet: a broken or silent connection, an overloaded server. */
    private static final class PassingFailure extends IOException {

        private static final long serialVersionUID = 1L;

        PassingFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A small resource as fetched; {@code uri} is where it came from after redirects, the base of its references. */
    private record Fetched(URI uri, byte[] bytes) {

        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** The media playlist to download, where it came from, and which quality of the master it is ("" if none). */
    private record Chosen(URI uri, HlsPlaylist.Media playlist, String variant) {
    }

    /** The files of one download into one kind of output. */
    private record Output(Path file, Path part, Path origin, Path checkpoint) {

        static Output of(Path folder, String name, String extension) {
            String fileName = FileNames.sanitise(name) + "." + extension;
            return new Output(folder.resolve(fileName), folder.resolve(fileName + ".part"),
                    folder.resolve(fileName + ".part.origin"), folder.resolve(fileName + ".part.segments"));
        }

        List<Path> all() {
            return List.of(file, part, origin, checkpoint);
        }
    }
}
