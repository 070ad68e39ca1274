package org.catalogarr.core.catalogue;

import java.util.List;
import java.util.Optional;

import org.catalogarr.catalogue.api.CatalogueProvider;
import org.catalogarr.catalogue.api.CatalogueSite;

/**
 * A registered catalogue as the core sees it.
 *
 * @param siteId the site's identifier
 * @param site the settings the core uses for this site; empty if it never had acceptable settings
 * @param problems why the newest settings are not (all) in force; empty when everything was accepted
 * @param provider the site bundle's service
 */
public record CatalogueEntry(String siteId, Optional<CatalogueSite> site, List<String> problems,
        CatalogueProvider provider) {

    public CatalogueEntry {
        problems = List.copyOf(problems);
    }

    /** Whether searches and downloads may use this site now. */
    public boolean enabled() {
        return site.map(CatalogueSite::enabled).orElse(false);
    }
}
