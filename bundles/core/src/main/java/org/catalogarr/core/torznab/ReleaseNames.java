package org.catalogarr.core.torznab;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

import org.catalogarr.catalogue.api.Language;
import org.catalogarr.core.catalogue.ResultEntry;

/**
 * Release titles in the scene form Sonarr parses, {@code Series.Title.S01E05.German.1080p.WEB.h264-ANIWORLD}:
 * Sonarr maps a release to a series by the title before the episode number, reads the audio language
 * from the word after it, the quality from {@code 1080p.WEB.h264} and the release group after the last dash.
 */
public final class ReleaseNames {

    private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{Nd}]+");
    private static final Pattern EDGE_DOTS = Pattern.compile("^\\.+|\\.+$");
    private static final String QUALITY = "1080p.WEB.h264";

    private ReleaseNames() {
    }

    public static String title(ResultEntry entry) {
        String series = dotted(entry.seriesTitle());
        if (series.isEmpty()) {
            series = dotted(entry.slug());
        }
        String episode = String.format(Locale.ROOT, "S%02dE%02d", entry.season(), entry.episode());
        String prefix = series.isEmpty() ? "" : series + ".";
        return prefix + episode + "." + languageTag(entry.language()) + "." + QUALITY + "-" + group(entry.siteName());
    }

    /**
     * The language word. Sonarr's language is the audio: a dub is named by its language, while a sub keeps
     * the original audio, so it gets a one-word marker Sonarr's language parser ignores (Sonarr then assumes
     * the series' original language). "English" must never mark a sub: Sonarr reads it anywhere in a title.
     */
    static String languageTag(Language language) {
        return switch (language) {
            case GERMAN_DUB -> "German";
            case ENGLISH_DUB -> "English";
            case GERMAN_SUB -> "GerSub";
            case ENGLISH_SUB -> "EngSub";
        };
    }

    /** The site as release group: after the last dash, so it must not contain one. */
    static String group(String siteName) {
        return SEPARATORS.matcher(Normalizer.normalize(siteName, Normalizer.Form.NFC)).replaceAll("")
                .toUpperCase(Locale.ROOT);
    }

    private static String dotted(String text) {
        // NFC first: a decomposed "é" is an "e" plus a combining mark, which would split the word.
        String composed = Normalizer.normalize(text, Normalizer.Form.NFC).replace("&", " and ");
        return EDGE_DOTS.matcher(SEPARATORS.matcher(composed).replaceAll(".")).replaceAll("");
    }
}
