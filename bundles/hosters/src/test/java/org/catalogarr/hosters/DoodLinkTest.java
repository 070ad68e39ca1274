package org.catalogarr.hosters;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.util.Optional;
import java.util.Random;

import org.junit.Test;

public class DoodLinkTest {

    private static final String PAGE = "<script>function makePlay(){ return a + \"?token=pagetok7&expiry=\" + Date.now(); }\n"
            + "$.get('/pass_md5/12345-67-89-1712345678-a1b2c3/lasttok9', function (data) { play(data + makePlay()); });</script>";

    @Test
    public void theDownloadPageLeadsToThePlayerPage() {
        assertEquals(URI.create("https://dood.li/e/abc123"), DoodLink.playerPage(URI.create("https://dood.li/d/abc123")));
        assertEquals(URI.create("https://dood.li/e/abc123"), DoodLink.playerPage(URI.create("https://dood.li/e/abc123")));
        assertEquals(URI.create("https://vide0.net/dl/x"), DoodLink.playerPage(URI.create("https://vide0.net/dl/x")));
    }

    @Test
    public void findsThePassMd5Call() {
        assertEquals(Optional.of("/pass_md5/12345-67-89-1712345678-a1b2c3/lasttok9"), DoodLink.passMd5(PAGE));
        assertEquals(Optional.empty(), DoodLink.passMd5("<script>fetch('/pass_md5/x/y')</script>"));
    }

    @Test
    public void theTokenIsThePagesOwnElseThePassMd5PathsLastSegment() {
        String passMd5 = DoodLink.passMd5(PAGE).orElseThrow();

        assertEquals("pagetok7", DoodLink.token(PAGE, passMd5));
        assertEquals("lasttok9", DoodLink.token("$.get('" + passMd5 + "')", passMd5));
    }

    @Test
    public void buildsBasePlusTenRandomAlphanumericsPlusTokenAndExpiry() {
        String random = DoodLink.randomPart(new Random(42));

        assertTrue(random, random.matches("[A-Za-z0-9]{10}"));
        assertNotEquals(random, DoodLink.randomPart(new Random(43)));
        assertEquals("https://x.cloudatacdn.com/u5/abc~" + random + "?token=tok&expiry=1767225600000",
                DoodLink.link("https://x.cloudatacdn.com/u5/abc~", random, "tok", 1_767_225_600_000L));
    }

    @Test
    public void onlyAnHttpUrlStartsALink() {
        assertTrue(DoodLink.isAbsoluteHttp("https://x.cloudatacdn.com/u5/abc~"));
        assertTrue(DoodLink.isAbsoluteHttp("HTTP://127.0.0.1:8080/dl/x~"));
        assertFalse(DoodLink.isAbsoluteHttp("RELOAD"));
        assertFalse(DoodLink.isAbsoluteHttp("/dl/x~"));
    }
}
