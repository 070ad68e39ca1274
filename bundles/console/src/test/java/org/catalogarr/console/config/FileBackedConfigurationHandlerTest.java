package org.catalogarr.console.config;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Proxy;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;

import org.apache.felix.webconsole.spi.ValidationException;
import org.catalogarr.settings.Settings;
import org.catalogarr.settings.SettingsRules;
import org.junit.Before;
import org.junit.Test;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

public class FileBackedConfigurationHandlerTest {

    @interface Search {
        int workers() default 2;
    }

    private static final String PID = "org.catalogarr.search";
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
        handler = new FileBackedConfigurationHandler(admin, new ConfigurationChecks(settings));
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
