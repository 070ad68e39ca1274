package org.catalogarr.core.health;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.catalogarr.catalogue.api.CatalogueSite;
import org.catalogarr.catalogue.api.Language;
import org.catalogarr.core.catalogue.CatalogueEntry;
import org.catalogarr.core.catalogue.CatalogueRegistry;
import org.catalogarr.core.catalogue.CatalogueSnapshot;
import org.catalogarr.core.catalogue.SiteActivity;
import org.catalogarr.core.catalogue.SiteReachability;
import org.catalogarr.core.catalogue.TitleIndex;
import org.catalogarr.core.qbit.DownloadClientAccess;
import org.catalogarr.core.store.Database;
import org.catalogarr.core.store.DatabaseStatus;
import org.catalogarr.settings.Settings;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/** Puts together the service's state for {@code /health}. */
@Component(service = HealthReporter.class)
public class HealthReporter {

    @Reference
    private CatalogueRegistry registry;

    @Reference
    private Settings settings;

    /** Optional: a database that failed to start must show up as "down", not make /health vanish. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Database database;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile TitleIndex titleIndex;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile DownloadClientAccess downloadClientAccess;

    @Reference
    private StartupGate startupGate;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile SiteActivity activity;

    private String version;

    @Activate
    void activate(BundleContext context) {
        version = context.getBundle().getVersion().toString();
    }

    public HealthReport report() {
        Database current = database;
        DatabaseStatus db = current == null
                ? DatabaseStatus.down(0, "", "the database is not available; see the log for why it did not start")
                : current.status();
        CatalogueSnapshot snapshot = registry.snapshot();
        TitleIndex index = titleIndex;
        SiteActivity seen = activity;
        Instant now = Instant.now();
        // The title indexes are kept in the database: while it opens, reading them would hold /health until it is
        // open, so each counts as not fetched yet, which is what it is (the refresh needs the database too).
        boolean opening = db.opening();
        List<HealthReport.Catalogue> catalogues = snapshot.entries().stream()
                .map(e -> catalogue(e, index, opening, seen, now)).toList();
        Map<String, List<String>> settingsProblems = settings.problems();
        StartupGate.State startup = startupGate.state();
        List<String> problems = new ArrayList<>();
        if (db.down()) {
            problems.add("The database is down: " + db.detail());
        }
        if (snapshot.enabled().isEmpty()) {
            problems.add("No catalogue site is enabled, so every search finds nothing: enable one on the console's"
                    + " Catalogues page or in its .cfg file");
        }
        catalogues.forEach(c -> c.problems().forEach(problem -> problems.add(c.name() + ": " + problem)));
        catalogues.forEach(c -> problems.addAll(c.reachability()));
        settingsProblems.forEach((pid, reasons) -> problems.add("The configuration " + pid + " was refused: "
                + String.join("; ", reasons)));
        if (startup.problem() != null) {
            problems.add(startup.problem());
        }
        String status;
        if (current != null && db.down()) {
            status = "down";
        } else if (startup.starting()) {
            status = "starting";
        } else {
            // A database still opening is part of the start, not an outage: searches and the download client
            // wait for it, and it opens beside the sites' registration (issue 12).
            status = db.down() ? "down" : problems.isEmpty() ? "ok" : "degraded";
        }
        return new HealthReport(status, version, ManagementFactory.getRuntimeMXBean().getUptime() / 1000,
                new HealthReport.Database(db.state().text(), db.schemaVersion(), db.location(), db.detail()),
                catalogues, downloadClient(downloadClientAccess), settingsProblems,
                new HealthReport.Startup(startup.state(), startup.waitingFor(), startup.problem()), problems);
    }

    private static HealthReport.DownloadClient downloadClient(DownloadClientAccess access) {
        if (access == null) {
            return null;
        }
        DownloadClientAccess.State state = access.state();
        return new HealthReport.DownloadClient(state.authentication(), state.warning().orElse(null));
    }

    private static HealthReport.Catalogue catalogue(CatalogueEntry entry, TitleIndex titleIndex, boolean databaseOpening,
            SiteActivity activity, Instant now) {
        HealthReport.Index index = null;
        Optional<TitleIndex.Status> status = databaseOpening && titleIndex != null
                ? Optional.of(new TitleIndex.Status(0, Optional.empty(), Optional.empty()))
                : Optional.ofNullable(titleIndex).map(t -> t.status(entry.siteId()));
        if (status.isPresent()) {
            index = new HealthReport.Index(status.get().titles(),
                    status.get().refreshedAt().map(Object::toString).orElse(null), status.get().lastError().orElse(null));
        }
        SiteActivity.State seen = activity == null ? SiteActivity.State.NONE : activity.state(entry.siteId());
        String state = SiteReachability.state(entry, seen, status, now);
        List<String> reachability = SiteReachability.problems(entry, seen, status, now);
        CatalogueSite site = entry.site().orElse(null);
        if (site == null) {
            return new HealthReport.Catalogue(entry.siteId(), entry.siteId(), false, null, null, null, List.of(),
                    entry.problems(), index, null, state, reachability);
        }
        Optional<URI> movedTo = entry.provider().movedTo();
        List<String> problems = new ArrayList<>(entry.problems());
        // Requests still work through the redirects, but every one of them costs a round trip more.
        movedTo.ifPresent(to -> problems.add("the site has moved: " + site.baseUrl() + " redirects permanently to "
                + to + "; set base_url = " + to));
        return new HealthReport.Catalogue(site.siteId(), site.displayName(), entry.enabled(), site.searchPriority(),
                site.baseUrl().toString(), site.searchTimeoutSeconds(),
                site.defaultLanguages().stream().map(Language::code).toList(), List.copyOf(problems), index,
                movedTo.map(URI::toString).orElse(null), state, reachability);
    }
}
