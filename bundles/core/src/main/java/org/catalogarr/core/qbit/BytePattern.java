package org.catalogarr.core.qbit;

/**
 * A byte sequence to find in a body, searched with Knuth–Morris–Pratt: every byte of the body is looked
 * at a bounded number of times whatever the pattern, so that no request, however its boundary and body
 * are chosen, makes the search quadratic.
 */
final class BytePattern {

    private final byte[] pattern;
    /** For each prefix length, the length of its longest proper prefix that is also its suffix. */
    private final int[] fallback;

    BytePattern(byte[] pattern) {
        if (pattern.length == 0) {
            throw new IllegalArgumentException("an empty pattern matches everywhere");
        }
        this.pattern = pattern.clone();
        this.fallback = new int[pattern.length + 1];
        int k = 0;
        for (int i = 1; i < pattern.length; i++) {
            while (k > 0 && pattern[i] != pattern[k]) {
                k = fallback[k];
            }
            if (pattern[i] == pattern[k]) {
                k++;
            }
            fallback[i + 1] = k;
        }
    }

    int length() {
        return pattern.length;
    }

    /** The first index at or after {@code from} where the pattern starts in {@code haystack}, or -1. */
    int indexIn(byte[] haystack, int from) {
        int matched = 0;
        for (int i = Math.max(0, from); i < haystack.length; i++) {
            while (matched > 0 && haystack[i] != pattern[matched]) {
                matched = fallback[matched];
            }
            if (haystack[i] == pattern[matched]) {
                matched++;
            }
            if (matched == pattern.length) {
                return i - pattern.length + 1;
            }
        }
        return -1;
    }
}
