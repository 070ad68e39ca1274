package org.catalogarr.console.security;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.catalogarr.console.security.ConsoleSecurityProvider.BasicCredentials;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class AdminPasswordTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void firstStartGeneratesStoresAndAnnouncesOnce() throws Exception {
        Path data = folder.getRoot().toPath().resolve("data");
        List<String> announced = new ArrayList<>();

        AdminPassword first = AdminPassword.storedIn(data, announced::add);
        AdminPassword second = AdminPassword.storedIn(data, announced::add);

        assertEquals(1, announced.size());
        String generated = announced.get(0);
        assertEquals(24, generated.length());
        Path file = data.resolve(AdminPassword.FILE_NAME);
        assertEquals(generated, Files.readString(file, StandardCharsets.UTF_8).strip());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertTrue(first.matches(generated));
        assertTrue(second.matches(generated));
        assertFalse(second.matches("admin"));
    }

    @Test
    public void generatedPasswordsDiffer() {
        assertFalse(AdminPassword.generate().equals(AdminPassword.generate()));
    }

    @Test
    public void configuredPasswordMatchesOnlyItself() {
        AdminPassword password = AdminPassword.of("s3cret");

        assertTrue(password.matches("s3cret"));
        assertFalse(password.matches("s3cret "));
        assertFalse(password.matches(""));
    }

    @Test
    public void basicHeaderIsParsedAndGarbageIsNot() {
        String header = "Basic " + Base64.getEncoder().encodeToString("admin:pa:ss".getBytes(StandardCharsets.UTF_8));

        assertEquals(Optional.of(new BasicCredentials("admin", "pa:ss")), BasicCredentials.parse(header));
        assertEquals(Optional.empty(), BasicCredentials.parse(null));
        assertEquals(Optional.empty(), BasicCredentials.parse("Bearer abc"));
        assertEquals(Optional.empty(), BasicCredentials.parse("Basic %%%"));
        assertEquals(Optional.empty(), BasicCredentials.parse("Basic " + Base64.getEncoder().encodeToString(
                "nocolon".getBytes(StandardCharsets.UTF_8))));
    }
}
