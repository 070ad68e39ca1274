package org.catalogarr.core.torznab;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.catalogarr.catalogue.api.Language;
import org.catalogarr.core.catalogue.Entries;
import org.catalogarr.core.catalogue.ResultEntry;
import org.catalogarr.core.servlet.RecordedResponse;
import org.catalogarr.core.torrent.Bencode;
import org.catalogarr.core.torrent.Bencoded;
import org.catalogarr.core.torrent.TorrentFiles;
import org.catalogarr.settings.Settings;
import org.catalogarr.testkit.FeedRules;
import org.catalogarr.testkit.Torrents;
import org.junit.Test;

import jakarta.servlet.http.HttpServletRequest;

public class DownloadServletTest {

    private static final ResultEntry ENTRY = Entries.aniworld("Attack on Titan", "attack-on-titan", 1, 5,
            Language.GERMAN_DUB);

    private static TorznabServlet.Config config(String enclosure) {
        return (TorznabServlet.Config) Proxy.newProxyInstance(TorznabServlet.Config.class.getClassLoader(),
                new Class<?>[] { TorznabServlet.Config.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "enclosure" -> enclosure;
                    case "api__key" -> "";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** A response that remembers what was written to it. */
    private static FeedRules.Item feedItem() throws Exception {
        ByteArrayOutputStream feed = new ByteArrayOutputStream();
        FeedWriter.write(feed, List.of(ENTRY), List.of(), URI.create("http://catalogarr.lan:8282"), "Catalogarr");
        return FeedRules.assertValidFeed(feed.toByteArray(), CapsTest.caps()).get(0);
    }

    private static RecordedResponse get(DownloadServlet servlet, String url) throws Exception {
        String query = url.substring(url.indexOf('?') + 1);
        HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(
                DownloadServletTest.class.getClassLoader(), new Class<?>[] { HttpServletRequest.class },
                (proxy, m, args) -> switch (m.getName()) {
                    case "getQueryString" -> query;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        RecordedResponse answer = new RecordedResponse();
        servlet.doGet(request, answer.response());
        return answer;
    }

    @Test
    public void redirectsToTheItemsMagnetByDefault() throws Exception {
        FeedRules.Item item = feedItem();

        RecordedResponse answer = get(new DownloadServlet(config("magnet")), item.enclosureUrl());

        assertEquals(302, answer.status);
        assertEquals(item.attr("magneturl"), answer.headers.get("Location"));
    }

    @Test
    public void answersTheTorrentFileWhoseInfohashIsTheItemsInfohash() throws Exception {
        FeedRules.Item item = feedItem();

        RecordedResponse answer = get(new DownloadServlet(config("Torrent")), item.enclosureUrl());

        assertEquals(200, answer.status);
        assertEquals("application/x-bittorrent", answer.headers.get("Content-Type"));
        assertEquals(Integer.toString(answer.bytes().length), answer.headers.get("Content-Length"));
        assertEquals("attachment; filename=\"" + item.title() + ".torrent\"; filename*=UTF-8''" + item.title()
                + ".torrent", answer.headers.get("Content-Disposition"));
        Bencoded.Dict torrent = (Bencoded.Dict) Bencode.decode(answer.bytes());
        byte[] info = Bencode.encode(torrent.dict("info").orElseThrow());
        assertEquals(item.attr("infohash"), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(info)));
        assertEquals(item.attr("infohash"), Torrents.infohash(answer.bytes()));
        assertEquals(item.title(), TorrentFiles.read(answer.bytes()).orElseThrow().title());
    }

    @Test
    public void keepsTheEnclosureWhenTheNewValueIsRefused() throws Exception {
        Settings settings = new Settings();
        DownloadServlet servlet = new DownloadServlet(settings, Map.of("enclosure", "torrent"));

        servlet.configure(Map.of("enclosure", "bittorrent"));

        assertEquals(200, get(servlet, feedItem().enclosureUrl()).status);
        assertEquals(List.of("enclosure must be one of magnet, torrent, was 'bittorrent'"),
                settings.problems().get(TorznabServlet.PID));
        servlet.configure(Map.of("enclosure", " magnet "));
        assertEquals(302, get(servlet, feedItem().enclosureUrl()).status);
    }

    @Test
    public void refusesABrokenLinkInEitherMode() throws Exception {
        for (String enclosure : List.of("magnet", "torrent")) {
            RecordedResponse answer = get(new DownloadServlet(config(enclosure)),
                    "http://host/torznab/download?site=aniworld&slug=x&season=1&episode=one&lang=german-dub&title=t");

            assertEquals(400, answer.status);
            assertEquals("Not a Catalogarr download link: Parameter 'episode' must be a whole number, not 'one'",
                    answer.text().strip());
        }
    }

    @Test
    public void answersABrokenPercentEscapeAsABrokenLink() throws Exception {
        RecordedResponse answer = get(new DownloadServlet(config("magnet")), "http://host/torznab/download?site=%&slug=%FF");

        assertEquals(400, answer.status);
        assertEquals("Not a Catalogarr download link: the query string has an incomplete percent escape", answer.text().strip());
    }

    @Test
    public void namesTheAttachmentInAsciiAndExactly() {
        String header = DownloadServlet.attachment("[Group] Shingeki \"no\" Kyojin – 05 *.torrent");

        assertEquals("attachment; filename=\"[Group] Shingeki _no_ Kyojin _ 05 *.torrent\"; filename*=UTF-8''"
                + "%5BGroup%5D%20Shingeki%20%22no%22%20Kyojin%20%E2%80%93%2005%20%2A.torrent", header);
        assertTrue(header, header.chars().allMatch(c -> c < 0x80));
    }
}
