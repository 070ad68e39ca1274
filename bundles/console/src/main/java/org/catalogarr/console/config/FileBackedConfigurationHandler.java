package org.catalogarr.console.config;

import java.io.IOException;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.felix.webconsole.spi.ConfigurationHandler;
import org.apache.felix.webconsole.spi.ValidationException;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Keeps a console edit tied to its {@code .cfg} file. The Web Console saves only the properties of
 * its form and so drops FileInstall's file marker; without it the edit would not be written back to the
 * file (core's {@code ConfigFileWriter} writes file-backed configurations only), and the file would
 * overwrite the edit at the next start. Numbers and booleans are saved as text, as FileInstall reads
 * them from a file, so the file keeps plain {@code key = value} lines that a person can keep editing and
 * reading it back changes nothing; the components convert them to their types as before.
 *
 * <p>A change the configuration's own rules refuse is refused here, before anything is stored: the console
 * answers with the reasons (400, shown in its error dialog) and the file keeps its values. Otherwise the
 * dialog closed as if saved, the file held the refused value and the old one stayed in force unseen.
 * Deleting a file-backed configuration is refused too: the file would stay and bring it back at the
 * next start, while the service lost it at once.
 */
@Component
public class FileBackedConfigurationHandler implements ConfigurationHandler {

    static final String FILE_PROPERTY = "felix.fileinstall.filename";

    private final ConfigurationAdmin configurationAdmin;
    private final ConfigurationChecks checks;

    @Activate
    public FileBackedConfigurationHandler(@Reference ConfigurationAdmin configurationAdmin,
            @Reference ConfigurationChecks checks) {
        this.configurationAdmin = configurationAdmin;
        this.checks = checks;
    }

    @Override
    public void updateConfiguration(String factoryPid, String pid, Dictionary<String, Object> properties)
            throws IOException, ValidationException {
        if (pid == null) {
            return;
        }
        List<String> problems = checks.problems(pid, asMap(properties));
        if (!problems.isEmpty()) {
            throw new ValidationException("Not saved, " + pid + " keeps its values: " + String.join("; ", problems) + ".");
        }
        if (properties.get(FILE_PROPERTY) == null) {
            restoreFileMarker(pid, properties);
        }
        if (properties.get(FILE_PROPERTY) != null) {
            for (String key : Collections.list(properties.keys())) {
                Object value = properties.get(key);
                if (value instanceof Boolean || value instanceof Number) {
                    properties.put(key, value.toString());
                }
            }
        }
    }

    private static Map<String, Object> asMap(Dictionary<String, Object> properties) {
        Map<String, Object> map = new HashMap<>();
        for (String key : Collections.list(properties.keys())) {
            map.put(key, properties.get(key));
        }
        return map;
    }

    private void restoreFileMarker(String pid, Dictionary<String, Object> properties) throws IOException {
        Object file = file(pid);
        if (file != null) {
            properties.put(FILE_PROPERTY, file);
        }
    }

    /** The file the configuration {@code pid} was read from, or null. */
    private Object file(String pid) throws IOException {
        Configuration[] existing;
        try {
            existing = configurationAdmin.listConfigurations(LdapFilter.equal("service.pid", pid));
        } catch (InvalidSyntaxException e) {
            throw new IOException("Cannot look up configuration " + pid, e);
        }
        if (existing == null || existing[0].getProperties() == null) {
            return null;
        }
        return existing[0].getProperties().get(FILE_PROPERTY);
    }

    @Override
    public void createConfiguration(String pid) {
        // Nothing to keep for a new configuration.
    }

    @Override
    public void createFactoryConfiguration(String factoryPid, String name) {
        // Nothing to keep for a new configuration.
    }

    /**
     * Refused for a configuration read from a file: FileInstall does not delete the file (its configuration
     * saving is off, see {@code config.properties}), so the service would lose the configuration now and find
     * it again at the next start or touch of the file. To switch a site off there is {@code enabled = false};
     * to drop a configuration for good, its file is deleted (FileInstall then deletes the configuration).
     */
    @Override
    public void deleteConfiguration(String factoryPid, String pid) throws IOException, ValidationException {
        Object file = pid == null ? null : file(pid);
        if (file != null) {
            // The message becomes the HTTP reason phrase too, which is Latin-1: plain ASCII here.
            throw new ValidationException("Not deleted: " + pid + " is kept in the file "
                    + file.toString().replaceFirst("^file:", "") + ". To switch a catalogue site off, disable it"
                    + " (page Catalogues, or enabled = false); to remove the configuration, delete its file.");
        }
    }
}
