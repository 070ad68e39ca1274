package org.catalogarr.core.download;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import org.junit.Test;

public class FileNamesTest {

    @Test
    public void keepsOrdinaryReleaseNames() {
        assertEquals("Attack.on.Titan.S01E01.GERMAN.DUB.1080p.WEB.x264-Catalogarr",
                FileNames.sanitise("Attack.on.Titan.S01E01.GERMAN.DUB.1080p.WEB.x264-Catalogarr"));
    }

    @Test
    public void replacesSeparatorsAndDropsLeadingDots() {
        assertEquals("_.hack__SIGN S01E01", FileNames.sanitise("../.hack//SIGN S01E01"));
        assertEquals("a_b_c", FileNames.sanitise("a/b\\c"));
        assertEquals("hidden", FileNames.sanitise(" ..hidden. "));
    }

    @Test
    public void refusesNamesWithNothingLeft() {
        assertThrows(IllegalArgumentException.class, () -> FileNames.sanitise(" .. "));
    }
}
