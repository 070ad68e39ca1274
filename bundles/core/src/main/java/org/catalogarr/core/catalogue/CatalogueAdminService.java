package org.catalogarr.core.catalogue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Predicate;

import org.catalogarr.catalogue.api.CatalogueException;
import org.catalogarr.catalogue.api.CatalogueSite;
import org.catalogarr.catalogue.kit.SiteSettings;
import org.catalogarr.core.admin.AdminException;
import org.catalogarr.core.admin.AdminException.Reason;
import org.catalogarr.core.admin.CatalogueAdmin;
import org.catalogarr.core.admin.CatalogueRow;
import org.catalogarr.core.admin.SettingsForm;
import org.catalogarr.core.admin.SiteTest;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeService;

/**
 * The console's and the admin API's view of the registry, and their changes as Config Admin updates of
 * the sites' PIDs. A change is checked with the rules the site applies (catalogue-kit's
 * {@link SiteSettings}) and the registry's (unique priorities) before it is written, so a refused change
 * is answered with its reasons and never reaches the file. An action returns once the registry shows its
 * outcome (or after a few seconds), so that the page drawn next shows it, and a second action is planned
 * from the state the first one left.
 */
@Component(service = CatalogueAdmin.class)
public class CatalogueAdminService implements CatalogueAdmin {

    private static final Duration APPLIED = Duration.ofSeconds(5);

    private final CatalogueRegistry registry;
    private final SiteConfigurations configurations;
    private final SiteActivity activity;
    private final EventAdmin events;
    private final MetaTypeService metatype;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile TitleIndex titleIndex;

    @Activate
    public CatalogueAdminService(BundleContext context, @Reference CatalogueRegistry registry,
            @Reference ConfigurationAdmin configurationAdmin, @Reference SiteActivity activity,
            @Reference EventAdmin events, @Reference MetaTypeService metatype) {
        this.registry = registry;
        this.configurations = new SiteConfigurations(context, configurationAdmin);
        this.activity = activity;
        this.events = events;
        this.metatype = metatype;
    }

    @Override
    public List<CatalogueRow> catalogues() {
        TitleIndex index = titleIndex;
        Instant now = Instant.now();
        return registry.snapshot().entries().stream().map(entry -> row(entry, index, now)).toList();
    }

    @Override
    public CatalogueRow catalogue(String siteId) throws AdminException {
        return row(entry(registry.snapshot(), siteId), titleIndex, Instant.now());
    }

    private CatalogueRow row(CatalogueEntry entry, TitleIndex index, Instant now) {
        Optional<TitleIndex.Status> status = Optional.ofNullable(index).map(i -> i.status(entry.siteId()));
        SiteActivity.State seen = activity.state(entry.siteId());
        List<String> problems = new ArrayList<>(entry.problems());
        problems.addAll(SiteReachability.problems(entry, seen, status, now));
        status.flatMap(TitleIndex.Status::lastError).filter(error -> problems.stream().noneMatch(p -> p.endsWith(error)))
                .ifPresent(error -> problems.add("title index: " + error));
        Optional<CatalogueSite> site = entry.site();
        return new CatalogueRow(entry.siteId(), site.map(CatalogueSite::displayName).orElse(entry.siteId()),
                entry.enabled(), site.map(s -> OptionalInt.of(s.searchPriority())).orElse(OptionalInt.empty()),
                site.map(s -> s.baseUrl().toString()), status.map(TitleIndex.Status::titles).orElse(0),
                status.flatMap(TitleIndex.Status::refreshedAt), problems,
                SiteReachability.state(entry, seen, status, now), seen.lastSearchAt(), seen.lastLatencyMs(),
                seen.lastError(), seen.blockedUntil().filter(now::isBefore));
    }

    @Override
    public void setEnabled(String siteId, boolean enabled) throws AdminException {
        CatalogueSnapshot snapshot = registry.snapshot();
        CatalogueEntry entry = entry(snapshot, siteId);
        if (entry.enabled() == enabled && entry.problems().isEmpty()) {
            return;
        }
        Map<String, String> values = new LinkedHashMap<>();
        values.put(SiteConfigurations.ENABLED, String.valueOf(enabled));
        if (enabled) {
            Optional<Integer> priority = entry.site().map(CatalogueSite::searchPriority)
                    .map(wanted -> PriorityPlan.forEnabling(wanted, priorities(snapshot, siteId).values()));
            priority.filter(p -> p != entry.site().orElseThrow().searchPriority())
                    .ifPresent(p -> values.put(SiteConfigurations.SEARCH_PRIORITY, String.valueOf(p)));
            List<String> refused = SiteSettings.problems(siteId, merged(siteId, values));
            if (!refused.isEmpty() || entry.site().isEmpty()) {
                // Writing enabled = true now would leave the site off while the file says on, and a later fix
                // of the settings would switch it on without anyone asking.
                throw new AdminException(Reason.CONFLICT, "catalogue site '" + siteId + "' cannot be enabled: its"
                        + " settings are refused: " + String.join("; ", refused.isEmpty() ? entry.problems() : refused)
                        + ". Fix them first; nothing was changed.");
            }
        }
        configurations.update(siteId, values);
        awaitApplied(after -> after.entry(siteId).map(CatalogueEntry::enabled).orElse(false) == enabled);
    }

    @Override
    public void move(String siteId, Direction direction) throws AdminException {
        CatalogueSnapshot snapshot = registry.snapshot();
        if (!entry(snapshot, siteId).enabled()) {
            throw new AdminException(Reason.CONFLICT, "Catalogue site '" + siteId
                    + "' is disabled; only enabled sites have a search order.");
        }
        Map<String, Integer> current = priorities(snapshot, null);
        List<String> order = new ArrayList<>(current.keySet());
        int from = order.indexOf(siteId);
        int to = direction == Direction.UP ? from - 1 : from + 1;
        if (to < 0 || to >= order.size()) {
            throw new AdminException(Reason.CONFLICT, "Catalogue site '" + siteId + "' is already searched "
                    + (direction == Direction.UP ? "first" : "last") + "; it cannot move " + (direction == Direction.UP
                            ? "up" : "down") + ".");
        }
        order.set(from, order.get(to));
        order.set(to, siteId);
        for (PriorityPlan.Step step : PriorityPlan.reorder(current, order)) {
            configurations.update(step.siteId(),
                    Map.of(SiteConfigurations.SEARCH_PRIORITY, String.valueOf(step.priority())));
        }
        awaitApplied(after -> after.enabled().stream().map(CatalogueEntry::siteId).toList().equals(order));
    }

    @Override
    public void setPriority(String siteId, int priority) throws AdminException {
        CatalogueSnapshot snapshot = registry.snapshot();
        CatalogueEntry entry = entry(snapshot, siteId);
        if (priority < 1) {
            throw new AdminException(Reason.INVALID, "The search priority must be 1 or more.",
                    Map.of("priority", "must be 1 or more, was " + priority));
        }
        if (entry.site().map(CatalogueSite::searchPriority).filter(p -> p == priority).isPresent()) {
            return;
        }
        Optional<String> holder = entry.enabled() ? priorities(snapshot, siteId).entrySet().stream()
                .filter(e -> e.getValue() == priority).map(Map.Entry::getKey).findFirst() : Optional.empty();
        if (holder.isPresent()) {
            throw new AdminException(Reason.CONFLICT, "Search priority " + priority + " is already used by enabled site '"
                    + holder.get() + "'; choose another or move the site up or down.");
        }
        Map<String, String> values = Map.of(SiteConfigurations.SEARCH_PRIORITY, String.valueOf(priority));
        List<String> refused = SiteSettings.problems(siteId, merged(siteId, values));
        if (!refused.isEmpty()) {
            throw new AdminException(Reason.CONFLICT, "Catalogue site '" + siteId + "' has settings that are refused: "
                    + String.join("; ", refused) + ". Fix them first; nothing was changed.");
        }
        configurations.update(siteId, values);
        awaitApplied(after -> after.entry(siteId).flatMap(CatalogueEntry::site)
                .map(site -> site.searchPriority() == priority).orElse(false));
    }

    @Override
    public SiteTest test(String siteId) throws AdminException {
        CatalogueEntry entry = entry(registry.snapshot(), siteId);
        if (entry.site().isEmpty()) {
            throw new AdminException(Reason.CONFLICT, "Catalogue site '" + siteId + "' has no valid settings to test"
                    + " with: " + String.join("; ", entry.problems()));
        }
        TitleIndex index = titleIndex;
        long started = System.nanoTime();
        try {
            // An enabled site's index is stored, as a refresh would; a disabled site is only asked, not used.
            int titles = entry.enabled() && index != null ? index.refresh(siteId) : entry.provider().index().size();
            long latency = Duration.ofNanos(System.nanoTime() - started).toMillis();
            activity.answered(siteId);
            return new SiteTest(true, entry.site().get().displayName() + " answered: its index lists " + titles
                    + " titles", latency, titles);
        } catch (CatalogueException e) {
            long latency = Duration.ofNanos(System.nanoTime() - started).toMillis();
            activity.failed(siteId, e.reason(), e.getMessage(), Optional.empty());
            return new SiteTest(false, e.getMessage(), latency, 0);
        } catch (IllegalArgumentException e) {
            // The site was disabled in between.
            throw new AdminException(Reason.CONFLICT, e.getMessage());
        }
    }

    @Override
    public void refreshIndex(String siteId) throws AdminException {
        if (!entry(registry.snapshot(), siteId).enabled()) {
            throw new AdminException(Reason.CONFLICT, "Catalogue site '" + siteId + "' is disabled; only an enabled"
                    + " site's index is kept. Use test to ask it once.");
        }
        events.postEvent(new Event(TitleIndex.TOPIC_REFRESH, Map.of(CatalogueRegistry.EVENT_SITE_ID, siteId)));
    }

    @Override
    public SettingsForm settings(String siteId) throws AdminException {
        entry(registry.snapshot(), siteId);
        SiteConfigurations.Origin origin = configurations.origin(siteId);
        return SiteSettingsForms.form(origin.pid(), SiteSettingsForms.attributes(metatype, origin),
                configurations.properties(siteId));
    }

    @Override
    public SettingsForm updateSettings(String siteId, Map<String, Object> values) throws AdminException {
        CatalogueSnapshot snapshot = registry.snapshot();
        entry(snapshot, siteId);
        SiteConfigurations.Origin origin = configurations.origin(siteId);
        List<AttributeDefinition> attributes = SiteSettingsForms.attributes(metatype, origin);
        Map<String, String> problems = new LinkedHashMap<>();
        Map<String, String> text = SiteSettingsForms.asText(attributes, values, problems);
        Map<String, Object> merged = merged(siteId, text);
        List<String> unplaced = new ArrayList<>();
        SiteSettingsForms.place(SiteSettings.problems(siteId, merged), attributes, problems, unplaced);
        clash(siteId, merged, snapshot).ifPresent(clash -> problems.putIfAbsent(SiteConfigurations.SEARCH_PRIORITY,
                clash));
        if (!problems.isEmpty() || !unplaced.isEmpty()) {
            List<String> reasons = new ArrayList<>();
            problems.forEach((name, why) -> reasons.add(name + " " + why));
            reasons.addAll(unplaced);
            throw new AdminException(Reason.INVALID, "The settings were refused, nothing was written: "
                    + String.join("; ", reasons) + ".", problems);
        }
        Map<String, Object> stored = configurations.properties(siteId);
        Map<String, String> changed = new LinkedHashMap<>();
        text.forEach((name, value) -> {
            if (!value.equals(String.valueOf(stored.get(name)))) {
                changed.put(name, value);
            }
        });
        if (!changed.isEmpty()) {
            configurations.update(siteId, changed);
            awaitApplied(after -> after != snapshot);
        }
        return settings(siteId);
    }

    /** Another enabled site's priority, when these settings enable the site with it. */
    private static Optional<String> clash(String siteId, Map<String, Object> settings, CatalogueSnapshot snapshot) {
        if (!"true".equalsIgnoreCase(String.valueOf(settings.get(SiteConfigurations.ENABLED)).strip())) {
            return Optional.empty();
        }
        String priority = String.valueOf(settings.get(SiteConfigurations.SEARCH_PRIORITY)).strip();
        return priorities(snapshot, siteId).entrySet().stream()
                .filter(e -> String.valueOf(e.getValue()).equals(priority)).findFirst()
                .map(e -> "is already used by enabled site '" + e.getKey() + "'");
    }

    /** The site's stored configuration with {@code values} put over it: what the site would be given. */
    private Map<String, Object> merged(String siteId, Map<String, String> values) throws AdminException {
        Map<String, Object> merged = new HashMap<>(configurations.properties(siteId));
        merged.putAll(values);
        return merged;
    }

    private static CatalogueEntry entry(CatalogueSnapshot snapshot, String siteId) throws AdminException {
        return snapshot.entry(siteId).orElseThrow(() -> new AdminException(Reason.NOT_FOUND,
                "There is no catalogue site '" + siteId + "'."));
    }

    /** The enabled sites' priorities in search order, without {@code except}. */
    private static Map<String, Integer> priorities(CatalogueSnapshot snapshot, String except) {
        Map<String, Integer> priorities = new LinkedHashMap<>();
        snapshot.enabled().stream().filter(e -> !e.siteId().equals(except))
                .forEach(e -> priorities.put(e.siteId(), e.site().orElseThrow().searchPriority()));
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
