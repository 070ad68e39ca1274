package org.catalogarr.core.catalogue;

import org.catalogarr.catalogue.api.CatalogueProvider;

/** Registries with given providers, for tests outside this package. */
public final class Registries {

    private Registries() {
    }

    public static CatalogueRegistry of(CatalogueProvider... providers) {
        CatalogueRegistry registry = new CatalogueRegistry(new RecordingEventAdmin());
        for (CatalogueProvider provider : providers) {
            registry.addProvider(provider);
        }
        return registry;
    }
}
