package org.catalogarr.site.sto;

import java.util.Locale;
import java.util.Optional;

import org.catalogarr.catalogue.api.Language;

/**
 * The languages of s.to v2 hoster links. The numeric {@code data-language-id} is the authority: the
 * label next to it is sometimes wrong (id 3 labelled "Deutsch" is a German-subtitled link). The label
 * only decides when the id is missing; anything else unknown is ignored rather than guessed.
 */
final class StoLanguages {

    private StoLanguages() {
    }

    static Optional<Language> of(String languageId, String label) {
        String id = languageId == null ? "" : languageId.strip();
        if (!id.isEmpty()) {
            return byId(id);
        }
        return byLabel(label == null ? "" : label.toLowerCase(Locale.ROOT));
    }

    private static Optional<Language> byId(String id) {
        switch (id) {
            case "1":
                return Optional.of(Language.GERMAN_DUB);
            case "2":
                return Optional.of(Language.ENGLISH_DUB);
            case "3":
                return Optional.of(Language.GERMAN_SUB);
            default:
                return Optional.empty();
        }
    }

    /** Subtitles first: "Deutsch Untertitel" names German too, but its audio is not German. */
    private static Optional<Language> byLabel(String label) {
        if (label.contains("sub") || label.contains("untertitel")) {
            return Optional.of(Language.GERMAN_SUB);
        }
        if (label.contains("deutsch") || label.contains("german")) {
            return Optional.of(Language.GERMAN_DUB);
        }
        if (label.contains("englisch") || label.contains("english")) {
            return Optional.of(Language.ENGLISH_DUB);
        }
        return Optional.empty();
    }
}
