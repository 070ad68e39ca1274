package org.catalogarr.core.torznab;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.catalogarr.catalogue.api.Language;
import org.catalogarr.core.catalogue.Entries;
import org.catalogarr.core.catalogue.ResultEntry;
import org.catalogarr.core.torrent.MagnetInfo;
import org.catalogarr.core.torrent.Magnets;
import org.catalogarr.core.torrent.UrlParameters;
import org.junit.Test;

public class DownloadLinksTest {

    private static final ResultEntry ENTRY = Entries.sto("Law & Order", "law-and-order", 0, 12, Language.GERMAN_SUB);
    private static final String TITLE = "Law.and.Order.S00E12.GerSub.1080p.WEB.h264-STO";

    @Test
    public void buildsAnAbsoluteLinkUnderTheBase() {
        URI link = DownloadLinks.link(URI.create("http://catalogarr.lan:8282/"), ENTRY, "Law & Order 12");

        assertEquals("http://catalogarr.lan:8282/torznab/download?site=sto&slug=law-and-order&season=0&episode=12"
                + "&lang=german-sub&title=Law%20%26%20Order%2012", link.toString());
        assertEquals("/torznab/download", link.getPath());
    }

    @Test
    public void keepsTheBasePath() {
        URI link = DownloadLinks.link(URI.create("https://example.org/catalogarr"), ENTRY, TITLE);

        assertEquals("/catalogarr/torznab/download", link.getPath());
    }

    @Test
    public void refusesARelativeBase() {
        for (String base : List.of("/catalogarr", "http://host/?a=b", "http://host/#x")) {
            try {
                DownloadLinks.link(URI.create(base), ENTRY, TITLE);
                fail("accepted base " + base);
            } catch (IllegalArgumentException e) {
                assertEquals("The base of download links must be an absolute URI without query or fragment, not '"
                        + base + "'", e.getMessage());
            }
        }
    }

    @Test
    public void readsTheLinkBackAsTheMagnetOfTheSameResult() {
        URI link = DownloadLinks.link(URI.create("http://host:8282"), ENTRY, TITLE);

        MagnetInfo info = DownloadLinks.parse(servletParameters(link));

        assertEquals(MagnetInfo.of(ENTRY, TITLE), info);
        assertEquals(Magnets.magnet(ENTRY, TITLE), Magnets.magnet(info));
    }

    @Test
    public void namesTheFirstBadParameter() {
        Map<String, String[]> good = servletParameters(DownloadLinks.link(URI.create("http://host"), ENTRY, TITLE));

        assertRefused(without(good, "site"), "Parameter 'site' is missing");
        assertRefused(with(good, "slug", " "), "Parameter 'slug' is missing");
        assertRefused(with(good, "season", "-1"), "Parameter 'season' must be a whole number, not '-1'");
        assertRefused(with(good, "episode", "five"), "Parameter 'episode' must be a whole number, not 'five'");
        assertRefused(with(good, "lang", "de"),
                "Parameter 'lang' must be one of german-dub, german-sub, english-sub, english-dub, not 'de'");
        assertRefused(without(good, "title"), "Parameter 'title' is missing");
        Map<String, String[]> twice = new HashMap<>(good);
        twice.put("season", new String[] {"1", "2"});
        assertRefused(twice, "Parameter 'season' is given 2 times");
    }

    private static void assertRefused(Map<String, String[]> parameters, String message) {
        try {
            DownloadLinks.parse(parameters);
            fail("accepted " + message);
        } catch (IllegalArgumentException e) {
            assertEquals(message, e.getMessage());
        }
    }

    private static Map<String, String[]> with(Map<String, String[]> parameters, String name, String value) {
        Map<String, String[]> changed = new HashMap<>(parameters);
        changed.put(name, new String[] {value});
        return changed;
    }

    private static Map<String, String[]> without(Map<String, String[]> parameters, String name) {
        Map<String, String[]> changed = new HashMap<>(parameters);
        changed.remove(name);
        return changed;
    }

    /** What a servlet container makes of the link's query string. */
    private static Map<String, String[]> servletParameters(URI link) {
        Map<String, String[]> parameters = new HashMap<>();
        UrlParameters.decode(link.getRawQuery()).forEach((name, values) -> parameters.put(name, values.toArray(String[]::new)));
        return parameters;
    }
}
