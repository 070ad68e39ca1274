package org.catalogarr.core.qbit;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The parameters of one request, from its query string and its body, whether the body is
 * {@code application/x-www-form-urlencoded} or {@code multipart/form-data}: Sonarr switches to multipart
 * as soon as one value is longer than 1024 bytes, so every endpoint must read both the same way.
 *
 * @param values parameter name → values in the order sent; query values come first
 * @param fileParts the multipart parts that carried a file (a filename), in the order sent
 */
public record FormParameters(Map<String, List<String>> values, List<FilePart> fileParts) {

    /**
     * Far above any torrent file of ours, which has a few hundred bytes; a torrent of anybody else is
     * refused after reading anyway, so a larger part is not worth the memory.
     */
    public static final int MAX_FILE_BYTES = 1024 * 1024;

    /** RFC 2046's limit; a longer boundary is no client's and only makes searching dearer. */
    static final int MAX_BOUNDARY_LENGTH = 70;
    /**
     * Far above the few fields and files of a {@code torrents/add}; keeps a body of tiny parts or fields
     * from piling up (Jetty's own form limit is the same).
     */
    static final int MAX_PARTS = 1000;
    private static final BytePattern CRLF_CRLF = new BytePattern("\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    private static final BytePattern LF_LF = new BytePattern("\n\n".getBytes(StandardCharsets.ISO_8859_1));

    /** A file part larger than {@link #MAX_FILE_BYTES}. */
    public static final class PartTooLarge extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        PartTooLarge(String message) {
            super(message);
        }
    }

    public FormParameters {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        values = Map.copyOf(copy);
        fileParts = List.copyOf(fileParts);
    }

    public static FormParameters of(String... namesAndValues) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            values.computeIfAbsent(namesAndValues[i], k -> new ArrayList<>()).add(namesAndValues[i + 1]);
        }
        return new FormParameters(values, List.of());
    }

    /**
     * Reads the query string and the body.
     *
     * @param query the raw query string, or null
     * @param contentType the body's content type, or null
     * @param body the body's bytes, empty when there is none
     * @throws IllegalArgumentException when a multipart body has no boundary, one longer than
     *         {@value #MAX_BOUNDARY_LENGTH} characters, more than {@value #MAX_PARTS} parts, or is cut short,
     *         or when query and form together have more than {@value #MAX_PARTS} fields
     * @throws PartTooLarge when a file part is larger than {@link #MAX_FILE_BYTES}
     */
    public static FormParameters parse(String query, String contentType, byte[] body) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        List<FilePart> files = new ArrayList<>();
        if (query != null) {
            readUrlEncoded(query, values);
        }
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (type.startsWith("multipart/form-data")) {
            readMultipart(boundary(contentType), body, values, files);
        } else if (type.startsWith("application/x-www-form-urlencoded") || (type.isEmpty() && body.length > 0)) {
            readUrlEncoded(new String(body, StandardCharsets.UTF_8), values);
        }
        return new FormParameters(values, files);
    }

    public Optional<String> first(String name) {
        List<String> v = values.get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    public String text(String name) {
        return first(name).orElse("");
    }

    /**
     * A boolean in any case ({@code True}, {@code false}, {@code TRUE}): .NET clients capitalise them.
     * Anything other than "true" is false, as qBittorrent reads it.
     */
    public Optional<Boolean> bool(String name) {
        return first(name).map(v -> v.strip().equalsIgnoreCase("true"));
    }

    public boolean bool(String name, boolean missing) {
        return bool(name).orElse(missing);
    }

    /** Field by field, so that a body of a million tiny fields is refused before it is a million strings. */
    private static void readUrlEncoded(String text, Map<String, List<String>> values) {
        int fields = values.values().stream().mapToInt(List::size).sum();
        for (int start = 0; start <= text.length(); ) {
            int end = text.indexOf('&', start);
            end = end < 0 ? text.length() : end;
            String pair = text.substring(start, end);
            start = end + 1;
            if (pair.isEmpty()) {
                continue;
            }
            if (++fields > MAX_PARTS) {
                throw new IllegalArgumentException("form with more than " + MAX_PARTS + " fields");
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static String boundary(String contentType) {
        for (String part : contentType.split(";")) {
            String p = part.strip();
            if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                String boundary = unquote(p.substring("boundary=".length()));
                if (boundary.isEmpty() || boundary.length() > MAX_BOUNDARY_LENGTH) {
                    throw new IllegalArgumentException("multipart boundary must have 1 to " + MAX_BOUNDARY_LENGTH
                            + " characters");
                }
                return boundary;
            }
        }
        throw new IllegalArgumentException("multipart/form-data without a boundary");
    }

    private static void readMultipart(String boundary, byte[] body, Map<String, List<String>> values,
            List<FilePart> files) {
        BytePattern delimiter = new BytePattern(("--" + boundary).getBytes(StandardCharsets.ISO_8859_1));
        int at = delimiter.indexIn(body, 0);
        int parts = 0;
        if (at < 0) {
            throw new IllegalArgumentException("multipart body without its boundary");
        }
        while (true) {
            int partStart = at + delimiter.length();
            if (startsWith(body, partStart, "--")) {
                return;
            }
            if (++parts > MAX_PARTS) {
                throw new IllegalArgumentException("multipart body with more than " + MAX_PARTS + " parts");
            }
            partStart = skipLineBreak(body, partStart);
            int next = delimiter.indexIn(body, partStart);
            if (next < 0) {
                throw new IllegalArgumentException("multipart body cut short");
            }
            int partEnd = next;
            if (partEnd >= 2 && body[partEnd - 2] == '\r' && body[partEnd - 1] == '\n') {
                partEnd -= 2;
            } else if (partEnd >= 1 && body[partEnd - 1] == '\n') {
                partEnd -= 1;
            }
            readPart(Arrays.copyOfRange(body, partStart, Math.max(partStart, partEnd)), values, files);
            at = next;
        }
    }

    private static void readPart(byte[] part, Map<String, List<String>> values, List<FilePart> files) {
        int headerEnd = CRLF_CRLF.indexIn(part, 0);
        int bodyStart = headerEnd + 4;
        if (headerEnd < 0) {
            headerEnd = LF_LF.indexIn(part, 0);
            bodyStart = headerEnd + 2;
        }
        if (headerEnd < 0) {
            throw new IllegalArgumentException("multipart part without headers");
        }
        String headers = new String(part, 0, headerEnd, StandardCharsets.UTF_8);
        String name = null;
        String fileName = null;
        String encodedFileName = null;
        for (String line : headers.split("\r?\n")) {
            if (!line.toLowerCase(Locale.ROOT).startsWith("content-disposition:")) {
                continue;
            }
            for (String attribute : line.substring(line.indexOf(':') + 1).split(";")) {
                String a = attribute.strip();
                String lower = a.toLowerCase(Locale.ROOT);
                if (lower.startsWith("name=")) {
                    name = unquote(a.substring("name=".length()));
                } else if (lower.startsWith("filename=")) {
                    fileName = unquote(a.substring("filename=".length()));
                } else if (lower.startsWith("filename*=")) {
                    encodedFileName = a.substring("filename*=".length());
                }
            }
        }
        if (name == null) {
            throw new IllegalArgumentException("multipart part without a name");
        }
        if (fileName != null || encodedFileName != null) {
            int length = part.length - bodyStart;
            String shownName = fileName != null ? fileName : extendedValue(encodedFileName);
            if (length > MAX_FILE_BYTES) {
                throw new PartTooLarge("File '" + shownName + "' in field '" + name + "' has " + length
                        + " bytes, more than the " + MAX_FILE_BYTES + " a file may have");
            }
            files.add(new FilePart(name, shownName, Arrays.copyOfRange(part, bodyStart, part.length)));
        } else {
            values.computeIfAbsent(name, k -> new ArrayList<>())
                    .add(new String(part, bodyStart, part.length - bodyStart, StandardCharsets.UTF_8));
        }
    }

    /** An RFC 5987 value such as {@code UTF-8''%E2%80%93.torrent}; what cannot be decoded is kept as it is. */
    private static String extendedValue(String value) {
        int quote = value.indexOf("''");
        if (quote < 0 || !value.substring(0, quote).equalsIgnoreCase("UTF-8")) {
            return value;
        }
        try {
            return URLDecoder.decode(value.substring(quote + 2).replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return value;
        }
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    private static int skipLineBreak(byte[] b, int at) {
        if (startsWith(b, at, "\r\n")) {
            return at + 2;
        }
        return startsWith(b, at, "\n") ? at + 1 : at;
    }

    private static boolean startsWith(byte[] b, int at, String s) {
        if (at + s.length() > b.length) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (b[at + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
