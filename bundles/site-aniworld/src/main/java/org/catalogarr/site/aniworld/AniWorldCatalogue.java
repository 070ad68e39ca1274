package org.catalogarr.site.aniworld;

import org.catalogarr.catalogue.api.CatalogueProvider;
import org.catalogarr.catalogue.api.SiteConfiguration;
import org.catalogarr.catalogue.kit.SiteSettings;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;

/** The AniWorld catalogue, configured through the PID {@value #PID}. */
@Component(configurationPid = AniWorldCatalogue.PID, property = CatalogueProvider.SITE_ID_PROPERTY + "=" + AniWorldCatalogue.SITE_ID)
@Designate(ocd = AniWorldConfig.class)
public class AniWorldCatalogue implements CatalogueProvider {

    static final String PID = "org.catalogarr.site.aniworld";
    static final String SITE_ID = "aniworld";

    private final SiteSettings settings = new SiteSettings(SITE_ID);

    @Activate
    @Modified
    void configure(AniWorldConfig config) {
        settings.apply(new SiteSettings.Requested(config.display__name(), config.base__url(), config.search__priority(),
                config.default__languages(), config.enabled(), config.search__timeout__seconds(),
                config.plain__http__hosts()));
    }

    @Override
    public SiteConfiguration configuration() {
        return settings.current();
    }
}
