package org.catalogarr.console.plugin;

import org.apache.felix.webconsole.servlet.ServletConstants;
import org.osgi.service.component.annotations.Component;

import jakarta.servlet.Servlet;

/** Console page "Catalogarr → Dashboard": the start page: where Sonarr and Prowlarr connect, and whether the service is healthy. */
@Component(service = Servlet.class, property = {
    ServletConstants.PLUGIN_LABEL + "=" + DashboardPlugin.LABEL,
    ServletConstants.PLUGIN_TITLE + "=Dashboard",
    ServletConstants.PLUGIN_CATEGORY + "=" + ConsolePage.CATEGORY,
    ServletConstants.PLUGIN_CSS_REFERENCES + "=/" + DashboardPlugin.LABEL + ConsolePage.CSS})
public class DashboardPlugin extends ConsolePage {

    private static final long serialVersionUID = 1L;

    static final String LABEL = "dashboard";

    public DashboardPlugin() {
        super(LABEL);
    }
}
