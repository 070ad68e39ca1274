package org.catalogarr.site.aniworld;

import java.util.ArrayList;
import java.util.List;

/** AniWorld lists a series' other names as one comma-separated attribute, sometimes with quotes. */
final class AlternativeTitles {

    private static final String QUOTES = "\"'„“”‘’«»";

    private AlternativeTitles() {
    }

    /** The names in the attribute, trimmed and unquoted, without blanks, repeats and the main title. */
    static List<String> parse(String attribute, String mainTitle) {
        List<String> titles = new ArrayList<>();
        for (String part : (attribute == null ? "" : attribute).split(",")) {
            String title = unquote(part.strip());
            if (!title.isEmpty() && !title.equalsIgnoreCase(mainTitle) && !containsIgnoringCase(titles, title)) {
                titles.add(title);
            }
        }
        return titles;
    }

    private static String unquote(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && QUOTES.indexOf(text.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && QUOTES.indexOf(text.charAt(end - 1)) >= 0) {
            end--;
        }
        return text.substring(start, end).strip();
    }

    private static boolean containsIgnoringCase(List<String> titles, String title) {
        return titles.stream().anyMatch(known -> known.equalsIgnoreCase(title));
    }
}
