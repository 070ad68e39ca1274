package org.catalogarr.console.config;

import java.io.IOException;
import java.util.Collections;
import java.util.Dictionary;

import org.apache.felix.webconsole.spi.ConfigurationHandler;
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
 */
@Component
public class FileBackedConfigurationHandler implements ConfigurationHandler {

    static final String FILE_PROPERTY = "felix.fileinstall.filename";

    private final ConfigurationAdmin configurationAdmin;

    @Activate
    public FileBackedConfigurationHandler(@Reference ConfigurationAdmin configurationAdmin) {
        this.configurationAdmin = configurationAdmin;
    }

    @Override
    public void updateConfiguration(String factoryPid, String pid, Dictionary<String, Object> properties)
            throws IOException {
        if (pid == null) {
            return;
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

    private void restoreFileMarker(String pid, Dictionary<String, Object> properties) throws IOException {
        Configuration[] existing;
        try {
            existing = configurationAdmin.listConfigurations("(service.pid=" + escape(pid) + ")");
        } catch (InvalidSyntaxException e) {
            throw new IOException("Cannot look up configuration " + pid, e);
        }
        if (existing != null && existing[0].getProperties() != null) {
            Object file = existing[0].getProperties().get(FILE_PROPERTY);
            if (file != null) {
                properties.put(FILE_PROPERTY, file);
            }
        }
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").replace("*", "\\*");
    }

    @Override
    public void createConfiguration(String pid) {
        // Nothing to keep for a new configuration.
    }

    @Override
    public void createFactoryConfiguration(String factoryPid, String name) {
        // Nothing to keep for a new configuration.
    }

    @Override
    public void deleteConfiguration(String factoryPid, String pid) {
        // FileInstall deletes the file itself when its configuration is deleted.
    }
}
