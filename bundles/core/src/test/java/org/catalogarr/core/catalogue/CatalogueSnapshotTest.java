package org.catalogarr.core.catalogue;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.catalogarr.catalogue.api.CatalogueProvider;
import org.catalogarr.catalogue.api.CatalogueSite;
import org.catalogarr.catalogue.api.Language;
import org.catalogarr.catalogue.api.SiteConfiguration;
import org.junit.Test;

public class CatalogueSnapshotTest {

    private static CatalogueSite site(String id, int priority, boolean enabled) {
        return new CatalogueSite(id, id.toUpperCase(), URI.create("https://" + id + ".example"), priority,
                List.of(Language.GERMAN_DUB), enabled, 5, Set.of(), 24, 6, false);
    }

    private final FakeProvider aniworld = new FakeProvider(site("aniworld", 1, true));
    private final FakeProvider sto = new FakeProvider(site("sto", 2, true));
    private final FakeProvider extra = new FakeProvider(site("extra", 3, false));

    @Test
    public void enabledSitesComeFirstInPriorityOrder() {
        aniworld.set(site("aniworld", 5, true));

        CatalogueSnapshot snapshot = CatalogueSnapshot.evaluate(CatalogueSnapshot.EMPTY, List.of(extra, aniworld, sto),
                null);

        assertEquals(List.of("sto", "aniworld", "extra"), snapshot.entries().stream().map(CatalogueEntry::siteId).toList());
        assertEquals(List.of("sto", "aniworld"), snapshot.enabled().stream().map(CatalogueEntry::siteId).toList());
    }

    @Test
    public void disabledSitesMayShareAPriority() {
        extra.set(site("extra", 1, false));

        CatalogueSnapshot snapshot = CatalogueSnapshot.evaluate(CatalogueSnapshot.EMPTY, List.of(aniworld, extra), null);

        assertTrue(snapshot.entries().stream().allMatch(e -> e.problems().isEmpty()));
    }

    @Test
    public void changeToADuplicatePriorityIsRefusedAndThePreviousSettingsStay() {
        CatalogueSnapshot before = CatalogueSnapshot.evaluate(CatalogueSnapshot.EMPTY, List.of(aniworld, sto), null);

        sto.set(site("sto", 1, true));
        CatalogueSnapshot after = CatalogueSnapshot.evaluate(before, List.of(aniworld, sto), "sto");

        CatalogueEntry entry = after.entry("sto").orElseThrow();
        assertEquals(2, entry.site().orElseThrow().searchPriority());
        assertTrue(entry.enabled());
        assertEquals(List.of("search_priority 1 is already used by enabled site 'aniworld'; the previous settings stay in force"),
                entry.problems());
        assertEquals(1, after.entry("aniworld").orElseThrow().site().orElseThrow().searchPriority());
        assertTrue(after.entry("aniworld").orElseThrow().problems().isEmpty());
    }

    @Test
    public void newSiteWithATakenPriorityStaysDisabled() {
        CatalogueSnapshot before = CatalogueSnapshot.evaluate(CatalogueSnapshot.EMPTY, List.of(aniworld), null);

        FakeProvider clashing = new FakeProvider(site("sto", 1, true));
        CatalogueSnapshot after = CatalogueSnapshot.evaluate(before, List.of(aniworld, clashing), "sto");

        CatalogueEntry entry = after.entry("sto").orElseThrow();
        assertFalse(entry.enabled());
        assertTrue(entry.problems().get(0).endsWith("the site stays disabled"));
        assertEquals(List.of("aniworld"), after.enabled().stream().map(CatalogueEntry::siteId).toList());
    }

    @Test
    public void refusedSiteComesInOnceTheClashIsResolvedElsewhere() {
        CatalogueSnapshot first = CatalogueSnapshot.evaluate(CatalogueSnapshot.EMPTY, List.of(aniworld, sto), null);
        sto.set(site("sto", 1, true));
        CatalogueSnapshot refused = CatalogueSnapshot.evaluate(first, List.of(aniworld, sto), "sto");

        aniworld.set(site("aniworld", 7, true));
        CatalogueSnapshot resolved = CatalogueSnapshot.evaluate(refused, List.of(aniworld, sto), "aniworld");

        assertEquals(List.of("sto", "aniworld"), resolved.enabled().stream().map(CatalogueEntry::siteId).toList());
        assertTrue(resolved.entries().stream().allMatch(e -> e.problems().isEmpty()));
    }

    @Test
    public void providerRejectionIsReportedWithTheSettingsStillInForce() {
        CatalogueProvider rejecting = new FakeProvider(new SiteConfiguration("sto", Optional.of(site("sto", 2, true)),
                Optional.of("search_timeout_seconds must be between 1 and 300, was -1")));

        CatalogueEntry entry = CatalogueSnapshot.evaluate(CatalogueSnapshot.EMPTY, List.of(rejecting), "sto")
                .entry("sto").orElseThrow();

        assertTrue(entry.enabled());
        assertEquals(List.of("search_timeout_seconds must be between 1 and 300, was -1"), entry.problems());
    }

    @Test
    public void siteWithoutValidSettingsIsListedButNeverEnabled() {
        CatalogueProvider neverValid = new FakeProvider(new SiteConfiguration("sto", Optional.empty(), Optional.of("bad")));

        CatalogueSnapshot snapshot = CatalogueSnapshot.evaluate(CatalogueSnapshot.EMPTY, List.of(neverValid), "sto");

        assertFalse(snapshot.entry("sto").orElseThrow().enabled());
        assertTrue(snapshot.enabled().isEmpty());
    }

    @Test
    public void changesAreNamedPerSite() {
        CatalogueSnapshot one = CatalogueSnapshot.evaluate(CatalogueSnapshot.EMPTY, List.of(aniworld), null);
        CatalogueSnapshot two = CatalogueSnapshot.evaluate(one, List.of(aniworld, sto), "sto");
        sto.set(site("sto", 2, false));
        CatalogueSnapshot three = CatalogueSnapshot.evaluate(two, List.of(aniworld, sto), "sto");
        CatalogueSnapshot four = CatalogueSnapshot.evaluate(three, List.of(aniworld), "sto");

        assertEquals(Optional.of("added"), CatalogueSnapshot.change(one, two, "sto"));
        assertEquals(Optional.empty(), CatalogueSnapshot.change(one, two, "aniworld"));
        assertEquals(Optional.of("modified"), CatalogueSnapshot.change(two, three, "sto"));
        assertEquals(Optional.of("removed"), CatalogueSnapshot.change(three, four, "sto"));
    }
}
