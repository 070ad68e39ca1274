package org.catalogarr.core.download;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How far an HLS part file got: written after every complete segment, so that a resume truncates the
 * part file to the last whole segment and fetches only the segments after it.
 *
 * @param segments how many segments the part file holds completely
 * @param bytes the part file's length after them (and after the initialisation section, if any)
 * @param segmentCount how many segments the playlist had, so that a different cut of the episode is not continued
 * @param variant the chosen quality, so that a part file of another quality is not continued
 */
record HlsCheckpoint(int segments, long bytes, int segmentCount, String variant) {

    private static final long MAX_FILE_BYTES = 4096;

    HlsCheckpoint {
        if (segments < 0 || bytes < 0 || segments > segmentCount || variant.contains("\n")) {
            throw new IllegalArgumentException("inconsistent HLS checkpoint " + segments + "/" + segmentCount + " at "
                    + bytes + " bytes");
        }
    }

    /** Whether a download of this playlist and quality can continue from here. */
    boolean continues(int playlistSegments, String playlistVariant) {
        return segmentCount == playlistSegments && variant.equals(playlistVariant);
    }

    /** Replaces the file as a whole: a crash in the middle of writing leaves the old checkpoint, never half a new one. */
    void write(Path file) throws IOException {
        Path next = file.resolveSibling(file.getFileName() + ".next");
        Files.writeString(next, "segments=" + segments + "\nbytes=" + bytes + "\nsegment_count=" + segmentCount
                + "\nvariant=" + variant + "\n", StandardCharsets.UTF_8);
        Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The checkpoint in the file, or empty when there is none or it cannot be read (then the part starts over). */
    static Optional<HlsCheckpoint> read(Path file) throws IOException {
        if (!Files.isRegularFile(file) || Files.size(file) > MAX_FILE_BYTES) {
            return Optional.empty();
        }
        Map<String, String> values = new HashMap<>();
        for (String line : new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        try {
            return Optional.of(new HlsCheckpoint(Integer.parseInt(values.get("segments")),
                    Long.parseLong(values.get("bytes")), Integer.parseInt(values.get("segment_count")),
                    values.getOrDefault("variant", "")));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
