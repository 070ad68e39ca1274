package org.catalogarr.core.catalogue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.catalogarr.catalogue.api.CatalogueProvider;
import org.catalogarr.catalogue.api.CatalogueSite;
import org.catalogarr.catalogue.api.SiteConfiguration;

/**
 * An immutable view of all registered catalogues. A new snapshot replaces the old one as a whole, so
 * a search that started with one snapshot finishes with the same sites and priorities.
 */
public final class CatalogueSnapshot {

    /** Enabled sites by priority first, then the others by id. */
    private static final Comparator<CatalogueEntry> ORDER = Comparator
            .comparing((CatalogueEntry e) -> !e.enabled())
            .thenComparingInt(e -> e.enabled() ? e.site().orElseThrow().searchPriority() : 0)
            .thenComparing(CatalogueEntry::siteId);

    public static final CatalogueSnapshot EMPTY = new CatalogueSnapshot(List.of());

    private final List<CatalogueEntry> entries;
    /** Taken once: every search asks for them, and a snapshot never changes. */
    private final List<CatalogueEntry> enabled;

    private CatalogueSnapshot(List<CatalogueEntry> entries) {
        this.entries = entries.stream().sorted(ORDER).toList();
        this.enabled = this.entries.stream().filter(CatalogueEntry::enabled).toList();
    }

    /** Every registered catalogue, enabled ones first in priority order. */
    public List<CatalogueEntry> entries() {
        return entries;
    }

    /** The catalogues to search, in priority order. */
    public List<CatalogueEntry> enabled() {
        return enabled;
    }

    public Optional<CatalogueEntry> entry(String siteId) {
        return entries.stream().filter(e -> e.siteId().equals(siteId)).findFirst();
    }

    /**
     * Works out which settings of each provider can be in force together. Sites that did not change
     * keep their place; a change that would give two enabled sites the same priority is refused, and
     * the changed site keeps its previous settings (or stays disabled if it had none).
     *
     * @param changedSiteId the site whose change caused this evaluation, judged last; may be null
     */
    static CatalogueSnapshot evaluate(CatalogueSnapshot previous, Collection<CatalogueProvider> providers,
            String changedSiteId) {
        List<CatalogueProvider> ordered = new ArrayList<>(providers);
        ordered.sort(Comparator.comparing((CatalogueProvider p) -> p.configuration().siteId().equals(changedSiteId))
                .thenComparing(p -> p.configuration().siteId()));
        List<CatalogueEntry> accepted = new ArrayList<>();
        for (CatalogueProvider provider : ordered) {
            SiteConfiguration configuration = provider.configuration();
            String siteId = configuration.siteId();
            if (accepted.stream().anyMatch(e -> e.siteId().equals(siteId))) {
                continue;
            }
            List<String> problems = new ArrayList<>();
            configuration.rejection().ifPresent(problems::add);
            Optional<CatalogueSite> chosen = configuration.inForce();
            Optional<CatalogueEntry> clash = chosen.flatMap(site -> clash(site, accepted));
            if (clash.isPresent()) {
                CatalogueSite wanted = chosen.orElseThrow();
                Optional<CatalogueSite> before = previous.entry(siteId)
                        .flatMap(CatalogueEntry::site)
                        .filter(site -> clash(site, accepted).isEmpty());
                problems.add("search_priority " + wanted.searchPriority() + " is already used by enabled site '"
                        + clash.get().siteId() + "'; "
                        + (before.isPresent() ? "the previous settings stay in force" : "the site stays disabled"));
                chosen = Optional.of(before.orElse(wanted.withEnabled(false)));
            }
            accepted.add(new CatalogueEntry(siteId, chosen, problems, provider));
        }
        return new CatalogueSnapshot(accepted);
    }

    private static Optional<CatalogueEntry> clash(CatalogueSite site, List<CatalogueEntry> accepted) {
        if (!site.enabled()) {
            return Optional.empty();
        }
        return accepted.stream()
                .filter(CatalogueEntry::enabled)
                .filter(e -> e.site().orElseThrow().searchPriority() == site.searchPriority())
                .findFirst();
    }

    /** What differs for one site between two snapshots, or empty when nothing does. */
    static Optional<String> change(CatalogueSnapshot before, CatalogueSnapshot after, String siteId) {
        Optional<CatalogueEntry> old = before.entry(siteId);
        Optional<CatalogueEntry> now = after.entry(siteId);
        if (old.isEmpty()) {
            return now.map(e -> "added");
        }
        if (now.isEmpty()) {
            return Optional.of("removed");
        }
        boolean same = Objects.equals(old.get().site(), now.get().site())
                && old.get().problems().equals(now.get().problems());
        return same ? Optional.empty() : Optional.of("modified");
    }
}
