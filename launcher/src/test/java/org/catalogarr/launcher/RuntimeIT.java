package org.catalogarr.launcher;

import static org.catalogarr.launcher.Http.catalogue;
import static org.catalogarr.launcher.Http.listed;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

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

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Configuration
    public Option[] configuration() throws IOException {
        PaxDistribution distribution = new PaxDistribution("runtime-data");
        FakeCatalogues.startAndConfigure(distribution.config, distribution.config, false);
        return distribution.options();
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

        Http http = new Http(Integer.parseInt(System.getProperty(PaxDistribution.PORT_PROPERTY)));
        // The database opens beside the sites' registration, so it may still be opening at the first ok.
        JsonNode before = http.awaitHealth(h -> listed(h, "sto") && listed(h, "aniworld")
                && "ok".equals(h.path("status").asText())
                && !"opening".equals(h.path("database").path("status").asText()), WAIT);
        assertEquals("up", before.path("database").path("status").asText());
        assertEquals(6, before.path("database").path("schema_version").asInt());
        assertTrue(catalogue(before, "aniworld").path("enabled").asBoolean());

        org.osgi.service.cm.Configuration sto = configurationAdmin.getConfiguration("org.catalogarr.site.sto", "?");
        Dictionary<String, Object> properties = sto.getProperties();
        properties.put("enabled", Boolean.TRUE);
        sto.update(properties);

        // Health is degraded until the newly enabled site has answered once (its index is fetched at once).
        JsonNode after = http.awaitHealth(h -> catalogue(h, "sto").path("enabled").asBoolean()
                && "ok".equals(h.path("status").asText()), WAIT);
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
