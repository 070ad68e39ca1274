package org.catalogarr.site.sto;

import static org.junit.Assert.assertEquals;

import java.util.List;

import org.junit.Test;

public class SearchTermsTest {

    @Test
    public void aNumberIsAlsoAskedDashed() {
        assertEquals(List.of("911", "9-1-1"), SearchTerms.of("911"));
    }

    @Test
    public void aDashedNumberIsAlsoAskedPlainAndNotTwice() {
        assertEquals(List.of("9-1-1", "911"), SearchTerms.of(" 9-1-1 "));
    }

    @Test
    public void punctuationIsDroppedButWordsStaySeparate() {
        assertEquals(List.of("Law & Order: SVU", "Law Order SVU"), SearchTerms.of("Law & Order:  SVU"));
        assertEquals(List.of("Attack on Titan"), SearchTerms.of("Attack on Titan"));
    }

    @Test
    public void shortNumbersAreNotDashed() {
        assertEquals(List.of("24"), SearchTerms.of("24"));
    }
}
