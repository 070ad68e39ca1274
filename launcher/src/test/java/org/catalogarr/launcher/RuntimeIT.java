package org.catalogarr.launcher;

import static org.catalogarr.launcher.Http.catalogue;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import javax.inject.Inject;

import org.catalogarr.catalogue.api.CatalogueProvider;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.util.tracker.ServiceTracker;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Boots the distribution's bundles in-container, with the framework properties of its
 * conf/config.properties, and checks the assembled runtime from inside.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RuntimeIT {

    private static final String PORT_PROPERTY = "catalogarr.it.port";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Configuration
    public Option[] configuration() throws IOException {
        Path dist = Path.of(System.getProperty("catalogarr.dist"));
        Path work = Files.createDirectories(Path.of(System.getProperty("catalogarr.it.work")));
        Path data = Files.createTempDirectory(work, "runtime-data");
        Path config = Files.createDirectories(data.resolve("config"));
        try (Stream<Path> defaults = Files.list(dist.resolve("config"))) {
            for (Path file : (Iterable<Path>) defaults::iterator) {
                Files.copy(file, config.resolve(file.getFileName()));
            }
        }
        String port = String.valueOf(Http.freePort());
        List<Option> options = new ArrayList<>();
        Properties framework = new Properties();
        try (InputStream in = Files.newInputStream(dist.resolve("conf/config.properties"))) {
            framework.load(in);
        }
        for (String name : framework.stringPropertyNames()) {
            if (name.startsWith("felix.auto.deploy") || name.startsWith("org.osgi.framework.storage")) {
                continue; // Pax Exam installs the bundles and owns the framework's storage.
            }
            String value = framework.getProperty(name)
                    .replace("${catalogarr.home}", dist.toString())
                    .replace("${catalogarr.config}", config.toString())
                    .replace("${catalogarr.data}", data.toString())
                    .replace("${catalogarr.port}", port)
                    .replace("${catalogarr.host}", "127.0.0.1");
            options.add(frameworkProperty(name).value(value));
        }
        options.add(frameworkProperty("catalogarr.data").value(data.toString()));
        options.add(systemProperty(PORT_PROPERTY).value(port));
        options.add(systemProperty("logback.configurationFile").value(dist.resolve("conf/logback.xml").toString()));
        options.add(systemProperty("catalogarr.data").value(data.toString()));
        // The distribution's own bundles start before Pax Exam's, so logging is in place when they log.
        try (Stream<Path> jars = Files.list(dist.resolve("bundle"))) {
            jars.sorted().forEach(jar -> options.add(isFragment(jar)
                    ? bundle(jar.toUri().toString()).noStart()
                    : bundle(jar.toUri().toString()).startLevel(1)));
        }
        options.add(junitBundles());
        return options.toArray(Option[]::new);
    }

    private static boolean isFragment(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getManifest().getMainAttributes().getValue("Fragment-Host") != null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    public void assembledRuntimeRunsWithBothCataloguesAndAnswersHealth() throws Exception {
        Set<String> siteIds = awaitProviders(2);
        assertEquals(Set.of("aniworld", "sto"), siteIds);
        for (Bundle bundle : context.getBundles()) {
            boolean fragment = bundle.getHeaders().get("Fragment-Host") != null;
            assertEquals(bundle.getSymbolicName() + " state", fragment ? Bundle.RESOLVED : Bundle.ACTIVE,
                    bundle.getState());
        }
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        Dictionary<String, Object> topic = new Hashtable<>();
        topic.put(EventConstants.EVENT_TOPIC, "org/catalogarr/catalogue/CHANGED");
        context.registerService(EventHandler.class, events::add, topic);

        Http http = new Http(Integer.parseInt(System.getProperty(PORT_PROPERTY)));
        JsonNode before = http.awaitHealth(h -> catalogue(h, "sto") != null && catalogue(h, "aniworld") != null
                && "ok".equals(h.path("status").asText()), WAIT);
        assertEquals("up", before.path("database").path("status").asText());
        assertEquals(2, before.path("database").path("schema_version").asInt());
        assertTrue(catalogue(before, "aniworld").path("enabled").asBoolean());

        org.osgi.service.cm.Configuration sto = configurationAdmin.getConfiguration("org.catalogarr.site.sto", "?");
        Dictionary<String, Object> properties = sto.getProperties();
        properties.put("enabled", Boolean.TRUE);
        sto.update(properties);

        JsonNode after = http.awaitHealth(h -> catalogue(h, "sto").path("enabled").asBoolean(), WAIT);
        assertEquals("ok", after.path("status").asText());
        assertEquals(1, catalogue(after, "aniworld").path("priority").asInt());
        assertEquals(2, catalogue(after, "sto").path("priority").asInt());
        Event changed = events.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertEquals("sto", changed.getProperty("site.id"));
        assertEquals("modified", changed.getProperty("change"));
        assertEquals(Boolean.TRUE, changed.getProperty("enabled"));

        assertEquals("the console is locked without Catalogarr's login", 401,
                http.get("/system/console/bundles", "admin", "admin").statusCode());
    }

    private Set<String> awaitProviders(int count) throws InterruptedException {
        ServiceTracker<CatalogueProvider, CatalogueProvider> tracker = new ServiceTracker<>(context,
                CatalogueProvider.class, null);
        tracker.open();
        try {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (tracker.size() < count && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            Set<String> siteIds = new HashSet<>();
            ServiceReference<CatalogueProvider>[] references = tracker.getServiceReferences();
            for (ServiceReference<CatalogueProvider> reference : references == null
                    ? new ArrayList<ServiceReference<CatalogueProvider>>() : List.of(references)) {
                siteIds.add((String) reference.getProperty(CatalogueProvider.SITE_ID_PROPERTY));
            }
            return siteIds;
        } finally {
            tracker.close();
        }
    }
}
