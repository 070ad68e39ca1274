package org.catalogarr.hosters;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Computes the video link a Streamtape player page's script writes into {@code #robotlink}: string literals
 * joined by {@code +}, each optionally in parentheses and cut by a chain of {@code .substring(…)} calls.
 * The page also carries a pre-filled {@code #robotlink} element and similar lines for other elements, with
 * stale tokens; only what the script writes last into {@code #robotlink} is what the browser shows.
 */
final class StreamtapeLink {

    private static final Pattern ASSIGNMENT = Pattern.compile(
            "getElementById\\(\\s*['\"]robotlink['\"]\\s*\\)\\.innerHTML\\s*=\\s*([^;\\n]+)");

    private StreamtapeLink() {
    }

    /** The link of the last {@code #robotlink} assignment in the script, when there is one that can be computed. */
    static Optional<String> robotlink(String script) {
        Matcher assignment = ASSIGNMENT.matcher(script);
        String link = null;
        while (assignment.find()) {
            link = evaluate(assignment.group(1)).orElse(link);
        }
        return Optional.ofNullable(link);
    }

    /** The value of a concatenation of (sub)strings, or empty when the expression is anything else. */
    static Optional<String> evaluate(String expression) {
        StringBuilder value = new StringBuilder();
        Parser parser = new Parser(expression);
        do {
            Optional<String> term = parser.term();
            if (term.isEmpty()) {
                return Optional.empty();
            }
            value.append(term.get());
        } while (parser.plus());
        return parser.atEnd() ? Optional.of(value.toString()) : Optional.empty();
    }

    /** JavaScript's {@code substring}: indices clamped to the string, and swapped when the end comes first. */
    static String substring(String text, int start, int end) {
        int from = Math.max(0, Math.min(start, text.length()));
        int to = Math.max(0, Math.min(end, text.length()));
        return text.substring(Math.min(from, to), Math.max(from, to));
    }

    /** Reads the expression from left to right. */
    private static final class Parser {

        private static final Pattern LITERAL = Pattern.compile("\\s*'([^']*)'|\\s*\"([^\"]*)\"");
        private static final Pattern SUBSTRING = Pattern.compile("\\s*\\.substring\\(\\s*(\\d{1,6})\\s*(?:,\\s*(\\d{1,6})\\s*)?\\)");
        private static final Pattern OPEN = Pattern.compile("\\s*\\(");
        private static final Pattern CLOSE = Pattern.compile("\\s*\\)");
        private static final Pattern PLUS = Pattern.compile("\\s*\\+");
        private static final Pattern END = Pattern.compile("\\s*");

        private final Matcher matcher;
        private int position;

        Parser(String expression) {
            this.matcher = LITERAL.matcher(expression);
        }

        /** A literal, optionally in parentheses, with its substring calls applied. */
        Optional<String> term() {
            boolean parenthesised = next(OPEN);
            if (!next(LITERAL)) {
                return Optional.empty();
            }
            String text = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
            if (parenthesised && !next(CLOSE)) {
                return Optional.empty();
            }
            while (next(SUBSTRING)) {
                int start = Integer.parseInt(matcher.group(1));
                text = matcher.group(2) == null ? substring(text, start, text.length())
                        : substring(text, start, Integer.parseInt(matcher.group(2)));
            }
            return Optional.of(text);
        }

        boolean plus() {
            return next(PLUS);
        }

        boolean atEnd() {
            return next(END) && position == matcher.regionEnd();
        }

        /** Consumes the pattern when the rest starts with it. */
        private boolean next(Pattern pattern) {
            matcher.usePattern(pattern).region(position, matcher.regionEnd());
            if (!matcher.lookingAt()) {
                return false;
            }
            position = matcher.end();
            return true;
        }
    }
}
