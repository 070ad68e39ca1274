package org.catalogarr.console.plugin;

import org.apache.felix.webconsole.spi.BrandingPlugin;
import org.osgi.service.component.annotations.Component;

/**
 * Names the console after Catalogarr, so an operator sees whose console it is; the logo, icon and main
 * stylesheet stay the console's own.
 */
@Component
public class ConsoleBranding implements BrandingPlugin {

    @Override
    public String getBrandName() {
        return "Catalogarr";
    }

    @Override
    public String getProductName() {
        return "Catalogarr, on Apache Felix";
    }

    @Override
    public String getProductURL() {
        return "https://felix.apache.org";
    }

    @Override
    public String getProductImage() {
        return "/res/imgs/logo.png";
    }

    @Override
    public String getVendorName() {
        return "The Apache Software Foundation";
    }

    @Override
    public String getVendorURL() {
        return "https://www.apache.org";
    }

    @Override
    public String getVendorImage() {
        return "/res/imgs/logo.png";
    }

    @Override
    public String getFavIcon() {
        return "/res/imgs/favicon.ico";
    }

    @Override
    public String getMainStyleSheet() {
        return "/res/ui/webconsole.css";
    }
}
