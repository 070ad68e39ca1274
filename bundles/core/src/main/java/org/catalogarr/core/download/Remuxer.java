package org.catalogarr.core.download;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.catalogarr.core.threads.DaemonThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a finished MPEG-TS download into MP4 or Matroska with {@code ffmpeg}, without re-encoding: Sonarr and
 * most players handle those better than a transport stream. ffmpeg is a child process with a time limit, its
 * output drained (the last lines kept for the message), and killed when the job's thread is interrupted
 * (pause, delete, stop). Without ffmpeg on the PATH the {@code .ts} stays, and the log says so once.
 */
final class Remuxer {

    /** The container of an HLS download in MPEG-TS, as the setting names it. */
    enum Container {
        TS, MP4, MKV;

        String extension() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Container parse(String value) {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(Remuxer.class);
    private static final int KEPT_OUTPUT_CHARS = 2000;

    private final Container container;
    private final String ffmpeg;
    private final Duration timeout;
    private volatile Boolean available;

    /**
     * @param ffmpeg the program, found through the PATH when it is a bare name
     * @param timeout the longest a remux may take; copying streams runs at disk speed
     */
    Remuxer(Container container, String ffmpeg, Duration timeout) {
        this.container = container;
        this.ffmpeg = ffmpeg;
        this.timeout = timeout;
    }

    /** The extension the finished file gets when a {@code .ts} download is remuxed, or {@code ts} when it is not. */
    String extension() {
        return container == Container.TS || !available() ? "ts" : container.extension();
    }

    /** The extension of video and separate audio merged: the configured container, MP4 when that is MPEG-TS. */
    String mergedExtension() {
        return container == Container.MKV ? "mkv" : "mp4";
    }

    /** Whether ffmpeg can be run; asked once, and its absence logged once. */
    boolean available() {
        Boolean known = available;
        if (known == null) {
            known = probe();
            available = known;
            if (!known) {
                LOG.warn("ffmpeg is not on the PATH of the service: HLS downloads stay MPEG-TS (.ts) instead of {}, and"
                        + " streams with a separate audio rendition cannot be merged", container.extension());
            }
        }
        return known;
    }

    private boolean probe() {
        try {
            Process process = new ProcessBuilder(ffmpeg, "-hide_banner", "-version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Copies the streams of the inputs (video first, then audio) into {@code target}, through a temporary file
     * renamed at the end, so that the target never holds half a file.
     *
     * @throws IOException when ffmpeg fails or runs out of time, with the end of its output
     * @throws InterruptedException when the job is stopped; ffmpeg is killed and its temporary file deleted
     */
    void merge(List<Path> inputs, Path target) throws IOException, InterruptedException {
        Path temporary = target.resolveSibling(target.getFileName() + ".remux");
        List<String> command = new ArrayList<>(List.of(ffmpeg, "-nostdin", "-hide_banner", "-v", "error", "-y"));
        for (Path input : inputs) {
            command.addAll(List.of("-i", input.toString()));
        }
        if (inputs.size() == 1) {
            command.addAll(List.of("-map", "0:v?", "-map", "0:a?"));
        } else {
            command.addAll(List.of("-map", "0:v", "-map", "1:a"));
        }
        command.addAll(List.of("-c", "copy", "-f", container == Container.MKV ? "matroska" : "mp4",
                temporary.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        StringBuffer output = new StringBuffer();
        Thread drain = DaemonThreads.named("catalogarr-ffmpeg-output").newThread(() -> drain(process.getInputStream(),
                output));
        drain.start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IOException("ffmpeg did not finish " + target.getFileName() + " within " + timeout.toMinutes()
                        + " min");
            }
            drain.join(TimeUnit.SECONDS.toMillis(5));
            if (process.exitValue() != 0) {
                throw new IOException("ffmpeg could not remux into " + target.getFileName() + " (exit "
                        + process.exitValue() + "): " + output.toString().strip());
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
            Files.deleteIfExists(temporary);
        }
    }

    /** Reads ffmpeg's output to its end, keeping the last characters: a full pipe would stall ffmpeg. */
    private static void drain(InputStream in, StringBuffer kept) {
        byte[] buffer = new byte[4096];
        try {
            for (int read; (read = in.read(buffer)) > 0;) {
                kept.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
                if (kept.length() > KEPT_OUTPUT_CHARS) {
                    kept.delete(0, kept.length() - KEPT_OUTPUT_CHARS);
                }
            }
        } catch (IOException e) {
            // The process ended or was killed; what was read is kept.
        }
    }
}
