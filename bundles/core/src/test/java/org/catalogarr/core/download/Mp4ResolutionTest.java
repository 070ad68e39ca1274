package org.catalogarr.core.download;

import static org.junit.Assert.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class Mp4ResolutionTest {

    @Rule
    public final TemporaryFolder temp = new TemporaryFolder();

    private static byte[] box(String type, byte[]... contents) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] part : contents) {
            content.writeBytes(part);
        }
        return ByteBuffer.allocate(8 + content.size()).putInt(8 + content.size())
                .put(type.getBytes(StandardCharsets.US_ASCII)).put(content.toByteArray()).array();
    }

    /** A version-0 track header (84 bytes of content) with the size as 16.16 fixed point at its end. */
    private static byte[] tkhd(int width, int height) {
        return box("tkhd", ByteBuffer.allocate(84).putInt(76, width << 16).putInt(80, height << 16).array());
    }

    private Path file(byte[]... boxes) throws Exception {
        Path file = temp.newFile("video.mp4").toPath();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (byte[] box : boxes) {
            bytes.writeBytes(box);
        }
        Files.write(file, bytes.toByteArray());
        return file;
    }

    @Test
    public void theFirstTrackWithAPictureGivesTheSizeWhereverTheMovieHeaderIs() throws Exception {
        Path file = file(box("ftyp", "isom".getBytes(StandardCharsets.US_ASCII)), box("mdat", new byte[5000]),
                box("moov", box("mvhd", new byte[100]), box("trak", tkhd(0, 0)), box("trak", tkhd(1280, 720))));

        assertEquals(new Mp4Resolution.Size(1280, 720), Mp4Resolution.of(file));
    }

    @Test
    public void noMp4OrABrokenHeaderIsUnknown() throws Exception {
        assertEquals(Mp4Resolution.Size.UNKNOWN, Mp4Resolution.of(file("<html>not a video</html>".getBytes())));
        byte[] lying = box("moov", box("trak", tkhd(1920, 1080)));
        ByteBuffer.wrap(lying).putInt(0, 1 << 30);
        Path broken = temp.newFolder().toPath().resolve("broken.mp4");
        Files.write(broken, lying);
        assertEquals(Mp4Resolution.Size.UNKNOWN, Mp4Resolution.of(broken));
    }
}
