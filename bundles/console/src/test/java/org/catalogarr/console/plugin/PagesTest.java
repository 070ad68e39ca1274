package org.catalogarr.console.plugin;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.catalogarr.core.admin.CatalogueRow;
import org.catalogarr.core.admin.DownloadRow;
import org.junit.Test;

public class PagesTest {

    private static final Instant ADDED = Instant.parse("2026-01-01T00:00:00Z");
    private static final String SCRAPED = "<script>alert('x')</script>\"&";

    @Test
    public void catalogueValuesFromScrapedPagesAreEscaped() {
        CatalogueRow row = new CatalogueRow("sto", SCRAPED, true, OptionalInt.of(2), Optional.of("https://s.to/?a=1&b=<2>"),
                12, Optional.of(Instant.parse("2026-01-02T03:04:05Z")), List.of("title index: <b>blocked</b>"), "ok",
                Optional.empty(), OptionalLong.empty(), Optional.empty(), Optional.empty());

        String html = CataloguesPage.render(List.of(row), "/system/console/catalogarr-catalogues", "t0k\"en");

        assertFalse(html, html.contains("<script>"));
        assertFalse(html, html.contains("<b>"));
        assertTrue(html, html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&#34;&amp;"));
        assertTrue(html, html.contains("https://s.to/?a=1&amp;b=&lt;2&gt;"));
        assertTrue("the token cannot leave its attribute: " + html, html.contains("value=\"t0k&#34;en\""));
        assertTrue(html, html.contains("2026-01-02T03:04:05Z"));
    }

    @Test
    public void enabledSitesCanBeMovedOrDisabledAndDisabledOnesEnabled() {
        CatalogueRow enabled = new CatalogueRow("aniworld", "AniWorld", true, OptionalInt.of(1), Optional.empty(), 0,
                Optional.empty(), List.of(), "ok",
                Optional.empty(), OptionalLong.empty(), Optional.empty(), Optional.empty());
        CatalogueRow disabled = new CatalogueRow("sto", "s.to", false, OptionalInt.empty(), Optional.empty(), 0,
                Optional.empty(), List.of(), "disabled",
                Optional.empty(), OptionalLong.empty(), Optional.empty(), Optional.empty());

        String html = CataloguesPage.render(List.of(enabled, disabled), "/p", "t");

        String first = html.substring(html.indexOf("aniworld"), html.indexOf("</tr>", html.indexOf("aniworld")));
        String second = html.substring(html.indexOf("<td>sto</td>"));
        assertTrue(first, first.contains("value=\"up\"") && first.contains("value=\"down\"")
                && first.contains("value=\"disable\""));
        assertTrue(second, second.contains("value=\"enable\"") && !second.contains("value=\"up\""));
        assertTrue(second, second.contains("<td>-</td>"));
    }

    @Test
    public void downloadValuesAreEscapedAndSizesReadable() {
        DownloadRow row = new DownloadRow("ab12", SCRAPED, "aniworld", "german-dub", "downloading", 0.5, 1536,
                1024, OptionalLong.of(3L * 1024 * 1024), "tv-<sonarr>", Optional.of("<i>slow</i>"),
                ADDED, Optional.empty(), OptionalLong.empty());

        String html = DownloadsPage.render(List.of(row), "/p", "t");

        assertFalse(html, html.contains("<script>") || html.contains("<i>") || html.contains("tv-<sonarr>"));
        assertTrue(html, html.contains("50.0 %"));
        assertTrue(html, html.contains("1.5 KiB/s"));
        assertTrue(html, html.contains("3.0 MiB"));
        assertTrue(html, html.contains("value=\"pause\"") && html.contains("value=\"top\"")
                && html.contains("value=\"delete-files\""));
    }

    @Test
    public void thePageRefreshesItselfOnlyWhileDownloadsRun() {
        DownloadRow running = new DownloadRow("ab12", "Show.S01E01", "aniworld", "german-dub", "downloading", 0.5, 10,
                10, OptionalLong.empty(), "", Optional.empty(),
                ADDED, Optional.empty(), OptionalLong.empty());
        DownloadRow done = new DownloadRow("cd34", "Show.S01E02", "aniworld", "german-dub", "completed", 1, 0, 20,
                OptionalLong.of(20), "", Optional.empty(),
                ADDED, Optional.empty(), OptionalLong.empty());

        assertTrue(DownloadsPage.render(List.of(done, running), "/p", "t").contains("http-equiv=\"refresh\""));
        assertFalse(DownloadsPage.render(List.of(done), "/p", "t").contains("http-equiv"));
    }

    @Test
    public void sizesUseBinaryUnits() {
        assertEquals("0 B", DownloadsPage.size(0));
        assertEquals("1023 B", DownloadsPage.size(1023));
        assertEquals("1.0 KiB", DownloadsPage.size(1024));
        assertEquals("1.5 GiB", DownloadsPage.size(3L * 512 * 1024 * 1024));
    }
}
