package org.catalogarr.core.threads;

import java.util.Map;

import org.catalogarr.settings.Settings;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;

/**
 * The threads that ask episode pages for a search's or the feed's episodes. Apart from {@link SearchPool}
 * because a site search waits for its pages: in one pool, site searches could take every thread and wait
 * for pages nobody is left to ask. Shares the PID {@value ThreadsConfig#PID} (and its metatype) with it.
 */
@Component(service = ProbePool.class, configurationPid = ThreadsConfig.PID)
public class ProbePool {

    static final String NAME = "catalogarr-probe";

    private final Settings settings;
    private final PoolSlot slot;

    @Activate
    public ProbePool(@Reference Settings settings, Map<String, Object> properties) {
        this.settings = settings;
        ThreadsConfig config = read(properties);
        this.slot = new PoolSlot(NAME, "probe_threads/probe_queue in " + ThreadsConfig.PID, config.probe__threads(),
                config.probe__queue());
    }

    @Modified
    void modified(Map<String, Object> properties) {
        ThreadsConfig config = read(properties);
        slot.resize(config.probe__threads(), config.probe__queue());
    }

    private ThreadsConfig read(Map<String, Object> properties) {
        return settings.apply(ThreadsConfig.PID, ThreadsConfig.class, ThreadsConfig.RULES, properties);
    }

    public BoundedPool pool() {
        return slot.pool();
    }

    @Deactivate
    void stop() {
        slot.close();
    }
}
