package org.catalogarr.core.threads;

import java.util.Map;

import org.catalogarr.settings.Settings;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The threads that ask a site's pages for a search or the feed beyond its search: episode pages, the series
 * pages that confirm a search hit, and the store writes of what they said, done behind the answer. Apart
 * from {@link SearchPool} because a site search waits for its pages: in one pool, site searches could take
 * every thread and wait for pages nobody is left to ask. Shares the PID {@value ThreadsConfig#PID} (and its
 * metatype) with it.
 */
@Component(service = ProbePool.class, configurationPid = ThreadsConfig.PID)
public class ProbePool extends ConfiguredPool {

    static final String NAME = "catalogarr-probe";

    @Activate
    public ProbePool(@Reference Settings settings, Map<String, Object> properties) {
        super(settings, properties, NAME, "probe_threads/probe_queue",
                ThreadsConfig::probe__threads, ThreadsConfig::probe__queue);
    }
}
