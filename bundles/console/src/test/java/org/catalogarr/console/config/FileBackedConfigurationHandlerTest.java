package org.catalogarr.console.config;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Proxy;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;

import org.apache.felix.webconsole.spi.ValidationException;
import org.catalogarr.catalogue.api.CatalogueProvider;
import org.catalogarr.settings.Settings;
import org.catalogarr.settings.SettingsRules;
import org.junit.Before;
import org.junit.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

public class FileBackedConfigurationHandlerTest {

    @interface Search {
        int workers() default 2;
    }

    private static final String PID = "org.catalogarr.search";
    private static final String SITE_PID = "org.catalogarr.site.sto";
    private static final String FILE = "file:/etc/catalogarr/org.catalogarr.search.cfg";

    private final Settings settings = new Settings();
    /** What Config Admin holds for {@link #PID}: read from {@link #FILE}. */
    private final Hashtable<String, Object> stored = new Hashtable<>(Map.of("workers", "2",
            FileBackedConfigurationHandler.FILE_PROPERTY, FILE));
    private FileBackedConfigurationHandler handler;

    @Before
    public void setUp() {
        settings.apply(PID, Search.class, SettingsRules.none().range("workers", 1, 16), stored);
        Configuration configuration = (Configuration) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Configuration.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getProperties" -> stored;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        ConfigurationAdmin admin = (ConfigurationAdmin) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ConfigurationAdmin.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "listConfigurations" -> args[0].equals("(service.pid=" + PID + ")")
                            ? new Configuration[] {configuration} : null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        handler = new FileBackedConfigurationHandler(admin, new ConfigurationChecks(settings, context()));
    }

    /** A framework where the s.to provider is configured with {@link #SITE_PID}. */
    private static BundleContext context() {
        ServiceReference<?> sto = (ServiceReference<?>) Proxy.newProxyInstance(FileBackedConfigurationHandlerTest.class
                .getClassLoader(), new Class<?>[] {ServiceReference.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getProperty" -> CatalogueProvider.SITE_ID_PROPERTY.equals(args[0]) ? "sto" : null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (BundleContext) Proxy.newProxyInstance(FileBackedConfigurationHandlerTest.class.getClassLoader(),
                new Class<?>[] {BundleContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getServiceReferences" -> CatalogueProvider.class.getName().equals(args[0])
                            && ("(service.pid=" + SITE_PID + ")").equals(args[1]) ? new ServiceReference<?>[] {sto} : null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    public void refusesASitesInvalidPriorityByTheRulesOfEverySite() throws Exception {
        Dictionary<String, Object> edited = new Hashtable<>(Map.of("enabled", "true", "display_name", "s.to",
                "base_url", "https://s.to", "search_priority", -1, "default_languages", "german-dub",
                "search_timeout_seconds", 10, "index_url", "/serien", "index_refresh_hours", 24,
                "availability_ttl_hours", 6, "user_agent", "Mozilla/5.0"));
        edited.put("challenge_backoff_seconds", 900);
        edited.put("anime", "false");

        ValidationException refused = assertThrows(ValidationException.class,
                () -> handler.updateConfiguration(null, SITE_PID, edited));

        assertEquals("Not saved, " + SITE_PID + " keeps its values: search_priority must be 1 or more, was -1.",
                refused.getMessage());
        edited.put("search_priority", 3);
        handler.updateConfiguration(null, SITE_PID, edited);
        assertEquals("accepted; not file-backed here, so left as typed", 3, edited.get("search_priority"));
    }

    @Test
    public void refusesAValueTheConfigurationsRulesRefuseWithTheReason() {
        Dictionary<String, Object> edited = new Hashtable<>(Map.of("workers", -1));

        ValidationException refused = assertThrows(ValidationException.class,
                () -> handler.updateConfiguration(null, PID, edited));

        assertTrue(refused.getMessage(), refused.getMessage().contains("workers must be between 1 and 16, was -1"));
        assertTrue(refused.getMessage(), refused.getMessage().contains("Not saved"));
    }

    @Test
    public void keepsAnAcceptedEditTiedToItsFileAsText() throws Exception {
        Dictionary<String, Object> edited = new Hashtable<>(Map.of("workers", 4));

        handler.updateConfiguration(null, PID, edited);

        assertEquals("4", edited.get("workers"));
        assertEquals(FILE, edited.get(FileBackedConfigurationHandler.FILE_PROPERTY));
    }

    @Test
    public void leavesConfigurationsWithoutKnownRulesToConfigAdmin() throws Exception {
        Dictionary<String, Object> edited = new Hashtable<>(Map.of("default.render", "dashboard"));

        handler.updateConfiguration(null, "org.apache.felix.webconsole.internal.servlet.OsgiManager", edited);

        assertEquals(Map.of("default.render", "dashboard"), Map.of("default.render", edited.get("default.render")));
        assertEquals(1, edited.size());
    }

    @Test
    public void refusesToDeleteAConfigurationReadFromAFileAndSaysWhatToDoInstead() throws Exception {
        ValidationException refused = assertThrows(ValidationException.class,
                () -> handler.deleteConfiguration(null, PID));

        assertTrue(refused.getMessage(), refused.getMessage().contains(" /etc/catalogarr/org.catalogarr.search.cfg."));
        assertTrue(refused.getMessage(), refused.getMessage().contains("disable"));
        handler.deleteConfiguration(null, "org.catalogarr.made.in.the.console");
    }
}
