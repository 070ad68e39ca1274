package org.catalogarr.core.catalogue;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

import org.catalogarr.catalogue.api.CatalogueProvider;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tracks every {@link CatalogueProvider} service as site bundles come, go and are reconfigured, and
 * keeps the resulting {@link CatalogueSnapshot}. Each change of a site is announced on
 * {@link #TOPIC_CHANGED} so that caches can drop that site's entries.
 * <p>
 * A site is {@code removed} when its bundle is undeployed or stopped while the service runs. When the whole
 * service stops, every provider goes away too (its bundle stops, or this component is unbound from it), but
 * no site left: that is not announced, so that nothing drops what it keeps of a site (the availability
 * records, the title index's state) on its way down, into a database that is closing, or at every restart.
 */
@Component(service = CatalogueRegistry.class)
public class CatalogueRegistry {

    /** Event Admin topic of a site that was added, removed or reconfigured. */
    public static final String TOPIC_CHANGED = "org/catalogarr/catalogue/CHANGED";
    public static final String EVENT_SITE_ID = "site.id";
    /** {@code added}, {@code removed} or {@code modified}. */
    public static final String EVENT_CHANGE = "change";
    public static final String EVENT_ENABLED = "enabled";

    private static final Logger LOG = LoggerFactory.getLogger(CatalogueRegistry.class);

    private final EventAdmin eventAdmin;
    /** Whether the whole service is stopping, so that providers going away are no sites leaving. */
    private final BooleanSupplier serviceStopping;
    /** Set when this component stops: the providers it is unbound from afterwards did not leave either. */
    private volatile boolean stopped;

    private final Map<CatalogueProvider, String> providers = new IdentityHashMap<>();
    private volatile CatalogueSnapshot snapshot = CatalogueSnapshot.EMPTY;

    @Activate
    public CatalogueRegistry(@Reference EventAdmin eventAdmin, BundleContext context) {
        this(eventAdmin, frameworkStopping(context));
    }

    /** A registry of a service that never stops, for tests. */
    CatalogueRegistry(EventAdmin eventAdmin) {
        this(eventAdmin, () -> false);
    }

    CatalogueRegistry(EventAdmin eventAdmin, BooleanSupplier serviceStopping) {
        this.eventAdmin = eventAdmin;
        this.serviceStopping = serviceStopping;
    }

    /**
     * The framework's own bundle is {@code STOPPING} from the moment the framework is asked to stop (SIGTERM,
     * Ctrl-C) until every bundle has stopped, whichever order they stop in; a site bundle stopped or
     * undeployed on its own leaves it {@code ACTIVE}.
     */
    private static BooleanSupplier frameworkStopping(BundleContext context) {
        Bundle framework = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION);
        return () -> framework.getState() == Bundle.STOPPING;
    }

    /** Runs before the service unbinds the providers from this component. */
    @Deactivate
    void stop() {
        stopped = true;
    }

    private static String priority(CatalogueEntry entry) {
        return entry.site().map(site -> String.valueOf(site.searchPriority())).orElse("-");
    }

    /** The catalogues as they are now; callers keep the snapshot for the whole of one request. */
    public CatalogueSnapshot snapshot() {
        return snapshot;
    }

    @Reference(name = "provider", cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, updated = "updatedProvider", unbind = "removeProvider")
    synchronized void addProvider(CatalogueProvider provider) {
        String siteId = provider.configuration().siteId();
        providers.put(provider, siteId);
        refresh(siteId);
    }

    synchronized void updatedProvider(CatalogueProvider provider) {
        refresh(providers.get(provider));
    }

    synchronized void removeProvider(CatalogueProvider provider) {
        String siteId = providers.remove(provider);
        if (stopped || serviceStopping.getAsBoolean()) {
            // Searches still running keep the snapshot they have; no later one starts with this site.
            snapshot = CatalogueSnapshot.evaluate(snapshot, providers.keySet(), siteId);
            LOG.info("Catalogue site '{}' stopped with the service", siteId);
        } else {
            refresh(siteId);
        }
    }

    private void refresh(String changedSiteId) {
        CatalogueSnapshot before = snapshot;
        CatalogueSnapshot after = CatalogueSnapshot.evaluate(before, providers.keySet(), changedSiteId);
        snapshot = after;
        Set<String> siteIds = new LinkedHashSet<>();
        before.entries().forEach(e -> siteIds.add(e.siteId()));
        after.entries().forEach(e -> siteIds.add(e.siteId()));
        for (String siteId : siteIds) {
            CatalogueSnapshot.change(before, after, siteId).ifPresent(change -> announce(after, siteId, change));
        }
    }

    private void announce(CatalogueSnapshot after, String siteId, String change) {
        Optional<CatalogueEntry> entry = after.entry(siteId);
        boolean enabled = entry.map(CatalogueEntry::enabled).orElse(false);
        if (entry.isEmpty()) {
            LOG.info("Catalogue site '{}' removed", siteId);
        } else if (entry.get().problems().isEmpty()) {
            LOG.info("Catalogue site '{}' {}: enabled={}, priority={}", siteId, change, enabled, priority(entry.get()));
        } else {
            LOG.warn("Catalogue site '{}' {}: enabled={}, priority={}, problems: {}", siteId, change, enabled,
                    priority(entry.get()), String.join("; ", entry.get().problems()));
        }
        Map<String, Object> properties = new HashMap<>();
        properties.put(EVENT_SITE_ID, siteId);
        properties.put(EVENT_CHANGE, change);
        properties.put(EVENT_ENABLED, enabled);
        eventAdmin.postEvent(new Event(TOPIC_CHANGED, properties));
    }
}
