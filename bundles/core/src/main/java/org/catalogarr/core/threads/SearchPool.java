package org.catalogarr.core.threads;

import java.util.Map;

import org.catalogarr.settings.Settings;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/** The threads that ask the sites: one task per site of a search or of the feed without a query. */
@Component(service = SearchPool.class, configurationPid = ThreadsConfig.PID)
@Designate(ocd = ThreadsConfig.class)
public class SearchPool extends ConfiguredPool {

    static final String NAME = "catalogarr-search";

    @Activate
    public SearchPool(@Reference Settings settings, Map<String, Object> properties) {
        super(settings, properties, NAME, "search_threads/search_queue",
                ThreadsConfig::search__threads, ThreadsConfig::search__queue);
    }
}
