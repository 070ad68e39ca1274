package org.catalogarr.core.qbit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.Test;

public class FormParametersTest {

    static final String BOUNDARY = "----8dc1f2c3";

    static byte[] multipart(String... namesAndValues) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            b.append("--").append(BOUNDARY).append("\r\n")
                    .append("Content-Disposition: form-data; name=\"").append(namesAndValues[i]).append("\"\r\n")
                    .append("\r\n").append(namesAndValues[i + 1]).append("\r\n");
        }
        b.append("--").append(BOUNDARY).append("--\r\n");
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A multipart body with the files first, as Sonarr sends them, then the fields. */
    static byte[] multipart(List<FilePart> files, String... namesAndValues) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (FilePart file : files) {
            body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + file.field()
                    + "\"; filename=\"" + file.fileName() + "\"\r\nContent-Type: application/x-bittorrent\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.writeBytes(file.content());
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        byte[] fields = multipart(namesAndValues);
        body.writeBytes(fields);
        return body.toByteArray();
    }

    /** Jetty's limit too: a body of a million empty-valued fields is refused, not turned into a million lists. */
    @Test
    public void refusesAFormOfMoreThanAThousandFields() {
        byte[] body = "a=&".repeat(500_000).getBytes(StandardCharsets.US_ASCII);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FormParameters.parse("q=1", "application/x-www-form-urlencoded", body));

        assertEquals("form with more than 1000 fields", e.getMessage());
        assertEquals(1000, FormParameters.parse("q=1&&", "application/x-www-form-urlencoded",
                "a=&&".repeat(999).getBytes(StandardCharsets.US_ASCII)).values().values().stream()
                .mapToInt(List::size).sum());
    }

    @Test
    public void readsAnUrlEncodedBody() {
        FormParameters p = FormParameters.parse(null, "application/x-www-form-urlencoded; charset=UTF-8",
                "urls=magnet%3A%3Fxt%3Durn%3Abtih%3Aabc%26dn%3DA+B&category=tv-sonarr&stopped=False"
                        .getBytes(StandardCharsets.UTF_8));

        assertEquals("magnet:?xt=urn:btih:abc&dn=A B", p.text("urls"));
        assertEquals("tv-sonarr", p.text("category"));
        assertEquals(Optional.of(false), p.bool("stopped"));
    }

    @Test
    public void readsAMultipartBodyTheSameWay() {
        String longMagnet = "magnet:?xt=urn:btih:abc&dn=A B" + "&tr=udp://t".repeat(200);
        FormParameters p = FormParameters.parse(null, "multipart/form-data; boundary=\"" + BOUNDARY + "\"",
                multipart("urls", longMagnet + "\nmagnet:?second", "category", "tv-sonarr", "stopped", "True"));

        assertEquals(longMagnet + "\nmagnet:?second", p.text("urls"));
        assertEquals("tv-sonarr", p.text("category"));
        assertEquals(Optional.of(true), p.bool("stopped"));
        assertTrue(p.fileParts().isEmpty());
    }

    @Test
    public void notesFilePartsWithoutTakingThemForValues() {
        byte[] body = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"torrents\"; filename=\"x.torrent\""
                + "\r\nContent-Type: application/octet-stream\r\n\r\nd4:infod4:name1:xee\r\n--" + BOUNDARY + "--\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);

        FormParameters p = FormParameters.parse(null, "multipart/form-data; boundary=" + BOUNDARY, body);

        assertEquals(List.of(new FilePart("torrents", "x.torrent", "d4:infod4:name1:xee".getBytes(StandardCharsets.UTF_8))),
                p.fileParts());
        assertFalse(p.first("torrents").isPresent());
    }

    @Test
    public void keepsTheExactBytesOfFilesUnderAnyFieldName() {
        byte[] binary = { 'd', 0, (byte) 0xff, '\r', '\n', '-', '-', '\r', '\n', 'e' };
        byte[] body = multipart(List.of(new FilePart("file", "file.torrent", binary),
                new FilePart("torrents", "Series – S01E01.torrent", new byte[0])), "category", "tv");

        FormParameters p = FormParameters.parse(null, "multipart/form-data; boundary=" + BOUNDARY, body);

        assertEquals(List.of(new FilePart("file", "file.torrent", binary),
                new FilePart("torrents", "Series – S01E01.torrent", new byte[0])), p.fileParts());
        assertEquals("tv", p.text("category"));
    }

    @Test
    public void readsAnEncodedFileName() {
        byte[] body = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"torrents\";"
                + " filename*=UTF-8''Serie%20%E2%80%93%201+2.torrent\r\n\r\nde\r\n--" + BOUNDARY + "--\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);

        FormParameters p = FormParameters.parse(null, "multipart/form-data; boundary=" + BOUNDARY, body);

        assertEquals("Serie – 1+2.torrent", p.fileParts().get(0).fileName());
    }

    @Test
    public void refusesAFileLargerThanTheLimit() {
        byte[] largest = multipart(List.of(new FilePart("torrents", "x.torrent", new byte[FormParameters.MAX_FILE_BYTES])));
        byte[] larger = multipart(List.of(new FilePart("torrents", "x.torrent",
                new byte[FormParameters.MAX_FILE_BYTES + 1])));

        assertEquals(FormParameters.MAX_FILE_BYTES, FormParameters.parse(null, "multipart/form-data; boundary=" + BOUNDARY,
                largest).fileParts().get(0).content().length);
        FormParameters.PartTooLarge e = assertThrows(FormParameters.PartTooLarge.class,
                () -> FormParameters.parse(null, "multipart/form-data; boundary=" + BOUNDARY, larger));
        assertEquals("File 'x.torrent' in field 'torrents' has 1048577 bytes, more than the 1048576 a file may have",
                e.getMessage());
    }

    @Test
    public void readsBooleansInAnyCase() {
        FormParameters p = FormParameters.of("a", "True", "b", "false", "c", "TRUE", "d", "FaLsE", "e", "yes");

        assertEquals(Optional.of(true), p.bool("a"));
        assertEquals(Optional.of(false), p.bool("b"));
        assertEquals(Optional.of(true), p.bool("c"));
        assertEquals(Optional.of(false), p.bool("d"));
        assertEquals(Optional.of(false), p.bool("e"));
        assertTrue(p.bool("missing", true));
        assertFalse(p.bool("missing", false));
    }

    @Test
    public void joinsQueryAndBodyQueryFirst() {
        FormParameters p = FormParameters.parse("hash=AB%7Ccd&rid=3", "application/x-www-form-urlencoded",
                "hash=ef".getBytes(StandardCharsets.UTF_8));

        assertEquals(List.of("AB|cd", "ef"), p.values().get("hash"));
        assertEquals("3", p.text("rid"));
    }

    @Test
    public void keepsEmptyValuesApartFromMissingOnes() {
        FormParameters p = FormParameters.parse("category=&flag", null, new byte[0]);

        assertEquals(Optional.of(""), p.first("category"));
        assertEquals(Optional.of(""), p.first("flag"));
        assertEquals(Optional.empty(), p.first("other"));
    }

    @Test
    public void refusesMultipartWithoutBoundary() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FormParameters.parse(null, "multipart/form-data", multipart("a", "b")));
        assertEquals("multipart/form-data without a boundary", e.getMessage());
    }

    @Test
    public void refusesATruncatedMultipartBody() {
        byte[] body = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue")
                .getBytes(StandardCharsets.UTF_8);

        assertThrows(IllegalArgumentException.class,
                () -> FormParameters.parse(null, "multipart/form-data; boundary=" + BOUNDARY, body));
    }

    @Test
    public void aBoundaryOfSeventyCharactersIsTheLongestTaken() {
        String boundary = "b".repeat(FormParameters.MAX_BOUNDARY_LENGTH);
        byte[] body = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--" + boundary
                + "--\r\n").getBytes(StandardCharsets.ISO_8859_1);

        assertEquals("1", FormParameters.parse(null, "multipart/form-data; boundary=" + boundary, body).text("a"));
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                () -> FormParameters.parse(null, "multipart/form-data; boundary=" + boundary + "b", body));
        assertEquals("multipart boundary must have 1 to 70 characters", tooLong.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> FormParameters.parse(null, "multipart/form-data; boundary=\"\"", body));
    }

    /** An 8 MiB part that almost repeats the longest boundary everywhere: the worst case of a naive search. */
    @Test
    public void aWorstCaseBodyParsesWellUnderASecond() {
        String boundary = "-".repeat(FormParameters.MAX_BOUNDARY_LENGTH - 1) + "x";
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] body = new byte[head.length + 8 * 1024 * 1024 + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        Arrays.fill(body, head.length, body.length - tail.length, (byte) '-');
        System.arraycopy(tail, 0, body, body.length - tail.length, tail.length);

        long started = System.nanoTime();
        FormParameters p = FormParameters.parse(null, "multipart/form-data; boundary=" + boundary, body);
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertEquals(8 * 1024 * 1024, p.text("a").length());
        assertTrue("took " + millis + " ms", millis < 1000);
    }

    @Test
    public void aBodyOfTooManyPartsIsRefused() {
        String[] fields = new String[2 * (FormParameters.MAX_PARTS + 1)];
        for (int i = 0; i < fields.length; i += 2) {
            fields[i] = "f";
            fields[i + 1] = "v";
        }
        assertEquals(FormParameters.MAX_PARTS, FormParameters.parse(null, "multipart/form-data; boundary=" + BOUNDARY,
                multipart(Arrays.copyOf(fields, 2 * FormParameters.MAX_PARTS))).values().get("f").size());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FormParameters.parse(null, "multipart/form-data; boundary=" + BOUNDARY, multipart(fields)));
        assertEquals("multipart body with more than 1000 parts", e.getMessage());
    }
}
