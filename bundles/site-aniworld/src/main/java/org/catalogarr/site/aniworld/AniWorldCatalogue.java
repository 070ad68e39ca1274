package org.catalogarr.site.aniworld;

import java.util.Map;

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

    /**
     * The annotation describes the settings (metatype) and gives their defaults; the values are read
     * from the properties so that a malformed one is refused with its reason, not read as false or 0.
     */
    @Activate
    @Modified
    void configure(AniWorldConfig defaults, Map<String, Object> properties) {
        settings.apply(properties);
    }

    @Override
    public SiteConfiguration configuration() {
        return settings.current();
    }
}
