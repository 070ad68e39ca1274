package org.catalogarr.core.threads;

import java.util.Map;

import org.catalogarr.settings.Settings;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/** The threads that ask the sites: one task per site of a search or of the feed without a query. */
@Component(service = SearchPool.class, configurationPid = ThreadsConfig.PID)
@Designate(ocd = ThreadsConfig.class)
public class SearchPool {

    static final String NAME = "catalogarr-search";

    private final Settings settings;
    private final PoolSlot slot;

    @Activate
    public SearchPool(@Reference Settings settings, Map<String, Object> properties) {
        this.settings = settings;
        ThreadsConfig config = read(properties);
        this.slot = new PoolSlot(NAME, "search_threads/search_queue in " + ThreadsConfig.PID, config.search__threads(),
                config.search__queue());
    }

    @Modified
    void modified(Map<String, Object> properties) {
        ThreadsConfig config = read(properties);
        slot.resize(config.search__threads(), config.search__queue());
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
