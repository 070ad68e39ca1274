package org.catalogarr.hosters;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Undoes Dean Edwards' packer ({@code eval(function(p,a,c,k,e,d){…}('<p>',<radix>,<count>,'<k0|k1|…>'.split('|')…))}),
 * which hosters use to hide their player setup. The packer replaced every word of the script by its index in a
 * keyword list, written in base {@code radix}; unpacking puts the keywords back, without running any script.
 * Scripts come from hostile pages, so input, keyword list and output are bounded.
 */
final class JsUnpacker {

    /** Beyond 62 the packer uses high-ASCII digits, which no hoster has been seen to use. */
    static final int MAX_RADIX = 62;
    static final int MAX_INPUT_CHARS = 4 * 1024 * 1024;
    static final int MAX_KEYWORDS = 1 << 20;
    static final int MAX_OUTPUT_CHARS = 16 * 1024 * 1024;

    /** The packer's digits: 0–9, a–z, then A–Z, so that radix 36 is JavaScript's {@code toString(36)}. */
    private static final String DIGITS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

    private static final Pattern PACKED = Pattern.compile("eval\\(\\s*function\\s*\\(\\s*p\\s*,\\s*a\\s*,\\s*c\\s*,\\s*k\\s*,\\s*e\\s*,\\s*[dr]\\s*\\)");
    private static final Pattern ARGUMENTS = Pattern.compile("\\}\\s*\\(\\s*(?=['\"])");
    private static final Pattern NUMBERS = Pattern.compile("\\G\\s*,\\s*(\\d{1,9})\\s*,\\s*(\\d{1,9})\\s*,\\s*(?=['\"])");
    private static final Pattern SPLIT = Pattern.compile("\\G\\s*\\.\\s*split\\(\\s*(['\"])\\|\\1\\s*\\)");
    /** JavaScript's {@code \b\w+\b}: maximal runs of ASCII word characters (Java's {@code \b} would see é as one). */
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9_]+");

    /** Why a script could not be unpacked, naming the part that is wrong. */
    static final class UnpackException extends Exception {

        private static final long serialVersionUID = 1L;

        UnpackException(String message) {
            super(message);
        }
    }

    private JsUnpacker() {
    }

    /** Whether the text holds a packed block at all, which pages without player data do not. */
    static boolean hasPackedBlock(String text) {
        return PACKED.matcher(text).find();
    }

    /** Every packed block in the text, unpacked, in page order. */
    static List<String> unpackAll(String text) throws UnpackException {
        if (text.length() > MAX_INPUT_CHARS) {
            throw new UnpackException("the script is " + text.length() + " characters long, more than the "
                    + MAX_INPUT_CHARS + " a packed player script can be");
        }
        List<String> scripts = new ArrayList<>();
        Matcher header = PACKED.matcher(text);
        int from = 0;
        while (from < text.length() && header.find(from)) {
            Call call = call(text, header.end());
            scripts.add(unpack(call.payload(), call.radix(), call.count(), call.keywords()));
            from = call.end();
        }
        if (scripts.isEmpty()) {
            throw new UnpackException("no eval(function(p,a,c,k,e,d)…) block in the script");
        }
        return scripts;
    }

    /**
     * Puts the keywords back into a packed payload: every word read as a number in base {@code radix} below
     * {@code count} is replaced by the keyword at that index, unless that keyword is empty (the packer leaves
     * words that are their own index as they are).
     */
    static String unpack(String payload, int radix, int count, List<String> keywords) throws UnpackException {
        if (radix < 2 || radix > MAX_RADIX) {
            throw new UnpackException("radix " + radix + " is not supported (2 to " + MAX_RADIX + ")");
        }
        if (count < 0 || count > MAX_KEYWORDS || keywords.size() > MAX_KEYWORDS) {
            throw new UnpackException("a keyword list of " + Math.max(count, keywords.size()) + " is more than "
                    + MAX_KEYWORDS);
        }
        int known = Math.min(count, keywords.size());
        StringBuilder out = new StringBuilder(payload.length() * 2);
        Matcher word = WORD.matcher(payload);
        int last = 0;
        while (word.find()) {
            out.append(payload, last, word.start());
            int index = index(word.group(), radix, known);
            String keyword = index < 0 ? "" : keywords.get(index);
            out.append(keyword.isEmpty() ? word.group() : keyword);
            last = word.end();
            if (out.length() > MAX_OUTPUT_CHARS) {
                throw new UnpackException("the unpacked script grows beyond " + MAX_OUTPUT_CHARS + " characters");
            }
        }
        return out.append(payload, last, payload.length()).toString();
    }

    /** The word as the packer writes index {@code n < limit}, or -1 when it is no such index and stays as it is. */
    private static int index(String word, int radix, int limit) {
        if (word.length() > 1 && word.charAt(0) == '0') {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < word.length(); i++) {
            int digit = DIGITS.indexOf(word.charAt(i));
            if (digit < 0 || digit >= radix) {
                return -1;
            }
            value = value * radix + digit;
            if (value >= limit) {
                return -1;
            }
        }
        return (int) value;
    }

    /** The arguments of one packed call, and where the call ends in the text. */
    private record Call(String payload, int radix, int count, List<String> keywords, int end) {
    }

    private static Call call(String text, int afterHeader) throws UnpackException {
        Matcher arguments = ARGUMENTS.matcher(text);
        if (!arguments.find(afterHeader)) {
            throw new UnpackException("the packed block has no argument list after its function");
        }
        Literal payload = literal(text, arguments.end(), "payload");
        Matcher numbers = NUMBERS.matcher(text).region(payload.end(), text.length());
        if (!numbers.lookingAt()) {
            throw new UnpackException("the packed block has no radix and count after its payload");
        }
        Literal keywords = literal(text, numbers.end(), "keyword list");
        Matcher split = SPLIT.matcher(text).region(keywords.end(), text.length());
        if (!split.lookingAt()) {
            throw new UnpackException("the packed block's keyword list is not split at '|'");
        }
        return new Call(payload.value(), Integer.parseInt(numbers.group(1)), Integer.parseInt(numbers.group(2)),
                List.of(keywords.value().split("\\|", -1)), split.end());
    }

    /** A JavaScript string literal's value and the index after its closing quote. */
    private record Literal(String value, int end) {
    }

    private static Literal literal(String text, int start, String what) throws UnpackException {
        char quote = text.charAt(start);
        StringBuilder value = new StringBuilder();
        for (int i = start + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == quote) {
                return new Literal(value.toString(), i + 1);
            }
            if (c == '\n') {
                break;
            }
            if (c != '\\') {
                value.append(c);
                continue;
            }
            if (++i == text.length()) {
                break;
            }
            i = escape(text, i, value, what);
        }
        throw new UnpackException("the packed block's " + what + " string is not closed");
    }

    /** Appends the escape sequence whose letter is at {@code at}; returns the index of its last character. */
    private static int escape(String text, int at, StringBuilder value, String what) throws UnpackException {
        char c = text.charAt(at);
        switch (c) {
            case 'n' -> value.append('\n');
            case 'r' -> value.append('\r');
            case 't' -> value.append('\t');
            case 'b' -> value.append('\b');
            case 'f' -> value.append('\f');
            case 'v' -> value.append('\u000B');
            case '0' -> value.append('\0');
            case 'x', 'u' -> {
                int digits = c == 'x' ? 2 : 4;
                if (at + digits >= text.length() || !text.substring(at + 1, at + 1 + digits).matches("[0-9A-Fa-f]+")) {
                    throw new UnpackException("the packed block's " + what + " string has a broken \\" + c + " escape");
                }
                value.append((char) Integer.parseInt(text.substring(at + 1, at + 1 + digits), 16));
                return at + digits;
            }
            default -> value.append(c);
        }
        return at;
    }
}
