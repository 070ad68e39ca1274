package org.catalogarr.console.plugin;

import org.apache.felix.webconsole.servlet.ServletConstants;
import org.osgi.service.component.annotations.Component;

import jakarta.servlet.Servlet;

/** Console page "Catalogarr → Downloads": the download jobs, updated live; pause, resume, retry and delete them. */
@Component(service = Servlet.class, property = {
    ServletConstants.PLUGIN_LABEL + "=" + DownloadsPlugin.LABEL,
    ServletConstants.PLUGIN_TITLE + "=Downloads",
    ServletConstants.PLUGIN_CATEGORY + "=" + ConsolePage.CATEGORY,
    ServletConstants.PLUGIN_CSS_REFERENCES + "=/" + DownloadsPlugin.LABEL + ConsolePage.CSS})
public class DownloadsPlugin extends ConsolePage {

    private static final long serialVersionUID = 1L;

    static final String LABEL = "downloads";

    public DownloadsPlugin() {
        super(LABEL);
    }
}
