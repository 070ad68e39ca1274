package org.catalogarr.console.plugin;

import org.apache.felix.webconsole.servlet.ServletConstants;
import org.osgi.service.component.annotations.Component;

import jakarta.servlet.Servlet;

/** Console page "Catalogarr → Log": recent warnings and errors of Catalogarr, in plain words. */
@Component(service = Servlet.class, property = {
    ServletConstants.PLUGIN_LABEL + "=" + LogPlugin.LABEL,
    ServletConstants.PLUGIN_TITLE + "=Log",
    ServletConstants.PLUGIN_CATEGORY + "=" + ConsolePage.CATEGORY,
    ServletConstants.PLUGIN_CSS_REFERENCES + "=/" + LogPlugin.LABEL + ConsolePage.CSS})
public class LogPlugin extends ConsolePage {

    private static final long serialVersionUID = 1L;

    static final String LABEL = "log";

    public LogPlugin() {
        super(LABEL);
    }
}
