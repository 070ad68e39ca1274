package org.catalogarr.core.download;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.catalogarr.hoster.api.MediaSource;
import org.catalogarr.hoster.api.RefusedDestinationException;

/**
 * Downloads one MP4 into {@code <name>.mp4.part} and renames it to {@code <name>.mp4} once it has
 * its full length. An existing part file is resumed with a byte range, but only if it came from the
 * same offer: another hoster's encode of the episode would not fit onto its bytes.
 */
final class Mp4Fetcher {

    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");
    private static final Pattern UNSATISFIED_RANGE = Pattern.compile("bytes \\*/(\\d+)");

    private final MediaRequests requests;
    private final Retries retries;

    /** @param requests where the media may be fetched from, and within which limits */
    Mp4Fetcher(MediaRequests requests) {
        this(requests, Retries.DEFAULT);
    }

    /** @param retries how often a cut or stalled transfer is resumed at once, before the job waits for a retry */
    Mp4Fetcher(MediaRequests requests, Retries retries) {
        this.requests = requests;
        this.retries = retries;
    }

    /**
     * The finished file, the part file and the note of the part file's origin, in that order; then the
     * finished file under each resolution label its name may have been given.
     */
    static List<Path> files(Path folder, String name) {
        String fileName = FileNames.sanitise(name) + ".mp4";
        List<Path> files = new ArrayList<>(List.of(folder.resolve(fileName), folder.resolve(fileName + ".part"),
                folder.resolve(fileName + ".part.origin")));
        for (String label : List.of("2160p", "1080p", "720p", "480p")) {
            Path renamed = folder.resolve(FileNames.sanitise(ReleaseQuality.withLabel(name, label)) + ".mp4");
            if (!files.contains(renamed)) {
                files.add(renamed);
            }
        }
        return List.copyOf(files);
    }

    /**
     * @param folder where the file goes; checked against the download root before it is written to
     * @param origin what the media stands for (hoster and site link); a part file of another origin is discarded
     * @return the finished file
     * @throws MediaGoneException when the media server no longer has the file
     * @throws IOException when the download broke off as often as it may be tried, or its length is wrong; the
     *         part file stays for a resume unless it cannot be trusted
     * @throws InterruptedException when the thread was interrupted; the part file stays for a resume
     */
    Path fetch(MediaSource media, TargetFolder folder, String name, String origin, DownloadEngine.Progress progress)
            throws IOException, InterruptedException {
        Path directory = folder.checked();
        List<Path> files = files(directory, name);
        Files.createDirectories(directory);
        discardForeignPart(files.get(1), files.get(2), origin);
        Files.writeString(files.get(2), origin, StandardCharsets.UTF_8);
        // A cut connection resumes from the part file's end with a range request, as a later job retry would.
        return retries.run("", () -> attempt(media, folder, name, files, progress));
    }

    private Path attempt(MediaSource media, TargetFolder folder, String name, List<Path> files,
            DownloadEngine.Progress progress) throws IOException, InterruptedException {
        Path target = files.get(0);
        Path part = files.get(1);
        Path originFile = files.get(2);
        long offset = Files.exists(part) ? Files.size(part) : 0;
        MediaResponse response = send(media, offset);
        try (TimedBody body = new TimedBody(response, requests.limits())) {
            if (alreadyComplete(response, offset)) {
                return finish(folder, part, target, originFile, name, progress);
            }
            long total = expectedTotal(media.uri(), response, offset);
            progress.file(target);
            boolean resumed = response.statusCode() == 206;
            long start = resumed ? offset : 0;
            ProgressMeter meter = new ProgressMeter(progress, start, total);
            folder.checked();
            copy(body, part, resumed, meter, total, media.uri());
            meter.finish();
            // Everything after the download goes through the folder's name again.
            folder.checked();
            long size = Files.size(part);
            if (total >= 0 && size != total) {
                // A part file longer or shorter than the server's own total cannot be resumed sensibly.
                Files.delete(part);
                throw new IOException("length mismatch for " + media.uri() + ": got " + size + " bytes, the server announced "
                        + total);
            }
        }
        return finish(folder, part, target, originFile, name, progress);
    }

    /**
     * Renames the complete part file, under the release name with the resolution its video track really has
     * when Sonarr would read that differently from the name's.
     */
    private static Path finish(TargetFolder folder, Path part, Path target, Path originFile, String name,
            DownloadEngine.Progress progress) throws IOException {
        Mp4Resolution.Size size = Mp4Resolution.of(part);
        Path named = target.resolveSibling(FileNames.sanitise(ReleaseQuality.named(name, size.width(), size.height()))
                + ".mp4");
        if (!named.equals(target)) {
            progress.file(named);
        }
        // The folder may have been swapped for a link during the download; the rename goes through its name.
        folder.checked();
        Files.move(part, named, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Files.deleteIfExists(originFile);
        return named;
    }

    /**
     * A part file that already holds every byte (the service stopped between the last byte and the
     * rename) gets 416 for the range after its end, with the full length in {@code Content-Range}.
     */
    private static boolean alreadyComplete(MediaResponse response, long offset) {
        if (response.statusCode() != 416 || offset <= 0) {
            return false;
        }
        Matcher match = UNSATISFIED_RANGE.matcher(response.header("Content-Range").orElse(""));
        return match.matches() && Long.parseLong(match.group(1)) == offset;
    }

    /** Deletes a part file that another offer left: another encode would not fit onto its bytes. */
    private static void discardForeignPart(Path part, Path originFile, String origin) throws IOException {
        if (!Files.exists(part)) {
            return;
        }
        boolean sameOrigin = Files.exists(originFile) && Files.readString(originFile, StandardCharsets.UTF_8).equals(origin);
        if (!sameOrigin) {
            Files.delete(part);
        }
    }

    private MediaResponse send(MediaSource media, long offset)
            throws IOException, InterruptedException {
        Map<String, String> headers = new HashMap<>(media.headers());
        if (offset > 0) {
            headers.put("Range", "bytes=" + offset + "-");
        }
        try {
            return requests.get(media.uri(), headers);
        } catch (RefusedDestinationException | UnusableMediaException e) {
            throw e;
        } catch (IOException e) {
            throw new PassingFailure("cannot reach " + media.uri() + ": " + (e.getMessage() == null ? e : e.getMessage()),
                    e);
        }
    }

    /** The size the finished file must have, or -1 when the server does not say; fails on statuses without media. */
    private static long expectedTotal(URI uri, MediaResponse response, long offset) throws IOException {
        int status = response.statusCode();
        if (status == 404 || status == 410) {
            throw new MediaGoneException("the media server no longer has " + uri + " (HTTP " + status + ")");
        }
        if (status == 206) {
            String range = response.header("Content-Range").orElse("");
            Matcher match = CONTENT_RANGE.matcher(range);
            if (!match.matches() || Long.parseLong(match.group(1)) != offset) {
                throw new IOException("asked " + uri + " for bytes from " + offset + ", got Content-Range '" + range + "'");
            }
            return "*".equals(match.group(3)) ? -1 : Long.parseLong(match.group(3));
        }
        if (status == 408 || status == 429 || status >= 500) {
            throw new PassingFailure("HTTP " + status + " for " + uri, null);
        }
        if (status != 200) {
            throw new IOException("HTTP " + status + " for " + uri);
        }
        return response.contentLength().orElse(-1);
    }

    private static void copy(TimedBody body, Path part, boolean append, ProgressMeter meter, long total, URI uri)
            throws IOException, InterruptedException {
        StandardOpenOption mode = append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING;
        try (FileChannel out = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE, mode);
                BlockWriter writer = new BlockWriter(out)) {
            ByteBuffer data;
            while ((data = next(body, uri, meter, total)) != null) {
                int bytes = data.remaining();
                writer.write(data);
                meter.add(bytes);
                if (Thread.interrupted()) {
                    throw new InterruptedException("download of " + uri + " interrupted; " + part + " is kept");
                }
            }
        }
    }

    /**
     * The next buffers. A failure says how far the file got, which is where a retry resumes, and whether
     * the connection broke (a cause from the transport) or the body's own limits gave up on a slow server.
     */
    private static ByteBuffer next(TimedBody body, URI uri, ProgressMeter meter, long total)
            throws IOException, InterruptedException {
        try {
            return body.next();
        } catch (IOException e) {
            String what = e.getCause() != null ? "connection cut" : "download given up";
            throw new PassingFailure(what + " at " + ByteSize.format(meter.bytes())
                    + (total >= 0 ? " of " + ByteSize.format(total) : "") + " (" + uri + "): " + e.getMessage(), e);
        }
    }
}
