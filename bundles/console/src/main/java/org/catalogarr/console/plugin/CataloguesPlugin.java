package org.catalogarr.console.plugin;

import org.apache.felix.webconsole.servlet.ServletConstants;
import org.catalogarr.core.admin.AdminException;
import org.catalogarr.core.admin.CatalogueAdmin;
import org.catalogarr.core.admin.CatalogueAdmin.Direction;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import jakarta.servlet.Servlet;

/** Console page "Catalogarr → Catalogues": enable, disable and reorder the catalogue sites. */
@Component(service = Servlet.class, property = {
    ServletConstants.PLUGIN_LABEL + "=" + CataloguesPlugin.LABEL,
    ServletConstants.PLUGIN_TITLE + "=Catalogues",
    ServletConstants.PLUGIN_CATEGORY + "=" + CataloguesPlugin.CATEGORY})
public class CataloguesPlugin extends ActionPlugin {

    private static final long serialVersionUID = 1L;

    static final String LABEL = "catalogarr-catalogues";
    static final String CATEGORY = "Catalogarr";

    private final transient CatalogueAdmin admin;

    @Activate
    public CataloguesPlugin(@Reference CatalogueAdmin admin) {
        this.admin = admin;
    }

    @Override
    String itemField() {
        return CataloguesPage.SITE_FIELD;
    }

    @Override
    String page(String target, String formToken) {
        return CataloguesPage.render(admin.catalogues(), target, formToken);
    }

    @Override
    void perform(String action, String site) throws AdminException {
        switch (action) {
            case "enable" -> admin.setEnabled(site, true);
            case "disable" -> admin.setEnabled(site, false);
            case "up" -> admin.move(site, Direction.UP);
            case "down" -> admin.move(site, Direction.DOWN);
            default -> throw unknownAction(action);
        }
    }
}
