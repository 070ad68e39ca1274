package org.catalogarr.core.configfiles;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The text of a {@code .cfg} file with new values, its comments, blank lines and order kept: a line
 * whose key has a new value gets it, a line whose key is gone is dropped, keys the file did not have
 * are appended. People edit these files by hand, so a save from the console must not rewrite them.
 */
final class PropertiesText {

    private PropertiesText() {
    }

    /**
     * @param text the file as it is
     * @param values the values it must carry, in the order new keys are appended
     * @return the file with those values
     */
    static String merge(String text, Map<String, String> values) {
        Map<String, String> missing = new LinkedHashMap<>(values);
        List<String> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (isComment(line)) {
                out.add(line);
                continue;
            }
            int last = i;
            while (continues(lines[last]) && last + 1 < lines.length) {
                last++;
            }
            boolean continued = last > i;
            i = last;
            String key = key(line);
            if (missing.containsKey(key)) {
                out.add(withValue(line, continued, escapeValue(missing.remove(key))));
            }
        }
        if (!missing.isEmpty() && !out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        missing.forEach((key, value) -> out.add(escapeKey(key) + " = " + escapeValue(value)));
        String merged = String.join("\n", out);
        return merged.endsWith("\n") ? merged : merged + "\n";
    }

    private static boolean isComment(String line) {
        String stripped = line.stripLeading();
        return stripped.isEmpty() || stripped.startsWith("#") || stripped.startsWith("!");
    }

    /** Whether the line goes on in the next one: it ends in an odd number of backslashes. */
    private static boolean continues(String line) {
        int backslashes = 0;
        for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }

    /** The unescaped key of a property line. */
    private static String key(String line) {
        StringBuilder key = new StringBuilder();
        int i = indexOfNonBlank(line, 0);
        for (; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                key.append(line.charAt(++i));
            } else if (isSeparator(c)) {
                break;
            } else {
                key.append(c);
            }
        }
        return key.toString();
    }

    /** Where the value starts: after the key and one separator with the blanks around it. */
    private static int valueStart(String line) {
        int i = indexOfNonBlank(line, 0);
        while (i < line.length() && !isSeparator(line.charAt(i))) {
            i += line.charAt(i) == '\\' ? 2 : 1;
        }
        int value = indexOfNonBlank(line, Math.min(i, line.length()));
        if (value < line.length() && (line.charAt(value) == '=' || line.charAt(value) == ':')) {
            value = indexOfNonBlank(line, value + 1);
        }
        return value;
    }

    /** The property line with the new value; unchanged when the value is the same. */
    private static String withValue(String line, boolean continued, String value) {
        int start = valueStart(line);
        if (!continued && line.substring(start).equals(value)) {
            return line;
        }
        String prefix = line.substring(0, start);
        return prefix.endsWith("=") || prefix.endsWith(":") ? prefix + " " + value : prefix + value;
    }

    private static boolean isSeparator(char c) {
        return c == '=' || c == ':' || c == ' ' || c == '\t';
    }

    private static int indexOfNonBlank(String line, int from) {
        int i = from;
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private static String escapeKey(String key) {
        return escape(key, true);
    }

    private static String escapeValue(String value) {
        return escape(value, false);
    }

    /**
     * Escapes as {@link java.util.Properties} reads it: backslashes, line breaks, a leading blank of a
     * value, separators in keys, and every character outside ISO-8859-1 as {@code \\uXXXX}, since that
     * is the file encoding FileInstall reads.
     */
    private static String escape(String text, boolean key) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case ' ' -> out.append(key || i == 0 ? "\\ " : " ");
                case '=', ':', '#', '!' -> out.append(key ? "\\" + c : String.valueOf(c));
                default -> {
                    if (c > 0xff) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
