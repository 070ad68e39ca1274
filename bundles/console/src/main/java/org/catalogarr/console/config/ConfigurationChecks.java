package org.catalogarr.console.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.catalogarr.catalogue.api.CatalogueProvider;
import org.catalogarr.catalogue.kit.SiteSettings;
import org.catalogarr.settings.Settings;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Why a configuration change would be refused by the component that reads it, asked before the change is
 * stored. Configurations read through {@link Settings} are checked by their own rules; a catalogue site's
 * by the rules every site applies ({@link SiteSettings}), the site being the provider service configured
 * with that PID.
 */
@Component(service = ConfigurationChecks.class)
public class ConfigurationChecks {

    private final Settings settings;
    private final BundleContext context;

    @Activate
    public ConfigurationChecks(@Reference Settings settings, BundleContext context) {
        this.settings = settings;
        this.context = context;
    }

    /** The reasons, each naming its setting first; empty when the change would be accepted or has no known rules. */
    public List<String> problems(String pid, Map<String, ?> properties) {
        List<String> problems = new ArrayList<>(settings.check(pid, properties).orElse(List.of()));
        String site = siteConfiguredBy(pid);
        if (site != null) {
            problems.addAll(SiteSettings.problems(site, properties));
        }
        return problems;
    }

    /** The id of the catalogue site whose provider is configured with {@code pid}, or null. */
    private String siteConfiguredBy(String pid) {
        ServiceReference<?>[] references;
        try {
            references = context.getServiceReferences(CatalogueProvider.class.getName(),
                    LdapFilter.equal("service.pid", pid));
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("Not a configuration PID: " + pid, e);
        }
        if (references == null) {
            return null;
        }
        for (ServiceReference<?> reference : references) {
            if (reference.getProperty(CatalogueProvider.SITE_ID_PROPERTY) instanceof String site) {
                return site;
            }
        }
        return null;
    }
}
