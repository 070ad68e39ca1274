package org.catalogarr.launcher;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.catalogarr.testkit.FakeCdn;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Black-box, issue 13: an HLS episode in MPEG-TS (made by ffmpeg in the test, a few seconds long) is remuxed
 * into MP4 with the same duration and streams; a stream whose sound is a separate audio rendition is merged;
 * and a service whose PATH has no ffmpeg keeps the stream as {@code .ts}. Skips when ffmpeg or ffprobe is
 * missing here (launcher/src/test/tools/install-test-tools installs them).
 */
public class RemuxIT {

    private static final String CODE = "aot0101de";
    private static final Set<String> COMPLETED = Set.of("pausedUP", "stoppedUP", "uploading", "stalledUP");

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private Installation installation;
    private VoeHlsLine line;
    private FakeCdn cdn;

    @Before
    public void start() throws Exception {
        assumeTrue("ffmpeg and ffprobe are needed (launcher/src/test/tools/install-test-tools)",
                runs("ffmpeg", "-version") && runs("ffprobe", "-version"));
        installation = new Installation(temp.newFolder("service").toPath());
        FakeCatalogues.startAndConfigure(installation.home.resolve("config"), installation.config, false);
        line = VoeHlsLine.open();
        cdn = line.cdn;
    }

    @After
    public void stop() throws InterruptedException {
        if (installation == null) {
            return;
        }
        installation.close();
        line.close();
    }

    @Test
    public void anMpegTsEpisodeBecomesAnMp4WithTheSameDurationAndStreams() throws Exception {
        Path source = hls("muxed", "-map", "0:v", "-map", "1:a");
        List<byte[]> segments = segments(source);
        cdn.serve(CODE, segments, List.of());

        JsonNode done = grab();

        Path file = Path.of(done.path("content_path").asText());
        assertTrue(file.toString(), file.getFileName().toString().endsWith(".mp4"));
        Path original = temp.getRoot().toPath().resolve("original.ts");
        Files.write(original, concatenated(segments));
        assertEquals(List.of("video h264", "audio aac"), streams(file));
        assertEquals(duration(original), duration(file), 0.2);
        try (Stream<Path> left = Files.list(file.getParent())) {
            assertEquals("only the MP4 is left", List.of(file.getFileName().toString()),
                    left.map(p -> p.getFileName().toString()).toList());
        }
        assertEquals(Files.size(file), done.path("size").asLong());
    }

    @Test
    public void aSeparateAudioRenditionIsMergedWithTheVideo() throws Exception {
        Path video = hls("video", "-map", "0:v");
        Path audio = hls("audio", "-map", "1:a");
        cdn.serve(CODE, segments(video), segments(audio));

        JsonNode done = grab();

        Path file = Path.of(done.path("content_path").asText());
        assertTrue(file.toString(), file.getFileName().toString().endsWith(".mp4"));
        assertEquals(List.of("video h264", "audio aac"), streams(file));
        assertTrue(String.valueOf(duration(file)), duration(file) > 3.5);
    }

    @Test
    public void withoutFfmpegOnThePathTheStreamStaysMpegTs() throws Exception {
        List<byte[]> segments = segments(hls("muxed", "-map", "0:v", "-map", "1:a"));
        cdn.serve(CODE, segments, List.of());
        installation.environment.put("PATH", pathWithout("ffmpeg").toString());

        JsonNode done = grab();

        Path file = Path.of(done.path("content_path").asText());
        assertTrue(file.toString(), file.getFileName().toString().endsWith(".ts"));
        assertArrayEquals(concatenated(segments), Files.readAllBytes(file));
        String log = Files.readString(installation.output, StandardCharsets.UTF_8);
        assertTrue("the log says why", log.contains("ffmpeg is not on the PATH"));
    }

    private JsonNode grab() throws Exception {
        installation.start();
        installation.http.awaitHealth(h -> "ok".equals(h.path("status").asText())
                && Http.catalogue(h, "aniworld").path("index").path("titles").asInt() > 0, Duration.ofSeconds(60));
        QbitClient qbit = new QbitClient(installation.http);
        String magnet = QbitFlowIT.germanMagnetFromTheFeed(installation.http);
        String hash = magnet.replaceAll(".*btih:([0-9a-fA-F]{40}).*", "$1").toLowerCase();
        assertEquals("Ok.", qbit.post("torrents/add", Map.of("urls", magnet)).body());
        return qbit.awaitTorrent(hash, t -> t.path("progress").asDouble() == 1.0
                && COMPLETED.contains(t.path("state").asText()), Duration.ofSeconds(90));
    }

    /** Four seconds of 640x360 H.264 and AAC as an HLS stream of one-second MPEG-TS segments; returns its folder. */
    private Path hls(String name, String... maps) throws Exception {
        Path folder = temp.newFolder(name).toPath();
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-f", "lavfi", "-i",
                "testsrc2=size=640x360:rate=25", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", "4"));
        command.addAll(List.of(maps));
        command.addAll(List.of("-c:v", "libx264", "-preset", "ultrafast", "-g", "25", "-c:a", "aac", "-f", "hls",
                "-hls_time", "1", "-hls_list_size", "0", "-hls_segment_filename", folder.resolve("seg%d.ts").toString(),
                folder.resolve("index.m3u8").toString()));
        assertEquals(0, run(command).exitValue());
        return folder;
    }

    private static List<byte[]> segments(Path folder) throws IOException {
        List<byte[]> segments = new ArrayList<>();
        for (int index = 0; Files.exists(folder.resolve("seg" + index + ".ts")); index++) {
            segments.add(Files.readAllBytes(folder.resolve("seg" + index + ".ts")));
        }
        assertTrue("ffmpeg made segments in " + folder, segments.size() >= 3);
        return segments;
    }

    private static byte[] concatenated(List<byte[]> segments) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        segments.forEach(bytes::writeBytes);
        return bytes.toByteArray();
    }

    /** The streams ffprobe sees, as "type codec", in order. */
    private static List<String> streams(Path file) throws Exception {
        return output(List.of("ffprobe", "-v", "error", "-show_entries", "stream=codec_type,codec_name", "-of",
                "csv=p=0", file.toString())).lines().map(l -> {
                    String[] parts = l.split(",");
                    return parts[1] + " " + parts[0];
                }).toList();
    }

    private static double duration(Path file) throws Exception {
        return Double.parseDouble(output(List.of("ffprobe", "-v", "error", "-show_entries", "format=duration", "-of",
                "csv=p=0", file.toString())).strip());
    }

    /** A folder of links to every program of the PATH but the named one (and its ffprobe sibling). */
    private Path pathWithout(String program) throws IOException {
        Path bin = temp.newFolder("bin-without-" + program).toPath();
        for (String folder : System.getenv("PATH").split(":")) {
            Path dir = Path.of(folder);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> programs = Files.list(dir)) {
                for (Path tool : programs.toList()) {
                    String name = tool.getFileName().toString();
                    if (!name.startsWith(program) && !name.startsWith("ffprobe") && !Files.exists(bin.resolve(name))) {
                        Files.createSymbolicLink(bin.resolve(name), tool);
                    }
                }
            }
        }
        return bin;
    }

    private static boolean runs(String... command) {
        try {
            return run(List.of(command)).exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    private static Process run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(String.join(" ", command) + " did not finish", process.waitFor(120, TimeUnit.SECONDS));
        return process;
    }

    private static String output(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(String.join(" ", command) + ": " + text, 0, process.exitValue());
        return text;
    }
}
