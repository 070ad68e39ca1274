package org.catalogarr.core.catalogue;

import org.catalogarr.core.store.CatalogueSiteStore;
import org.catalogarr.core.store.StoreException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes each site's settings in force to the database whenever the registry announces a change. */
@Component(property = EventConstants.EVENT_TOPIC + "=" + CatalogueRegistry.TOPIC_CHANGED)
public class CatalogueSiteRecorder implements EventHandler {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogueSiteRecorder.class);

    @Reference
    private CatalogueRegistry registry;

    @Reference
    private CatalogueSiteStore store;

    /** Changes announced before this handler was registered are caught up here. */
    @Activate
    void recordAll() {
        registry.snapshot().entries().forEach(this::record);
    }

    @Override
    public void handleEvent(Event event) {
        registry.snapshot().entry((String) event.getProperty(CatalogueRegistry.EVENT_SITE_ID)).ifPresent(this::record);
    }

    private void record(CatalogueEntry entry) {
        entry.site().ifPresent(site -> {
            try {
                store.save(site);
            } catch (StoreException | IllegalArgumentException e) {
                LOG.warn("Could not record the settings of catalogue site '{}': {}", site.siteId(), e.getMessage());
            }
        });
    }
}
