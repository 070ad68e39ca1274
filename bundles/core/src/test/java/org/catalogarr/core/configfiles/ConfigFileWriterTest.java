package org.catalogarr.core.configfiles;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.osgi.service.cm.Configuration;

public class ConfigFileWriterTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private Path file(String text) throws Exception {
        Path file = temp.getRoot().toPath().resolve("org.catalogarr.site.sto.cfg");
        Files.writeString(file, text, StandardCharsets.ISO_8859_1);
        return file;
    }

    private static Dictionary<String, Object> configuration(Path file, Object... keysAndValues) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("service.pid", "org.catalogarr.site.sto");
        properties.put(ConfigFileWriter.FILE_PROPERTY, file.toUri().toString());
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return properties;
    }

    @Test
    public void writesTheNewValuesIntoTheFileItCameFrom() throws Exception {
        Path file = file("# s.to\nenabled = false\nsearch_priority = 2\n");

        ConfigFileWriter.write(configuration(file, "enabled", Boolean.TRUE, "search_priority", "2"));

        assertEquals("# s.to\nenabled = true\nsearch_priority = 2\n", Files.readString(file));
        try (var siblings = Files.list(temp.getRoot().toPath())) {
            assertEquals("no saving file is left behind", 1, siblings.count());
        }
    }

    /**
     * FileInstall loads a file that differs from its configuration; were Config Admin told first, a poll
     * in between would find the old file and load it back over the change.
     */
    @Test
    public void aChangeMadeHereReachesTheFileBeforeConfigAdmin() throws Exception {
        Path file = file("search_priority = 1\n");
        List<String> fileWhenStored = new ArrayList<>();
        Configuration configuration = (Configuration) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Configuration.class}, (proxy, method, args) -> {
                    if (method.getName().equals("update") && args != null && args.length == 1) {
                        fileWhenStored.add(Files.readString(file));
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });

        ConfigFileWriter.update(configuration, configuration(file, "search_priority", "2"));

        assertEquals(List.of("search_priority = 2\n"), fileWhenStored);
    }

    /** A file edited a moment ago holds an edit FileInstall is loading: writing the configuration would undo it. */
    @Test
    public void aFileEditedAMomentAgoIsNotWrittenBack() throws Exception {
        Path file = file("search_priority = 2\n");
        Instant now = Instant.now();
        Files.setLastModifiedTime(file, FileTime.from(now.minusMillis(300)));

        assertTrue(ConfigFileWriter.recentlyEdited(configuration(file, "search_priority", "1"), now));
        Files.setLastModifiedTime(file, FileTime.from(now.minus(ConfigFileWriter.FRESH).minusSeconds(1)));
        assertFalse(ConfigFileWriter.recentlyEdited(configuration(file, "search_priority", "1"), now));
    }

    @Test
    public void anUnchangedConfigurationDoesNotTouchTheFile() throws Exception {
        Path file = file("enabled = false\n");
        FileTime before = FileTime.fromMillis(1_000_000L);
        Files.setLastModifiedTime(file, before);

        ConfigFileWriter.write(configuration(file, "enabled", "false"));

        assertEquals(before, Files.getLastModifiedTime(file));
    }

    @Test
    public void aListValueLeavesTheFileAlone() throws Exception {
        Path file = file("hosts = a\n");

        ConfigFileWriter.write(configuration(file, "hosts", new String[] {"a", "b"}));

        assertEquals("hosts = a\n", Files.readString(file));
    }

    @Test
    public void aConfigurationWithoutFileIsNotWritten() throws Exception {
        Path file = file("enabled = false\n");
        Dictionary<String, Object> properties = configuration(file, "enabled", "true");
        properties.remove(ConfigFileWriter.FILE_PROPERTY);

        ConfigFileWriter.write(properties);

        assertFalse(Files.readString(file).contains("true"));
    }

    @Test
    public void keepsAPrivateFilePrivate() throws Exception {
        Path file = file("username = admin\npassword = old\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

        ConfigFileWriter.write(configuration(file, "username", "admin", "password", "new-secret"));

        assertEquals("username = admin\npassword = new-secret\n", Files.readString(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    public void keepsTheReplacedFilesPermissionsExactly() throws Exception {
        Path file = file("enabled = false\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

        ConfigFileWriter.write(configuration(file, "enabled", "true"));

        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }
}
