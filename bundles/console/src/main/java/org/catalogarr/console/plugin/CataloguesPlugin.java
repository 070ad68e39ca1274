package org.catalogarr.console.plugin;

import org.apache.felix.webconsole.servlet.ServletConstants;
import org.osgi.service.component.annotations.Component;

import jakarta.servlet.Servlet;

/** Console page "Catalogarr → Catalogues": every catalogue site with its state; enable, reorder, test and configure them. */
@Component(service = Servlet.class, property = {
    ServletConstants.PLUGIN_LABEL + "=" + CataloguesPlugin.LABEL,
    ServletConstants.PLUGIN_TITLE + "=Catalogues",
    ServletConstants.PLUGIN_CATEGORY + "=" + ConsolePage.CATEGORY,
    ServletConstants.PLUGIN_CSS_REFERENCES + "=/" + CataloguesPlugin.LABEL + ConsolePage.CSS})
public class CataloguesPlugin extends ConsolePage {

    private static final long serialVersionUID = 1L;

    static final String LABEL = "catalogues";

    public CataloguesPlugin() {
        super(LABEL);
    }
}
