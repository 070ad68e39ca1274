package org.catalogarr.core.catalogue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Predicate;

import org.catalogarr.catalogue.api.CatalogueSite;
import org.catalogarr.core.admin.AdminException;
import org.catalogarr.core.admin.AdminException.Reason;
import org.catalogarr.core.admin.CatalogueAdmin;
import org.catalogarr.core.admin.CatalogueRow;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The console's view of the registry, and its toggles as Config Admin updates of the sites' PIDs. An action
 * returns once the registry shows its outcome (or after a few seconds), so that the page drawn next shows
 * it, and a second action is planned from the state the first one left.
 */
@Component(service = CatalogueAdmin.class)
public class CatalogueAdminService implements CatalogueAdmin {

    private static final Duration APPLIED = Duration.ofSeconds(5);

    private final CatalogueRegistry registry;
    private final SiteConfigurations configurations;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile TitleIndex titleIndex;

    @Activate
    public CatalogueAdminService(BundleContext context, @Reference CatalogueRegistry registry,
            @Reference ConfigurationAdmin configurationAdmin) {
        this.registry = registry;
        this.configurations = new SiteConfigurations(context, configurationAdmin);
    }

    @Override
    public List<CatalogueRow> catalogues() {
        TitleIndex index = titleIndex;
        return registry.snapshot().entries().stream().map(entry -> row(entry, index)).toList();
    }

    private static CatalogueRow row(CatalogueEntry entry, TitleIndex index) {
        Optional<TitleIndex.Status> status = Optional.ofNullable(index).map(i -> i.status(entry.siteId()));
        List<String> problems = new ArrayList<>(entry.problems());
        status.flatMap(TitleIndex.Status::lastError).ifPresent(error -> problems.add("title index: " + error));
        Optional<CatalogueSite> site = entry.site();
        return new CatalogueRow(entry.siteId(), site.map(CatalogueSite::displayName).orElse(entry.siteId()),
                entry.enabled(), site.map(s -> OptionalInt.of(s.searchPriority())).orElse(OptionalInt.empty()),
                site.map(s -> s.baseUrl().toString()), status.map(TitleIndex.Status::titles).orElse(0),
                status.flatMap(TitleIndex.Status::refreshedAt), problems);
    }

    @Override
    public void setEnabled(String siteId, boolean enabled) throws AdminException {
        CatalogueSnapshot snapshot = registry.snapshot();
        CatalogueEntry entry = entry(snapshot, siteId);
        CatalogueSite site = entry.site().orElseThrow(() -> new AdminException(Reason.CONFLICT,
                "catalogue site '" + siteId + "' has no valid settings; fix its configuration first"));
        if (entry.enabled() == enabled) {
            return;
        }
        Map<String, String> values = new LinkedHashMap<>();
        values.put(SiteConfigurations.ENABLED, String.valueOf(enabled));
        if (enabled) {
            int priority = PriorityPlan.forEnabling(site.searchPriority(), priorities(snapshot).values());
            if (priority != site.searchPriority()) {
                values.put(SiteConfigurations.SEARCH_PRIORITY, String.valueOf(priority));
            }
        }
        configurations.update(siteId, values);
        awaitApplied(after -> after.entry(siteId).map(CatalogueEntry::enabled).orElse(false) == enabled);
    }

    @Override
    public void move(String siteId, Direction direction) throws AdminException {
        CatalogueSnapshot snapshot = registry.snapshot();
        if (!entry(snapshot, siteId).enabled()) {
            throw new AdminException(Reason.CONFLICT, "catalogue site '" + siteId
                    + "' is disabled; only enabled sites have a search order");
        }
        Map<String, Integer> current = priorities(snapshot);
        List<String> order = new ArrayList<>(current.keySet());
        int from = order.indexOf(siteId);
        int to = direction == Direction.UP ? from - 1 : from + 1;
        if (to < 0 || to >= order.size()) {
            throw new AdminException(Reason.CONFLICT, "catalogue site '" + siteId + "' is already "
                    + (direction == Direction.UP ? "first" : "last"));
        }
        order.set(from, order.get(to));
        order.set(to, siteId);
        for (PriorityPlan.Step step : PriorityPlan.reorder(current, order)) {
            configurations.update(step.siteId(),
                    Map.of(SiteConfigurations.SEARCH_PRIORITY, String.valueOf(step.priority())));
        }
        awaitApplied(after -> after.enabled().stream().map(CatalogueEntry::siteId).toList().equals(order));
    }

    private static CatalogueEntry entry(CatalogueSnapshot snapshot, String siteId) throws AdminException {
        return snapshot.entry(siteId).orElseThrow(() -> new AdminException(Reason.NOT_FOUND,
                "there is no catalogue site '" + siteId + "'"));
    }

    /** The enabled sites' priorities in search order. */
    private static Map<String, Integer> priorities(CatalogueSnapshot snapshot) {
        Map<String, Integer> priorities = new LinkedHashMap<>();
        snapshot.enabled().forEach(e -> priorities.put(e.siteId(), e.site().orElseThrow().searchPriority()));
        return priorities;
    }

    /** A refused change never shows; the page then tells why in the site's problems. */
    private void awaitApplied(Predicate<CatalogueSnapshot> applied) throws AdminException {
        long deadline = System.nanoTime() + APPLIED.toNanos();
        while (!applied.test(registry.snapshot()) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AdminException(Reason.FAILED, "interrupted while the change was applied", e);
            }
        }
    }
}
