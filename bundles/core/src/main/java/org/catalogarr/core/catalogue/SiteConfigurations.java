package org.catalogarr.core.catalogue;

import java.io.IOException;
import java.util.Collection;
import java.util.Dictionary;
import java.util.Map;

import org.catalogarr.catalogue.api.CatalogueProvider;
import org.catalogarr.core.admin.AdminException;
import org.catalogarr.core.admin.AdminException.Reason;
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

    private final BundleContext context;
    private final ConfigurationAdmin configurationAdmin;

    SiteConfigurations(BundleContext context, ConfigurationAdmin configurationAdmin) {
        this.context = context;
        this.configurationAdmin = configurationAdmin;
    }

    /**
     * Sets the values and keeps all other properties, FileInstall's file marker among them, so that the
     * change is written back to the site's {@code .cfg} file (see {@code ConfigFileWriter}). Values are
     * text, as FileInstall reads them from such a file, so the file keeps plain {@code key = value} lines.
     */
    void update(String siteId, Map<String, String> values) throws AdminException {
        String pid = pid(siteId);
        try {
            Configuration[] found = configurationAdmin.listConfigurations(filter(Constants.SERVICE_PID, pid));
            Dictionary<String, Object> properties = found == null ? null : found[0].getProperties();
            if (properties == null) {
                throw new AdminException(Reason.FAILED, "catalogue site '" + siteId + "' has no configuration " + pid);
            }
            values.forEach(properties::put);
            found[0].update(properties);
        } catch (IOException | InvalidSyntaxException e) {
            throw new AdminException(Reason.FAILED, "could not update the configuration " + pid + ": " + e.getMessage(),
                    e);
        }
    }

    /** The PID the site's component was configured with, from its provider service. */
    private String pid(String siteId) throws AdminException {
        Collection<ServiceReference<CatalogueProvider>> references;
        try {
            references = context.getServiceReferences(CatalogueProvider.class,
                    filter(CatalogueProvider.SITE_ID_PROPERTY, siteId));
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        for (ServiceReference<CatalogueProvider> reference : references) {
            Object pid = reference.getProperty(Constants.SERVICE_PID);
            if (pid instanceof String single) {
                return single;
            }
            if (pid instanceof String[] several && several.length > 0) {
                return several[several.length - 1];
            }
        }
        throw new AdminException(Reason.FAILED, "catalogue site '" + siteId + "' is not configured through Config Admin");
    }

    private static String filter(String key, String value) {
        String escaped = value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").replace("*", "\\*");
        return "(" + key + "=" + escaped + ")";
    }
}
