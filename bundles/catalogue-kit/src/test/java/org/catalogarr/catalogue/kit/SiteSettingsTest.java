package org.catalogarr.catalogue.kit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.util.List;

import org.catalogarr.catalogue.api.CatalogueSite;
import org.catalogarr.catalogue.api.Language;
import org.catalogarr.catalogue.api.SiteConfiguration;
import org.catalogarr.catalogue.kit.SiteSettings.Requested;
import org.junit.Test;

public class SiteSettingsTest {

    private final SiteSettings settings = new SiteSettings("sto");

    private static Requested requested(String baseUrl, int priority, int timeout, String plainHttpHosts) {
        return new Requested("s.to", baseUrl, priority, "german-dub, english-dub", true, timeout,
                plainHttpHosts);
    }

    @Test
    public void validSettingsComeIntoForce() {
        SiteConfiguration configuration = settings.apply(requested("https://s.to/", 2, 8, ""));

        CatalogueSite site = configuration.inForce().orElseThrow();
        assertEquals("sto", site.siteId());
        assertEquals(URI.create("https://s.to"), site.baseUrl());
        assertEquals(2, site.searchPriority());
        assertEquals(8, site.searchTimeoutSeconds());
        assertEquals(List.of(Language.GERMAN_DUB, Language.ENGLISH_DUB), site.defaultLanguages());
        assertTrue(configuration.rejection().isEmpty());
    }

    @Test
    public void refusedSettingsKeepThePreviousOnesInForce() {
        settings.apply(requested("https://s.to", 2, 8, ""));

        SiteConfiguration configuration = settings.apply(requested("https://s.to", 2, -5, ""));

        assertEquals(8, configuration.inForce().orElseThrow().searchTimeoutSeconds());
        assertTrue(configuration.rejection().orElseThrow().contains("search_timeout_seconds must be between 1 and 300, was -5"));
        assertEquals(configuration, settings.current());
    }

    @Test
    public void aLaterValidChangeClearsTheRejection() {
        settings.apply(requested("https://s.to", 2, -5, ""));

        SiteConfiguration configuration = settings.apply(requested("https://s.to", 3, 5, ""));

        assertEquals(3, configuration.inForce().orElseThrow().searchPriority());
        assertTrue(configuration.rejection().isEmpty());
    }

    @Test
    public void siteWithoutAnyValidSettingsHasNoneInForce() {
        SiteConfiguration configuration = settings.apply(requested("https://s.to", 0, 8, ""));

        assertFalse(configuration.inForce().isPresent());
        assertTrue(configuration.rejection().orElseThrow().contains("search_priority must be 1 or more, was 0"));
    }

    @Test
    public void plainHttpIsRefusedUnlessTheHostIsAllowed() {
        SiteConfiguration refused = settings.apply(requested("http://186.2.175.5", 2, 8, ""));
        assertTrue(refused.rejection().orElseThrow().contains("base_url must use https"));

        SiteConfiguration allowed = settings.apply(requested("http://127.0.0.1:8123/", 2, 8, " 127.0.0.1 , ::1"));
        assertEquals(URI.create("http://127.0.0.1:8123"), allowed.inForce().orElseThrow().baseUrl());
    }

    @Test
    public void everyProblemIsNamedAtOnce() {
        Requested bad = new Requested(" ", "ftp://s.to", 0, "klingon", true, 0, "");

        String rejection = settings.apply(bad).rejection().orElseThrow();

        assertTrue(rejection, rejection.contains("display_name must not be empty"));
        assertTrue(rejection, rejection.contains("base_url must be an absolute http(s) URL"));
        assertTrue(rejection, rejection.contains("search_priority"));
        assertTrue(rejection, rejection.contains("search_timeout_seconds"));
        assertTrue(rejection, rejection.contains("unknown language 'klingon'"));
    }

    @Test
    public void languagesMustBeDistinctAndPresent() {
        Requested twice = new Requested("s.to", "https://s.to", 1, "german-dub,GERMAN-DUB", true, 5, "");
        assertTrue(settings.apply(twice).rejection().orElseThrow().contains("names 'GERMAN-DUB' twice"));

        Requested none = new Requested("s.to", "https://s.to", 1, " , ", true, 5, "");
        assertTrue(settings.apply(none).rejection().orElseThrow().contains("at least one language"));
    }
}
