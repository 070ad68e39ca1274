package org.catalogarr.core.torznab;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.catalogarr.catalogue.api.Language;
import org.catalogarr.core.catalogue.Entries;
import org.catalogarr.core.torrent.Magnets;
import org.catalogarr.testkit.FeedRules;
import org.junit.Test;

/** The rules must catch what the clients reject, or a passing feed test proves nothing. */
public class FeedRulesTest {

    private static final String HASH = Magnets.infohash("aniworld", "attack-on-titan", 1, 5, Language.GERMAN_DUB);

    @Test
    public void rejectsAWrongTorznabNamespace() throws IOException {
        assertBroken(good().replace("http://torznab.com/schemas/2015/feed", "http://torznab.com/schemas/2015/feed/"),
                "torznab namespace");
    }

    @Test
    public void rejectsADateWithoutNumericOffset() throws IOException {
        assertBroken(good().replace("10:00:00 +0000", "10:00:00 GMT"), "pubDate");
    }

    @Test
    public void rejectsADateInTheFuture() throws IOException {
        assertBroken(good().replace("15 Jan 2024", "15 Jan 2124").replace("Mon,", "Sat,"), "future");
    }

    @Test
    public void rejectsAnUndeclaredCategory() throws IOException {
        assertBroken(good().replace("value=\"5070\"", "value=\"5080\""), "declared in caps");
    }

    @Test
    public void rejectsAMagnetForAnotherHash() throws IOException {
        assertBroken(good().replace("urn:btih:" + HASH, "urn:btih:" + HASH.replace('1', '2')), "magnet btih");
    }

    @Test
    public void rejectsAnUppercaseInfohash() throws IOException {
        assertBroken(good().replace("name=\"infohash\" value=\"" + HASH, "name=\"infohash\" value=\"" + HASH.toUpperCase()),
                "infohash");
    }

    @Test
    public void rejectsALengthOtherThanTheSize() throws IOException {
        assertBroken(good().replaceFirst("length=\"\\d+\"", "length=\"1\""), "enclosure length");
    }

    @Test
    public void rejectsARelativeEnclosure() throws IOException {
        assertBroken(good().replace("url=\"http://catalogarr.lan:8282", "url=\""), "absolute enclosure");
    }

    @Test
    public void rejectsNoSeeders() throws IOException {
        assertBroken(good().replace("name=\"seeders\" value=\"1\"", "name=\"seeders\" value=\"0\""), "seeders");
    }

    @Test
    public void rejectsALanguageCode() throws IOException {
        assertBroken(good().replace("value=\"German\"", "value=\"de\""), "English name");
    }

    @Test
    public void rejectsATitleSonarrCannotParse() throws IOException {
        assertBroken(good().replace("<title>Attack.on.Titan.S01E05", "<title>Attack on Titan Episode 5"),
                "scene-style title");
    }

    @Test
    public void rejectsAnErrorDocument() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ErrorDocument.write(out, 100, "Invalid API Key");

        assertBroken(out.toString(StandardCharsets.UTF_8), "error elements");
    }

    private static String good() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FeedWriter.write(out, List.of(Entries.aniworld("Attack on Titan", "attack-on-titan", 1, 5, Language.GERMAN_DUB)),
                List.of(), URI.create("http://catalogarr.lan:8282"), "Catalogarr");
        String feed = out.toString(StandardCharsets.UTF_8);
        FeedRules.assertValidFeed(feed.getBytes(StandardCharsets.UTF_8), CapsTest.caps());
        return feed;
    }

    private static void assertBroken(String feed, String rule) throws IOException {
        try {
            FeedRules.assertValidFeed(feed.getBytes(StandardCharsets.UTF_8), CapsTest.caps());
        } catch (AssertionError e) {
            assertTrue("expected the rule '" + rule + "' to fail, got: " + e.getMessage(), e.getMessage().contains(rule));
            return;
        }
        fail("accepted a feed breaking the rule '" + rule + "'");
    }

    @Test
    public void readsTitlesAsSonarrDoesAndRefusesAnEchoedTag() {
        assertEquals(new FeedRules.SonarrTitle("howimetyourmother", 1, 1),
                FeedRules.sonarrTitle("How.I.Met.Your.Mother.S01E01.German.1080p.WEB.h264-STO"));
        assertEquals(new FeedRules.SonarrTitle("kaguyasamaloveiswar", 1, 6),
                FeedRules.sonarrTitle("Kaguya.sama.Love.is.War.S01E06.GerSub.1080p.WEB.h264-ANIWORLD"));
        assertEquals(new FeedRules.SonarrTitle("911", 8, 0),
                FeedRules.sonarrTitle("9.1.1.S08.German.1080p.WEB.h264-STO"));
        assertEquals(FeedRules.cleanTitle("The Rookie"), FeedRules.sonarrTitle("The.Rookie.S07E10.German.1080p"
                + ".WEB.h264-STO").cleanSeries());
        for (String echoed : List.of("How.I.Met.Your.Mother.S01E01.S01E01.German.1080p.WEB.h264-STO",
                "Breaking.Bad.1x01.S01E01.German.1080p.WEB.h264-STO",
                "Spy.x.Family.Season.2.S02E01.German.1080p.WEB.h264-STO",
                "Attack.on.Titan.German.1080p.WEB.h264-STO")) {
            try {
                FeedRules.sonarrTitle(echoed);
            } catch (AssertionError expected) {
                continue;
            }
            fail("accepted " + echoed);
        }
    }
}
