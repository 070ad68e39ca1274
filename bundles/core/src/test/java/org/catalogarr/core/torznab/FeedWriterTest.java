package org.catalogarr.core.torznab;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.catalogarr.catalogue.api.CatalogueException.Reason;
import org.catalogarr.catalogue.api.Language;
import org.catalogarr.core.catalogue.Entries;
import org.catalogarr.core.catalogue.ResultEntry;
import org.catalogarr.core.catalogue.SiteFailure;
import org.catalogarr.core.catalogue.SizeEstimate;
import org.catalogarr.core.torrent.Magnets;
import org.catalogarr.testkit.FeedRules;
import org.junit.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

public class FeedWriterTest {

    private static final URI BASE = URI.create("http://catalogarr.lan:8282");
    private static final String CATALOGARR = "urn:catalogarr:torznab";

    private static final ResultEntry DUB = Entries.aniworld("Attack on Titan", "attack-on-titan", 1, 5, Language.GERMAN_DUB);
    private static final ResultEntry SUB = new ResultEntry("sto", "s.to", 2, false, "The Rookie", "the-rookie", 0, 2,
            Language.GERMAN_SUB, SizeEstimate.of(0), Instant.parse("2024-01-14T09:05:03Z"));

    @Test
    public void writesAFeedTheClientsAccept() throws IOException {
        List<FeedRules.Item> items = FeedRules.assertValidFeed(feed(List.of(DUB, SUB), List.of()), CapsTest.caps());

        assertEquals(2, items.size());
    }

    @Test
    public void writesEveryFieldOfAnItem() throws IOException {
        FeedRules.Item item = FeedRules.assertValidFeed(feed(List.of(DUB), List.of()), CapsTest.caps()).get(0);
        String title = "Attack.on.Titan.S01E05.German.1080p.WEB.h264-ANIWORLD";
        String hash = Magnets.infohash("aniworld", "attack-on-titan", 1, 5, Language.GERMAN_DUB);

        assertEquals(title, item.title());
        assertEquals(hash, item.guid());
        assertEquals("false", ((Element) item.element().getElementsByTagName("guid").item(0)).getAttribute("isPermaLink"));
        assertEquals("Mon, 15 Jan 2024 10:00:00 +0000", text(item.element(), "pubDate"));
        assertEquals(Long.toString(SizeEstimate.EPISODE_BYTES), text(item.element(), "size"));
        assertEquals(DownloadLinks.link(BASE, DUB, title).toString(), item.enclosureUrl());
        assertEquals(item.enclosureUrl(), text(item.element(), "link"));
        assertEquals(Set.of(5070, 5000), item.categories());
        assertEquals(List.of("5070", "5000"), item.attrs().get("category"));
        assertEquals("1", item.attr("seeders"));
        assertEquals("1", item.attr("peers"));
        assertEquals(hash, item.attr("infohash"));
        assertEquals(Magnets.magnet(DUB, title), item.attr("magneturl"));
        assertEquals("0", item.attr("downloadvolumefactor"));
        assertEquals("1", item.attr("uploadvolumefactor"));
        assertEquals("German", item.attr("language"));
        assertNull(item.attr("tvdbid"));
        Element site = (Element) item.element().getElementsByTagNameNS(CATALOGARR, "site").item(0);
        assertEquals("aniworld", site.getAttribute("id"));
        assertEquals("AniWorld", site.getTextContent());
        assertEquals("german-dub", item.element().getElementsByTagNameNS(CATALOGARR, "language").item(0).getTextContent());
    }

    @Test
    public void namesOnlyDubbedAudio() throws IOException {
        List<FeedRules.Item> items = FeedRules.assertValidFeed(feed(List.of(
                Entries.sto("The Rookie", "the-rookie", 1, 1, Language.ENGLISH_DUB),
                Entries.sto("The Rookie", "the-rookie", 1, 1, Language.ENGLISH_SUB),
                Entries.sto("The Rookie", "the-rookie", 1, 1, Language.GERMAN_SUB)), List.of()), CapsTest.caps());

        assertEquals("English", items.get(0).attr("language"));
        assertNull(items.get(1).attr("language"));
        assertNull(items.get(2).attr("language"));
        assertEquals("english-sub",
                items.get(1).element().getElementsByTagNameNS(CATALOGARR, "language").item(0).getTextContent());
    }

    @Test
    public void writesSeasonZeroAsMoviesToo() throws IOException {
        FeedRules.Item item = FeedRules.assertValidFeed(feed(List.of(SUB), List.of()), CapsTest.caps()).get(0);

        assertEquals("The.Rookie.S00E02.GerSub.1080p.WEB.h264-STO", item.title());
        assertEquals(Set.of(5040, 5000, 2040, 2000), item.categories());
        assertEquals(Long.toString(SizeEstimate.MOVIE_BYTES), item.attr("size"));
        assertEquals("Sun, 14 Jan 2024 09:05:03 +0000", text(item.element(), "pubDate"));
    }

    @Test
    public void writesDatesInEnglishWhateverTheDefaultLocale() throws IOException {
        Locale previous = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
        try {
            FeedRules.Item item = FeedRules.assertValidFeed(feed(List.of(SUB), List.of()), CapsTest.caps()).get(0);
            assertEquals("Sun, 14 Jan 2024 09:05:03 +0000", text(item.element(), "pubDate"));
        } finally {
            Locale.setDefault(previous);
        }
    }

    @Test
    public void writesAnEmptyChannelWithWarnings() throws IOException {
        byte[] feed = feed(List.of(), List.of(
                new SiteFailure("sto", "s.to", Reason.BLOCKED, "DDoS-Guard page \u0001instead of results"),
                new SiteFailure("aniworld", "AniWorld", Reason.TIMEOUT, "no answer within 10 s")));

        assertEquals(List.of(), FeedRules.assertValidFeed(feed, CapsTest.caps()));
        Document document = FeedRules.parse(feed);
        Element channel = (Element) document.getElementsByTagName("channel").item(0);
        assertEquals("Catalogarr", text(channel, "title"));
        assertEquals(BASE.toString(), text(channel, "link"));
        NodeList warnings = document.getElementsByTagNameNS(CATALOGARR, "warning");
        assertEquals(2, warnings.getLength());
        Element blocked = (Element) warnings.item(0);
        assertEquals("sto", blocked.getAttribute("site"));
        assertEquals("BLOCKED", blocked.getAttribute("reason"));
        assertEquals("DDoS-Guard page instead of results", blocked.getTextContent());
        assertEquals("TIMEOUT", ((Element) warnings.item(1)).getAttribute("reason"));
    }

    @Test
    public void declaresBothNamespacesOnTheRoot() throws IOException {
        String xml = new String(feed(List.of(DUB), List.of()), StandardCharsets.UTF_8);

        assertTrue(xml, xml.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss xmlns:torznab=\""
                + FeedRules.TORZNAB_NAMESPACE + "\" xmlns:catalogarr=\"" + CATALOGARR + "\" version=\"2.0\">"));
    }

    @Test
    public void stripsControlCharactersAndKeepsAccents() throws IOException {
        ResultEntry odd = Entries.aniworld("Pokémon", "pokemon", 1, 1, Language.GERMAN_DUB);
        ResultEntry broken = new ResultEntry("aniworld", "Ani\u0007World", 1, true, "Pokémon", "pokemon", 1, 2,
                Language.GERMAN_DUB, SizeEstimate.EPISODE_BYTES, Entries.PUBLISHED);

        List<FeedRules.Item> items = FeedRules.assertValidFeed(feed(List.of(odd, broken), List.of()), CapsTest.caps());

        assertEquals("Pokémon.S01E01.German.1080p.WEB.h264-ANIWORLD", items.get(0).title());
        assertEquals("AniWorld", items.get(1).element().getElementsByTagNameNS(CATALOGARR, "site").item(0).getTextContent());
    }

    private static byte[] feed(List<ResultEntry> page, List<SiteFailure> failures) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FeedWriter.write(out, page, failures, BASE, "Catalogarr");
        return out.toByteArray();
    }

    private static String text(Element parent, String name) {
        return parent.getElementsByTagName(name).item(0).getTextContent();
    }
}
