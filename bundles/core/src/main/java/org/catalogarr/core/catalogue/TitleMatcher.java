package org.catalogarr.core.catalogue;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scores how well a free-text query from Sonarr names a catalogue title, the same way for every site.
 * The score adds an exact match of the compact forms, containment, token overlap (F1, precision,
 * recall) and an edit similarity; only a score of at least {@link #THRESHOLD} counts as a match, so
 * "Attack on Titan" does not land on "Attack on Titan Junior High" and "Rick and Morty" not on
 * "Rick and Morty: The Anime", while punctuation, accents, {@code &} and a year make no difference.
 */
public final class TitleMatcher {

    /** Below this, a candidate only shares some words with the query: no match rather than the nearest junk. */
    public static final double THRESHOLD = 7.5;

    private static final Set<String> STOP_WORDS = Set.of("a", "an", "and", "the", "of", "das", "der", "die", "und",
            "de", "del", "du", "el", "en", "et", "la", "le", "les", "los", "y");
    private static final Pattern YEAR = Pattern.compile("(?:^|\\s)[(\\[]?((?:19|20)\\d\\d)[)\\]]?\\s*$");
    private static final Pattern SHORT_FORM = Pattern.compile(":|\\s[-–—]\\s");
    /** What a subtitle says when it names a spin-off or an edition rather than the series itself. */
    private static final Pattern SPIN_OFF = Pattern.compile(
            "(?:the )?(?:anime|animation|movie|movies|film|ova|ona|specials?|live action|junior high|reloaded)");

    /** A title as the index knows it. */
    public record Candidate(String titleKey, String slug) {
    }

    /** The best candidate for a query, with its score and the runner-up's, for the log. */
    public record Match(String slug, String titleKey, double score, double runnerUpScore) {
    }

    private TitleMatcher() {
    }

    /**
     * The key a title is stored and compared under: lower case, accents and punctuation removed,
     * {@code &} read as "and", words separated by one space.
     */
    public static String key(String title) {
        // Two passes over the code points rather than regular expressions: every cached search makes the key of
        // its query, and the expressions were a tenth of the CPU of a cached search (C1-compiled regex engine).
        String text = withoutMarks(Normalizer.normalize(title, Normalizer.Form.NFKD));
        return wordsOf(text.toLowerCase(Locale.ROOT).replace("&", " and "));
    }

    /** The text without combining marks (Unicode category M): the accents NFKD split off. */
    private static String withoutMarks(String text) {
        StringBuilder kept = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (!isMark(c)) {
                kept.appendCodePoint(c);
            }
        }
        return kept.toString();
    }

    /** The letters and numbers of the text (categories L and N), each run of anything else one space between. */
    private static String wordsOf(String text) {
        StringBuilder words = new StringBuilder(text.length());
        boolean apart = false;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isLetter(c) || isNumber(c)) {
                if (apart && !words.isEmpty()) {
                    words.append(' ');
                }
                words.appendCodePoint(c);
                apart = false;
            } else {
                apart = true;
            }
        }
        return words.toString();
    }

    private static boolean isMark(int c) {
        int type = Character.getType(c);
        return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                || type == Character.COMBINING_SPACING_MARK;
    }

    private static boolean isNumber(int c) {
        int type = Character.getType(c);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }

    /** The keys a query is compared under: as written, and without a year at its end. */
    public static List<String> variants(String query) {
        List<String> variants = new ArrayList<>();
        variants.add(key(query));
        Matcher year = YEAR.matcher(query.strip());
        if (year.find() && year.start() > 0) {
            variants.add(key(query.strip().substring(0, year.start())));
        }
        return variants;
    }

    /**
     * The short form of a title, the part before its first colon or a dash between words ("Frieren: Beyond
     * Journey's End" → "Frieren", "Dr. Stone – New World" → "Dr. Stone"), as a key; empty when the title has
     * none, when either part is empty, or when the rest only says that this is a spin-off of the short title
     * ("Rick and Morty: The Anime" is another series than "Rick and Morty").
     */
    public static Optional<String> shortForm(String title) {
        Matcher split = SHORT_FORM.matcher(title);
        if (!split.find()) {
            return Optional.empty();
        }
        String head = key(title.substring(0, split.start()));
        String rest = key(title.substring(split.end()));
        // A head of one or two letters ("Re" of "Re:ZERO") is part of a word, not a name of the series.
        if (head.replace(" ", "").length() < 3 || rest.isEmpty() || SPIN_OFF.matcher(rest).matches()) {
            return Optional.empty();
        }
        return Optional.of(head);
    }

    /**
     * Whether one title is the other with words added ("Rick and Morty" and "Rick and Morty: The Anime",
     * "Attack on Titan" and "Attack on Titan Junior High"): such titles name related but different series,
     * so a site's search answering one for the other is no evidence.
     */
    public static boolean lookAlike(String keyA, String keyB) {
        Set<String> a = tokens(keyA);
        Set<String> b = tokens(keyB);
        return !a.equals(b) && (a.containsAll(b) || b.containsAll(a));
    }

    /** The best candidate at or above the threshold; a year at the end of the query may or may not be part of the title. */
    public static Optional<Match> best(String query, Collection<Candidate> candidates) {
        List<String> variants = variants(query);
        Match best = null;
        double runnerUp = 0;
        for (Candidate candidate : candidates) {
            double score = 0;
            for (String variant : variants) {
                score = Math.max(score, score(variant, candidate.titleKey()));
            }
            if (best == null || score > best.score()) {
                runnerUp = best == null ? runnerUp : Math.max(runnerUp, best.score());
                best = new Match(candidate.slug(), candidate.titleKey(), score, 0);
            } else if (!candidate.slug().equals(best.slug())) {
                runnerUp = Math.max(runnerUp, score);
            }
        }
        if (best == null || best.score() < THRESHOLD) {
            return Optional.empty();
        }
        return Optional.of(new Match(best.slug(), best.titleKey(), best.score(), runnerUp));
    }

    /**
     * Free text: the series with a title (main or alternative) that contains every word of the query, best
     * scored first, each series once, at most {@code limit}. "Frieren" finds "Frieren: Beyond Journey's End";
     * words are whole words, so "Spy" does not find "Spyro". Words such as "the" count only when the query
     * has no other.
     */
    public static List<Match> containingAllWords(String query, Collection<Candidate> candidates, int limit) {
        String queryKey = key(query);
        Set<String> words = tokens(queryKey);
        if (words.isEmpty()) {
            return List.of();
        }
        Map<String, Match> bySlug = new HashMap<>();
        for (Candidate candidate : candidates) {
            Set<String> titleWords = new HashSet<>(List.of(candidate.titleKey().split(" ")));
            if (titleWords.containsAll(words)) {
                double score = score(queryKey, candidate.titleKey());
                bySlug.merge(candidate.slug(), new Match(candidate.slug(), candidate.titleKey(), score, 0),
                        (a, b) -> b.score() > a.score() ? b : a);
            }
        }
        return bySlug.values().stream()
                .sorted(Comparator.comparingDouble(Match::score).reversed().thenComparing(Match::slug))
                .limit(limit).toList();
    }

    /** The score of one query key against one title key. */
    static double score(String queryKey, String titleKey) {
        String queryCompact = queryKey.replace(" ", "");
        String titleCompact = titleKey.replace(" ", "");
        if (queryCompact.isEmpty() || titleCompact.isEmpty()) {
            return 0;
        }
        double exact = queryCompact.equals(titleCompact) ? 1 : 0;
        double contains = queryCompact.contains(titleCompact) || titleCompact.contains(queryCompact) ? 1 : 0;
        Set<String> queryTokens = tokens(queryKey);
        Set<String> titleTokens = tokens(titleKey);
        Set<String> shared = new HashSet<>(queryTokens);
        shared.retainAll(titleTokens);
        double precision = titleTokens.isEmpty() ? 0 : (double) shared.size() / titleTokens.size();
        double recall = queryTokens.isEmpty() ? 0 : (double) shared.size() / queryTokens.size();
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        double similarity = f1 >= 0.2 ? similarity(queryCompact, titleCompact) : 0;
        return 8 * exact + 1.5 * contains + 3 * f1 + 2 * precision + recall + similarity;
    }

    private static Set<String> tokens(String key) {
        Set<String> all = new HashSet<>(List.of(key.split(" ")));
        all.remove("");
        Set<String> meaningful = new HashSet<>(all);
        meaningful.removeAll(STOP_WORDS);
        return meaningful.isEmpty() ? all : meaningful;
    }

    /** 1 minus the edit distance over the longer length. */
    private static double similarity(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return 1 - (double) previous[b.length()] / Math.max(a.length(), b.length());
    }
}
