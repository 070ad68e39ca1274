package org.catalogarr.core.download;

import java.net.URI;
import java.util.Arrays;

import org.catalogarr.hoster.api.DestinationPolicy;
import org.catalogarr.hoster.api.DestinationRules;
import org.catalogarr.hoster.api.RefusedDestinationException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;

/**
 * The {@link DestinationPolicy} of this installation, from {@code allowed_private_hosts} in
 * {@code org.catalogarr.download}: the download engine and the hoster bundles ask this one service, so the
 * operator's allow-list reaches both and changes in both at once.
 */
@Component(service = DestinationPolicy.class, configurationPid = CatalogueDownloadEngine.PID)
public class DownloadDestinations implements DestinationPolicy {

    /** How refusals name the setting that allows a private host. */
    static final String SETTING = "allowed_private_hosts (org.catalogarr.download.cfg)";

    private volatile DestinationRules rules;

    @Activate
    public DownloadDestinations(CatalogueDownloadEngine.Config config) {
        modified(config);
    }

    @Modified
    void modified(CatalogueDownloadEngine.Config config) {
        rules = DestinationRules.allowing(SETTING, Arrays.asList(config.allowed__private__hosts().split(",")));
    }

    @Override
    public void check(URI uri) throws RefusedDestinationException {
        rules.check(uri);
    }
}
