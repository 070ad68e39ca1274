package org.catalogarr.catalogue.kit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.catalogarr.catalogue.api.CatalogueException;
import org.catalogarr.catalogue.api.CatalogueSite;
import org.catalogarr.catalogue.api.Language;
import org.catalogarr.catalogue.api.SiteConfiguration;
import org.junit.Test;

public class SiteSettingsTest {

    private final SiteSettings settings = new SiteSettings("sto");

    private static Map<String, Object> requested(String baseUrl, int priority, int timeout, String plainHttpHosts) {
        return properties("s.to", baseUrl, priority, "german-dub, english-dub", true, timeout, plainHttpHosts);
    }

    /** Component properties as DS hands them over: typed values from the console, text from a .cfg file. */
    private static Map<String, Object> properties(Object displayName, Object baseUrl, Object priority,
            Object languages, Object enabled, Object timeout, Object plainHttpHosts) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("display_name", displayName);
        properties.put("base_url", baseUrl);
        properties.put("search_priority", priority);
        properties.put("default_languages", languages);
        properties.put("enabled", enabled);
        properties.put("search_timeout_seconds", timeout);
        properties.put("plain_http_hosts", plainHttpHosts);
        properties.put("index_url", "/serien?by=alpha");
        properties.put("index_refresh_hours", 24);
        properties.put("availability_ttl_hours", "6");
        properties.put("user_agent", "Mozilla/5.0 Test");
        properties.put("challenge_backoff_seconds", 300);
        properties.put("anime", "false");
        return properties;
    }

    @Test
    public void validSettingsComeIntoForce() throws Exception {
        SiteConfiguration configuration = settings.apply(requested("https://s.to/", 2, 8, ""));

        CatalogueSite site = configuration.inForce().orElseThrow();
        assertEquals("sto", site.siteId());
        assertEquals(URI.create("https://s.to"), site.baseUrl());
        assertEquals(2, site.searchPriority());
        assertEquals(8, site.searchTimeoutSeconds());
        assertEquals(List.of(Language.GERMAN_DUB, Language.ENGLISH_DUB), site.defaultLanguages());
        assertEquals(24, site.indexRefreshHours());
        assertEquals(6, site.availabilityTtlHours());
        assertTrue(configuration.rejection().isEmpty());
        assertEquals(URI.create("https://s.to/serien?by=alpha"), settings.inForce().access().indexUrl());
        assertEquals("Mozilla/5.0 Test", settings.inForce().access().userAgent());
        assertEquals(site, settings.inForce().site());
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
        try {
            settings.inForce();
            fail("a site without valid settings was used");
        } catch (CatalogueException expected) {
            assertEquals(CatalogueException.Reason.SITE_ERROR, expected.reason());
            assertTrue(expected.getMessage(), expected.getMessage().startsWith("Catalogue site 'sto' is not configured: "));
        }
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
        Map<String, Object> bad = properties(" ", "ftp://s.to", 0, "klingon", true, 0, "");

        String rejection = settings.apply(bad).rejection().orElseThrow();

        assertTrue(rejection, rejection.contains("display_name must not be empty"));
        assertTrue(rejection, rejection.contains("base_url must be an absolute http(s) URL"));
        assertTrue(rejection, rejection.contains("search_priority"));
        assertTrue(rejection, rejection.contains("search_timeout_seconds"));
        assertTrue(rejection, rejection.contains("unknown language 'klingon'"));
    }

    @Test
    public void languagesMustBeDistinctAndPresent() {
        Map<String, Object> twice = properties("s.to", "https://s.to", 1, "german-dub,GERMAN-DUB", true, 5, "");
        assertTrue(settings.apply(twice).rejection().orElseThrow().contains("names 'GERMAN-DUB' twice"));

        Map<String, Object> none = properties("s.to", "https://s.to", 1, " , ", true, 5, "");
        assertTrue(settings.apply(none).rejection().orElseThrow().contains("at least one language"));
    }

    @Test
    public void textFromAConfigFileIsReadStrictly() {
        SiteConfiguration fromFile = settings.apply(properties("s.to", "https://s.to", " 2 ", "german-dub", "TRUE",
                "8", ""));
        assertEquals(2, fromFile.inForce().orElseThrow().searchPriority());
        assertTrue(fromFile.inForce().orElseThrow().enabled());

        String rejection = settings.apply(properties("s.to", "https://s.to", "two", "german-dub", "yes", "8.5", ""))
                .rejection().orElseThrow();

        assertTrue(rejection, rejection.contains("search_priority must be a whole number, was 'two'"));
        assertTrue(rejection, rejection.contains("enabled must be true or false, was 'yes'"));
        assertTrue(rejection, rejection.contains("search_timeout_seconds must be a whole number, was '8.5'"));
        assertEquals(fromFile.inForce(), settings.current().inForce());
    }

    @Test
    public void missingValuesAreNamed() {
        String rejection = settings.apply(Map.of()).rejection().orElseThrow();

        assertTrue(rejection, rejection.contains("display_name must not be empty"));
        assertTrue(rejection, rejection.contains("enabled must be true or false, was ''"));
    }
}
