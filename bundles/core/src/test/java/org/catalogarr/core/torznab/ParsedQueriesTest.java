package org.catalogarr.core.torznab;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;

import org.junit.Test;

public class ParsedQueriesTest {

    private final ParsedQueries queries = new ParsedQueries();

    @Test
    public void aQueryStringIsReadOnceAndReadAsTorznabRequestReadsIt() throws Exception {
        String text = "t=tvsearch&cat=5030,5040&q=Attack%20on%20Titan&season=1&ep=2&apikey=k";
        ParsedQueries.Parsed first = queries.parse(text);

        assertEquals(TorznabRequest.parseQuery(text), first.request());
        assertEquals(first.request().answerKey(), first.answerKey());
        assertSame(first, queries.parse(new String(text.toCharArray())));
    }

    @Test
    public void aRefusedQueryStringIsRefusedEveryTime() {
        for (int i = 0; i < 2; i++) {
            TorznabException refused = assertThrows(TorznabException.class, () -> queries.parse("t=tvsearch&season=x"));
            assertEquals(201, refused.code());
        }
        assertEquals(200, assertThrows(TorznabException.class, () -> queries.parse(null)).code());
        assertEquals(0, queries.size());
    }

    @Test
    public void everNewQueryStringsOnlyPushOutOlderOnes() throws Exception {
        for (int i = 0; i < ParsedQueries.MAX_QUERIES + 50; i++) {
            queries.parse("t=search&q=series" + i);
        }
        assertEquals(ParsedQueries.MAX_QUERIES, queries.size());
    }

    @Test
    public void aLongQueryStringIsReadButNotKept() throws Exception {
        String text = "t=search&q=" + "a".repeat(ParsedQueries.MAX_KEPT_LENGTH);
        ParsedQueries.Parsed first = queries.parse(text);

        assertEquals("a".repeat(ParsedQueries.MAX_KEPT_LENGTH), first.request().query());
        assertNotSame(first, queries.parse(text));
        assertEquals(0, queries.size());
    }
}
