package org.catalogarr.site.sto;

import static org.junit.Assert.assertEquals;

import java.util.Optional;

import org.catalogarr.catalogue.api.Language;
import org.junit.Test;

public class StoLanguagesTest {

    @Test
    public void theIdDecidesWhateverTheLabelSays() {
        assertEquals(Optional.of(Language.GERMAN_DUB), StoLanguages.of("1", "Englisch"));
        assertEquals(Optional.of(Language.ENGLISH_DUB), StoLanguages.of("2", "Deutsch"));
        assertEquals(Optional.of(Language.GERMAN_SUB), StoLanguages.of("3", "Deutsch"));
    }

    @Test
    public void theLabelDecidesOnlyWithoutId() {
        assertEquals(Optional.of(Language.GERMAN_DUB), StoLanguages.of(null, "Deutsch"));
        assertEquals(Optional.of(Language.GERMAN_DUB), StoLanguages.of("", "German"));
        assertEquals(Optional.of(Language.ENGLISH_DUB), StoLanguages.of(" ", "Englisch"));
        assertEquals(Optional.of(Language.GERMAN_SUB), StoLanguages.of(null, "Deutsch Untertitel"));
        assertEquals(Optional.of(Language.GERMAN_SUB), StoLanguages.of(null, "Ger-Sub"));
    }

    @Test
    public void unknownIdsAndLabelsAreIgnoredNotGuessed() {
        assertEquals(Optional.empty(), StoLanguages.of("7", "Deutsch"));
        assertEquals(Optional.empty(), StoLanguages.of(null, "Italienisch"));
        assertEquals(Optional.empty(), StoLanguages.of(null, null));
    }
}
