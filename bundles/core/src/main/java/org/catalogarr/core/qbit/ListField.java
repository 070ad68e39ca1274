package org.catalogarr.core.qbit;

import java.util.ArrayList;
import java.util.List;

/**
 * A list sent in one form field (tags by commas, links by lines). Split item by item and refused as soon
 * as it holds more than the caller takes: a 2 MiB field of empty-ish items would otherwise become a
 * million strings, far more memory than the body, before any count could be checked.
 */
final class ListField {

    /** Decides which characters separate items. */
    @FunctionalInterface
    interface Separator {
        boolean separates(char c);
    }

    private ListField() {
    }

    /**
     * The items of {@code text}, trimmed, empty ones dropped.
     *
     * @throws IllegalArgumentException when there are more than {@code max} items
     */
    static List<String> split(String text, Separator separator, int max, String what) {
        List<String> items = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i < text.length() && !separator.separates(text.charAt(i))) {
                continue;
            }
            String item = text.substring(start, i).strip();
            start = i + 1;
            if (item.isEmpty()) {
                continue;
            }
            if (items.size() == max) {
                throw new IllegalArgumentException("at most " + max + " " + what + " at once");
            }
            items.add(item);
        }
        return List.copyOf(items);
    }

    /** The line breaks of {@code \R}: a line of any platform, or of a client that sends Unicode's own. */
    static boolean isLineBreak(char c) {
        return c == '\n' || c == '\r' || c == '\u000B' || c == '\f' || c == '\u0085' || c == '\u2028'
                || c == '\u2029';
    }
}
