package org.catalogarr.console.plugin;

import org.apache.felix.webconsole.servlet.ServletConstants;
import org.catalogarr.core.admin.AdminException;
import org.catalogarr.core.admin.DownloadAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import jakarta.servlet.Servlet;

/** Console page "Catalogarr → Downloads": watch the jobs, pause, resume, delete and prioritise them. */
@Component(service = Servlet.class, property = {
    ServletConstants.PLUGIN_LABEL + "=" + DownloadsPlugin.LABEL,
    ServletConstants.PLUGIN_TITLE + "=Downloads",
    ServletConstants.PLUGIN_CATEGORY + "=" + CataloguesPlugin.CATEGORY})
public class DownloadsPlugin extends ActionPlugin {

    private static final long serialVersionUID = 1L;

    static final String LABEL = "catalogarr-downloads";

    private final transient DownloadAdmin admin;

    @Activate
    public DownloadsPlugin(@Reference DownloadAdmin admin) {
        this.admin = admin;
    }

    @Override
    String itemField() {
        return DownloadsPage.HASH_FIELD;
    }

    @Override
    String page(String target, String formToken) {
        return DownloadsPage.render(admin.downloads(), target, formToken);
    }

    @Override
    void perform(String action, String hash) throws AdminException {
        switch (action) {
            case "pause" -> admin.pause(hash);
            case "resume" -> admin.resume(hash);
            case "top" -> admin.topPriority(hash);
            case "delete" -> admin.delete(hash, false);
            case "delete-files" -> admin.delete(hash, true);
            default -> throw unknownAction(action);
        }
    }
}
