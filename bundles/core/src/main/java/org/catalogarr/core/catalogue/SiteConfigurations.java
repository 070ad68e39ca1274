package org.catalogarr.core.catalogue;

import java.io.IOException;
import java.util.Collection;
import java.util.Collections;
import java.util.Dictionary;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.catalogarr.catalogue.api.CatalogueProvider;
import org.catalogarr.core.admin.AdminException;
import org.catalogarr.core.admin.AdminException.Reason;
import org.catalogarr.core.configfiles.ConfigFileWriter;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Changes settings of a site through Config Admin, as an edit of its configuration file would. The site
 * component is then modified and the registry takes the new settings up like any other change.
 */
final class SiteConfigurations {

    /** Keys every site's configuration has (see catalogue-kit's {@code SiteSettings}). */
    static final String ENABLED = "enabled";
    static final String SEARCH_PRIORITY = "search_priority";
    static final String CHALLENGE_BACKOFF_SECONDS = "challenge_backoff_seconds";

    private final BundleContext context;
    private final ConfigurationAdmin configurationAdmin;

    SiteConfigurations(BundleContext context, ConfigurationAdmin configurationAdmin) {
        this.context = context;
        this.configurationAdmin = configurationAdmin;
    }

    /**
     * Sets the values and keeps all other properties, FileInstall's file marker among them, so that the
     * change is written to the site's {@code .cfg} file before Config Admin takes it (see
     * {@link ConfigFileWriter#update}). Values are
     * text, as FileInstall reads them from such a file, so the file keeps plain {@code key = value} lines.
     */
    void update(String siteId, Map<String, String> values) throws AdminException {
        String pid = pid(siteId);
        try {
            Configuration configuration = configuration(pid).orElseThrow(() -> new AdminException(Reason.FAILED,
                    "catalogue site '" + siteId + "' has no configuration " + pid));
            Dictionary<String, Object> properties = configuration.getProperties();
            values.forEach(properties::put);
            ConfigFileWriter.update(configuration, properties);
        } catch (IOException e) {
            throw new AdminException(Reason.FAILED, "could not update the configuration " + pid + ": " + e.getMessage(),
                    e);
        }
    }

    /** The site's configuration properties as they are stored now, FileInstall's marker among them. */
    Map<String, Object> properties(String siteId) throws AdminException {
        String pid = pid(siteId);
        Map<String, Object> properties = new LinkedHashMap<>();
        configuration(pid).map(Configuration::getProperties).ifPresent(stored -> {
            for (String key : Collections.list(stored.keys())) {
                properties.put(key, stored.get(key));
            }
        });
        return properties;
    }

    /** One stored value of the site's configuration; empty when the site or the value is unknown. */
    Optional<Object> value(String siteId, String key) {
        try {
            return Optional.ofNullable(properties(siteId).get(key));
        } catch (AdminException e) {
            return Optional.empty();
        }
    }

    private Optional<Configuration> configuration(String pid) throws AdminException {
        try {
            Configuration[] found = configurationAdmin.listConfigurations(filter(Constants.SERVICE_PID, pid));
            return found == null || found[0].getProperties() == null ? Optional.empty() : Optional.of(found[0]);
        } catch (IOException | InvalidSyntaxException e) {
            throw new AdminException(Reason.FAILED, "could not read the configuration " + pid + ": " + e.getMessage(),
                    e);
        }
    }

    /** The PID and the bundle of the site's component, from its provider service. */
    record Origin(String pid, Bundle bundle) {
    }

    Origin origin(String siteId) throws AdminException {
        ServiceReference<CatalogueProvider> reference = reference(siteId);
        return new Origin(pid(siteId, reference), reference.getBundle());
    }

    /** The PID the site's component was configured with, from its provider service. */
    private String pid(String siteId) throws AdminException {
        return pid(siteId, reference(siteId));
    }

    private static String pid(String siteId, ServiceReference<CatalogueProvider> reference) throws AdminException {
        Object pid = reference.getProperty(Constants.SERVICE_PID);
        if (pid instanceof String single) {
            return single;
        }
        if (pid instanceof String[] several && several.length > 0) {
            return several[several.length - 1];
        }
        throw new AdminException(Reason.FAILED, "catalogue site '" + siteId + "' is not configured through Config Admin");
    }

    private ServiceReference<CatalogueProvider> reference(String siteId) throws AdminException {
        Collection<ServiceReference<CatalogueProvider>> references;
        try {
            references = context.getServiceReferences(CatalogueProvider.class,
                    filter(CatalogueProvider.SITE_ID_PROPERTY, siteId));
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        return references.stream().findFirst().orElseThrow(() -> new AdminException(Reason.NOT_FOUND,
                "there is no catalogue site '" + siteId + "'"));
    }

    private static String filter(String key, String value) {
        String escaped = value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").replace("*", "\\*");
        return "(" + key + "=" + escaped + ")";
    }
}
