package org.catalogarr.hosters;

import static org.junit.Assert.assertEquals;

import java.util.Optional;

import org.junit.Test;

public class StreamtapeLinkTest {

    @Test
    public void appliesTheSubstringChainInOrder() {
        assertEquals(Optional.of("//streamtape.com/get_video?id=abc&token=T1"), StreamtapeLink.robotlink(
                "document.getElementById('robotlink').innerHTML = '//streamtape.com/get_vid' + ('xcdeo?id=abc&token=T1')"
                        + ".substring(1).substring(2);"));
    }

    @Test
    public void readsDoubleQuotesEmptyTermsAndTwoArgumentSubstrings() {
        assertEquals(Optional.of("/streamtape.com/get_video?id=x"), StreamtapeLink.robotlink(
                "document.getElementById(\"robotlink\").innerHTML = \"/streamtape.com/get_v\"+''+(\"xxideo?id=xyz\")"
                        + ".substring(2).substring(0, 9)\n"));
    }

    @Test
    public void theLastAssignmentToRobotlinkWinsAndOtherElementsDoNotCount() {
        String script = "document.getElementById('robotlink').innerHTML = '//a/first';\n"
                + "document.getElementById('norobotlink').innerHTML = '//a/decoy';\n"
                + "document.getElementById('robotlink').innerHTML = '//a/sec' + ('--ond').substring(2);";

        assertEquals(Optional.of("//a/second"), StreamtapeLink.robotlink(script));
    }

    @Test
    public void substringBehavesAsInJavaScript() {
        assertEquals("", StreamtapeLink.substring("abc", 5, 3));
        assertEquals("bc", StreamtapeLink.substring("abc", 3, 1));
        assertEquals("abc", StreamtapeLink.substring("abc", 0, 99));
    }

    @Test
    public void anythingButStringsAndSubstringsIsNoLink() {
        assertEquals(Optional.empty(), StreamtapeLink.evaluate("'//a/b' + someVariable"));
        assertEquals(Optional.empty(), StreamtapeLink.evaluate("('//a/b').slice(1)"));
        assertEquals(Optional.empty(), StreamtapeLink.evaluate("('//a/b'"));
        assertEquals(Optional.empty(), StreamtapeLink.robotlink("document.getElementById('robotlink').innerHTML = x;"));
    }
}
