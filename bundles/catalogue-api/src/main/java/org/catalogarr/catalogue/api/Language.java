package org.catalogarr.catalogue.api;

import java.util.Arrays;
import java.util.Optional;

/**
 * The one language set shared by every site. The sites' own language keys differ; each site bundle
 * maps its keys onto these. "Dub" and "Sub" name the audio: a German Sub release has Japanese (or
 * English) audio with German subtitles.
 */
public enum Language {
    GERMAN_DUB("german-dub"),
    GERMAN_SUB("german-sub"),
    ENGLISH_SUB("english-sub"),
    ENGLISH_DUB("english-dub");

    private final String code;

    Language(String code) {
        this.code = code;
    }

    /** The spelling used in configuration files and stored rows. */
    public String code() {
        return code;
    }

    public static Optional<Language> fromCode(String code) {
        return Arrays.stream(values()).filter(l -> l.code.equalsIgnoreCase(code.strip())).findFirst();
    }
}
