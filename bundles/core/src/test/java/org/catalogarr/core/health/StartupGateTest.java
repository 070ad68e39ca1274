package org.catalogarr.core.health;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class StartupGateTest {

    private static final long SECOND = 1_000_000_000L;

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void startingUntilEverySiteBundleRegistered() {
        StartupGate gate = new StartupGate(Set.of("org.example.site-a", "org.example.site-b"));
        assertEquals(new StartupGate.State("starting", List.of("database", "qbittorrent", "torznab",
                "org.example.site-a", "org.example.site-b"), null), gate.state(SECOND));
        gate.registered("org.example.site-b");
        gate.databaseOpened();
        gate.endpointRegistered("catalogarr-torznab");
        gate.endpointRegistered("catalogarr-health");
        assertEquals(List.of("qbittorrent", "org.example.site-a"), gate.state(SECOND).waitingFor());
        gate.endpointRegistered("catalogarr-qbittorrent");
        assertEquals(List.of("org.example.site-a"), gate.state(SECOND).waitingFor());
        gate.registered("org.example.site-a");
        assertEquals(new StartupGate.State("done", List.of(), null), gate.state(2 * SECOND));
    }

    @Test
    public void givesUpAfterTheBoundAndNamesTheMissingBundle() {
        StartupGate gate = new StartupGate(Set.of("org.example.broken", "org.example.fine"));
        gate.registered("org.example.fine");
        gate.databaseOpened();
        servletsRegistered(gate);
        assertTrue(gate.state(StartupGate.GIVE_UP_AFTER.toNanos() - 1).starting());
        StartupGate.State late = gate.state(StartupGate.GIVE_UP_AFTER.toNanos());
        assertEquals("incomplete", late.state());
        assertEquals(List.of("org.example.broken"), late.waitingFor());
        assertTrue(late.problem(), late.problem().contains("[org.example.broken]") && late.problem().contains("60 s"));
        gate.registered("org.example.broken");
        assertEquals("done", gate.state(StartupGate.GIVE_UP_AFTER.toNanos() * 2).state());
    }

    @Test
    public void withoutSiteBundlesDoneOnceTheDatabaseIsOpen() {
        StartupGate gate = new StartupGate(Set.of());
        servletsRegistered(gate);
        assertEquals(List.of("database"), gate.state(0).waitingFor());
        gate.databaseOpened();
        StartupGate.State state = gate.state(0);
        assertEquals("done", state.state());
        assertNull(state.problem());
    }

    private static void servletsRegistered(StartupGate gate) {
        gate.endpointRegistered("catalogarr-torznab");
        gate.endpointRegistered("catalogarr-qbittorrent");
    }

    @Test
    public void onlyJarsProvidingACatalogueAreWaitedFor() throws IOException {
        Path deploy = temp.newFolder("deploy").toPath();
        Path config = temp.newFolder("config").toPath();
        jar(deploy.resolve("site.jar"), "org.example.site;singleton:=true",
                "osgi.service;objectClass:List<String>=\"org.catalogarr.catalogue.api.CatalogueProvider\"");
        jar(deploy.resolve("hosters.jar"), "org.example.hosters",
                "osgi.service;objectClass:List<String>=\"org.catalogarr.hoster.api.HosterResolver\"");
        jar(deploy.resolve(".hidden.jar"), "org.example.hidden",
                "osgi.service;objectClass:List<String>=\"org.catalogarr.catalogue.api.CatalogueProvider\"");
        Files.writeString(deploy.resolve("broken.jar"), "not a zip");
        Files.writeString(config.resolve("org.catalogarr.site.x.cfg"), "enabled = true\n");
        assertEquals(Set.of("org.example.site"),
                StartupGate.siteBundles(deploy + "," + config + ",/no/such/folder"));
        assertEquals(Set.of(), StartupGate.siteBundles(null));
    }

    private static void jar(Path file, String symbolicName, String capability) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Bundle-SymbolicName", symbolicName);
        manifest.getMainAttributes().putValue("Provide-Capability", capability);
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.flush();
        }
    }
}
