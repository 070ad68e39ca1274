package org.catalogarr.hosters;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Undoes VOE's obfuscation of its player data: ROT13 on letters, junk separators removed, base64, every
 * char code −3, reversed, base64 again, giving JSON. The separators change now and then, so they are
 * configurable.
 */
final class VoeDecoder {

    /** The separators VOE inserted in 2025/2026, as the one-line setting {@link #parseSeparators} reads. */
    static final String DEFAULT_SEPARATOR_SETTING = "@$, ^^, ~@, %?, *~, !!, #&";
    static final List<String> DEFAULT_SEPARATORS = parseSeparators(DEFAULT_SEPARATOR_SETTING);

    /** Why a text is not VOE player data, naming the step that failed. */
    static final class UndecodableException extends Exception {

        private static final long serialVersionUID = 1L;

        UndecodableException(String message) {
            super(message);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> separators;

    VoeDecoder(List<String> separators) {
        for (String separator : separators) {
            if (!acceptable(List.of(separator))) {
                throw new IllegalArgumentException("a VOE junk separator must be made of characters outside base64"
                        + " (letters, digits, + / =), not '" + separator + "'");
            }
        }
        this.separators = List.copyOf(separators);
    }

    /** Whether every separator is made of characters outside base64: removing any other would cut the payload. */
    static boolean acceptable(List<String> separators) {
        return separators.stream()
                .noneMatch(separator -> separator.isEmpty() || separator.chars().anyMatch(VoeDecoder::isBase64));
    }

    /** Separators written as one setting: separated by commas, blanks around them ignored. */
    static List<String> parseSeparators(String setting) {
        List<String> separators = new ArrayList<>();
        for (String part : setting.split(",")) {
            if (!part.isBlank()) {
                separators.add(part.strip());
            }
        }
        return separators;
    }

    /**
     * The strings held by the content of a {@code <script type="application/json">}: a JSON array of strings
     * (2025+) or a single quoted string (before).
     */
    static List<String> containerStrings(String scriptContent) throws UndecodableException {
        JsonNode container;
        try {
            container = JSON.readTree(scriptContent);
        } catch (JsonProcessingException e) {
            throw new UndecodableException("the player data is not JSON: " + e.getOriginalMessage());
        }
        List<String> strings = new ArrayList<>();
        if (container != null && container.isTextual()) {
            strings.add(container.textValue());
        } else if (container != null && container.isArray()) {
            for (JsonNode item : container) {
                if (!item.isTextual()) {
                    throw new UndecodableException("the player data array holds a " + item.getNodeType() + ", not a string");
                }
                strings.add(item.textValue());
            }
        }
        if (strings.isEmpty()) {
            throw new UndecodableException("the player data is neither a string nor an array of strings");
        }
        return strings;
    }

    /** The JSON text behind one obfuscated string. */
    String decode(String encoded) throws UndecodableException {
        String text = rot13(encoded.strip());
        for (String separator : separators) {
            text = text.replace(separator, "");
        }
        String outer = new String(base64("outer", text), StandardCharsets.ISO_8859_1);
        StringBuilder shifted = new StringBuilder(outer.length());
        for (int i = outer.length() - 1; i >= 0; i--) {
            shifted.append((char) (outer.charAt(i) - 3));
        }
        return new String(base64("inner", shifted.toString()), StandardCharsets.UTF_8);
    }

    /** The JSON object behind one obfuscated string. */
    JsonNode decodeObject(String encoded) throws UndecodableException {
        String json = decode(encoded);
        try {
            JsonNode data = JSON.readTree(json);
            if (data != null && data.isObject()) {
                return data;
            }
        } catch (JsonProcessingException e) {
            throw new UndecodableException("the decoded player data is not JSON: " + e.getOriginalMessage());
        }
        throw new UndecodableException("the decoded player data is not a JSON object");
    }

    private static byte[] base64(String layer, String text) throws UndecodableException {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new UndecodableException("the " + layer + " base64 layer does not decode (" + e.getMessage()
                    + "); are there new junk separators?");
        }
    }

    private static String rot13(String text) {
        StringBuilder rotated = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c >= 'a' && c <= 'z') {
                rotated.append((char) ('a' + (c - 'a' + 13) % 26));
            } else if (c >= 'A' && c <= 'Z') {
                rotated.append((char) ('A' + (c - 'A' + 13) % 26));
            } else {
                rotated.append(c);
            }
        }
        return rotated.toString();
    }

    private static boolean isBase64(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/'
                || c == '=';
    }
}
