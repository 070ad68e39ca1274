package org.catalogarr.core.configfiles;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.Dictionary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.catalogarr.core.threads.DaemonThreads;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a changed configuration back to the {@code .cfg} file it came from, in place of FileInstall's
 * own write-back (switched off in the launcher). FileInstall rewrites the file in place, and its watcher
 * may read it half written and load that as the new configuration, which empties the file for good; here
 * the new text is written to a hidden file beside it and moved over it in one step, so the watcher only
 * ever reads a whole file. Comments and the order of the lines stay as the operator left them.
 */
@Component(service = ConfigurationListener.class)
public class ConfigFileWriter implements ConfigurationListener {

    /** Where FileInstall notes the file a configuration came from, as a {@code file:} URI. */
    static final String FILE_PROPERTY = "felix.fileinstall.filename";

    private static final Logger LOG = LoggerFactory.getLogger(ConfigFileWriter.class);
    private static final Set<String> NOT_IN_FILES = Set.of(Constants.SERVICE_PID, ConfigurationAdmin.SERVICE_FACTORYPID,
            ConfigurationAdmin.SERVICE_BUNDLELOCATION, FILE_PROPERTY);

    /**
     * Held while a file is written and, for a change made here, while Config Admin takes it. FileInstall
     * loads a file that differs from its configuration; so a late write-back of an older change, or a
     * change stored before its file, would be read back over a newer change and undo it.
     */
    private static final Object WRITING = new Object();
    /** Twice FileInstall's poll: a file younger than this has an edit being loaded or just loaded. */
    static final Duration FRESH = Duration.ofSeconds(1);

    private final ConfigurationAdmin configurationAdmin;
    /** Write-backs put off while their file holds an edit FileInstall has not loaded yet. */
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.named("catalogarr-config-writeback"));

    /**
     * Changes a configuration that may come from a file: the file first, then Config Admin, as one step
     * against other write-backs. FileInstall, polling meanwhile, finds either the old file and the old
     * configuration or the new file, which it may load as the change itself; never an older file than the
     * configuration, which it would load over the change.
     */
    public static void update(Configuration configuration, Dictionary<String, Object> properties) throws IOException {
        synchronized (WRITING) {
            write(properties);
            configuration.update(properties);
        }
    }

    @Activate
    public ConfigFileWriter(@Reference ConfigurationAdmin configurationAdmin) {
        this.configurationAdmin = configurationAdmin;
    }

    @Deactivate
    void stop() {
        later.shutdownNow();
    }

    @Override
    public void configurationEvent(ConfigurationEvent event) {
        if (event.getType() == ConfigurationEvent.CM_UPDATED) {
            writeBack(event.getPid());
        }
    }

    /**
     * Writes the configuration as it is now, not as the event had it: an event delivered late must not write
     * an older state over the file of a newer one. While the file is freshly edited, the write is put off
     * until FileInstall has loaded the edit; a configuration that still differs from its file then was
     * changed elsewhere (the console) and is written.
     */
    private void writeBack(String pid) {
        try {
            synchronized (WRITING) {
                Configuration[] found = configurationAdmin.listConfigurations(
                        "(" + Constants.SERVICE_PID + "=" + escapeFilter(pid) + ")");
                if (found == null || found.length == 0 || found[0].getProperties() == null) {
                    return;
                }
                if (recentlyEdited(found[0].getProperties(), Instant.now())) {
                    later.schedule(() -> writeBack(pid), FRESH.toMillis(), TimeUnit.MILLISECONDS);
                    return;
                }
                write(found[0].getProperties());
            }
        } catch (IOException | InvalidSyntaxException | RuntimeException e) {
            LOG.warn("The configuration {} could not be written back to its file: {}", pid, e.toString());
        }
    }

    /**
     * Whether the configuration's file changed within {@link #FRESH}: then it holds an edit that FileInstall
     * (polling every 500 ms) has just loaded, which needs no write-back, or is about to load, which a write of
     * the configuration as it is now would undo. A change made here (admin API) wrote its file first anyway.
     */
    static boolean recentlyEdited(Dictionary<String, Object> properties, Instant now) throws IOException {
        Object location = properties.get(FILE_PROPERTY);
        if (location == null) {
            return false;
        }
        Path file = Path.of(URI.create(location.toString()));
        return Files.isRegularFile(file)
                && Files.getLastModifiedTime(file).toInstant().isAfter(now.minus(FRESH));
    }

    static void write(Dictionary<String, Object> properties) throws IOException {
        Object location = properties.get(FILE_PROPERTY);
        if (location == null) {
            return;
        }
        Path file = Path.of(URI.create(location.toString()));
        if (!Files.isRegularFile(file)) {
            return;
        }
        Map<String, String> values = values(properties);
        if (values == null) {
            LOG.warn("{} holds a list value; it is left as it is", file);
            return;
        }
        String current = Files.readString(file, StandardCharsets.ISO_8859_1);
        String merged = PropertiesText.merge(current, values);
        if (!merged.equals(current)) {
            replace(file, merged);
        }
    }

    /** The values as the file holds them, or null when one is a list, which a plain line cannot hold. */
    private static Map<String, String> values(Dictionary<String, Object> properties) {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> keys = Collections.list(properties.keys());
        Collections.sort(keys);
        for (String key : keys) {
            if (NOT_IN_FILES.contains(key)) {
                continue;
            }
            Object value = properties.get(key);
            if (value.getClass().isArray() || value instanceof Collection) {
                return null;
            }
            values.put(key, value.toString());
        }
        return values;
    }

    /**
     * Writes the new text beside the file and moves it over the file. The new file gets the replaced
     * one's permissions from its creation on: a file the operator made private because it holds a
     * password must not become readable by others through an edit in the console.
     */
    private static void replace(Path file, String text) throws IOException {
        Path temporary = file.resolveSibling("." + file.getFileName() + ".saving");
        Files.deleteIfExists(temporary);
        Optional<Set<PosixFilePermission>> permissions = permissions(file);
        if (permissions.isPresent()) {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(permissions.get()));
            // The umask may have taken bits away at creation; the file is to have exactly the old ones.
            Files.setPosixFilePermissions(temporary, permissions.get());
        }
        Files.writeString(temporary, text, StandardCharsets.ISO_8859_1);
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static Optional<Set<PosixFilePermission>> permissions(Path file) throws IOException {
        try {
            return Optional.of(Files.getPosixFilePermissions(file));
        } catch (UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    private static String escapeFilter(String value) {
        return value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").replace("*", "\\*");
    }
}
