package org.catalogarr.testkit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

/**
 * The inverse of VOE's player-data obfuscation, so that fixtures are produced from readable JSON instead of
 * captured from the real site: JSON → base64 → reverse → every char +3 → base64 → junk separators inserted
 * → ROT13. The same text and seed give the same output, so a failing test can be replayed.
 */
public final class VoeEncoder {

    /** The junk separators VOE inserted in 2025/2026. */
    public static final List<String> SEPARATORS = List.of("@$", "^^", "~@", "%?", "*~", "!!", "#&");

    private VoeEncoder() {
    }

    /** {@code json} encoded with {@link #SEPARATORS}. */
    public static String encode(String json, long seed) {
        return encode(json, SEPARATORS, seed);
    }

    /**
     * {@code json} encoded with the given separators, each of them inserted at least once. Separators go
     * between base64 characters, never next to each other, so that no two can merge into a third.
     */
    public static String encode(String json, List<String> separators, long seed) {
        String inner = Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
        StringBuilder shifted = new StringBuilder(inner).reverse();
        for (int i = 0; i < shifted.length(); i++) {
            shifted.setCharAt(i, (char) (shifted.charAt(i) + 3));
        }
        String outer = Base64.getEncoder().encodeToString(shifted.toString().getBytes(StandardCharsets.ISO_8859_1));
        return rot13(withJunk(outer, separators, new Random(seed)));
    }

    /** Rotates ASCII letters by 13 places; its own inverse. */
    public static String rot13(String text) {
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

    private static String withJunk(String text, List<String> separators, Random random) {
        List<Integer> gaps = new ArrayList<>();
        for (int gap = 1; gap < text.length(); gap++) {
            gaps.add(gap);
        }
        if (gaps.size() < separators.size()) {
            throw new IllegalArgumentException("too short to hold every separator: " + text);
        }
        Collections.shuffle(gaps, random);
        int count = separators.isEmpty() ? 0 : Math.max(separators.size(), text.length() / 8);
        TreeMap<Integer, String> junk = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            String separator = i < separators.size() ? separators.get(i)
                    : separators.get(random.nextInt(separators.size()));
            junk.put(gaps.get(i), separator);
        }
        StringBuilder out = new StringBuilder(text);
        for (Integer gap : junk.descendingKeySet()) {
            out.insert(gap.intValue(), junk.get(gap));
        }
        return out.toString();
    }
}
