package org.catalogarr.core.torrent;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** Query strings of magnets and download links. */
public final class UrlParameters {

    private final StringJoiner text = new StringJoiner("&");

    public UrlParameters add(String name, String value) {
        text.add(name + "=" + encode(value));
        return this;
    }

    @Override
    public String toString() {
        return text.toString();
    }

    /**
     * Percent-encodes, with a space as {@code %20}: inside a magnet's {@code dn} some clients keep a
     * {@code +} as it is.
     */
    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * Splits a query string into its values by name, in order. Parsed here rather than by the servlet
     * container, whose answer to a broken query is an HTML error page and a stack trace in the log.
     *
     * @throws IllegalArgumentException for a malformed percent escape or bytes that are not UTF-8
     */
    public static Map<String, List<String>> decode(String query) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        for (String pair : (query == null ? "" : query).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = component(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : component(pair.substring(equals + 1));
            parameters.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return parameters;
    }

    /** The parameters as the servlet API hands them out. */
    public static Map<String, String[]> asArrays(Map<String, List<String>> parameters) {
        Map<String, String[]> arrays = new LinkedHashMap<>();
        parameters.forEach((name, values) -> arrays.put(name, values.toArray(String[]::new)));
        return arrays;
    }

    /** One name or value: {@code +} is a space, {@code %XX} a byte, and the bytes must be UTF-8. */
    private static String component(String encoded) {
        if (plainAscii(encoded)) {
            return encoded; // nothing escaped: the common case of every cached search, without copying
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%') {
                if (i + 2 >= encoded.length()) {
                    throw new IllegalArgumentException("the query string has an incomplete percent escape");
                }
                int high = Character.digit(encoded.charAt(i + 1), 16);
                int low = Character.digit(encoded.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    throw new IllegalArgumentException("the query string has a malformed percent escape");
                }
                bytes.write(high << 4 | low);
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                int codePoint = encoded.codePointAt(i);
                byte[] utf8 = Character.toString(codePoint).getBytes(StandardCharsets.UTF_8);
                bytes.write(utf8, 0, utf8.length);
                i += Character.charCount(codePoint) - 1;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the query string is not UTF-8");
        }
    }

    /** ASCII without {@code %} and {@code +}: decoding would give the same text. */
    private static boolean plainAscii(String encoded) {
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c >= 0x80 || c == '%' || c == '+') {
                return false;
            }
        }
        return true;
    }
}
