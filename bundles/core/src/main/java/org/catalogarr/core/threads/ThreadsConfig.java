package org.catalogarr.core.threads;

import org.catalogarr.settings.SettingsRules;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The sizes of the search pools, PID {@value #PID}. The defaults keep the whole service within about 60
 * threads under 50 concurrent clients on a small box; every request waits for its sites anyway, so more
 * threads mostly add memory.
 */
@ObjectClassDefinition(name = "Catalogarr threads", description = "How many threads searches may use, and how much"
        + " work may wait for them; work beyond both is refused (a site search) or done by its caller (an episode page).")
public @interface ThreadsConfig {

    String PID = "org.catalogarr.threads";

    SettingsRules RULES = SettingsRules.none()
            .range("search_threads", 1, 64)
            .range("search_queue", 1, 1024)
            .range("probe_threads", 1, 64)
            .range("probe_queue", 1, 4096);

    @AttributeDefinition(name = "Search threads", description = "Site searches and new-episode listings running at"
            + " once, over all sites and clients; identical searches share one.", min = "1", max = "64")
    int search__threads() default 4;

    @AttributeDefinition(name = "Search queue", description = "Site searches that may wait for a search thread; more"
            + " are answered with a warning that the service is busy.", min = "1", max = "1024")
    int search__queue() default 256;

    @AttributeDefinition(name = "Episode page threads", description = "Episode pages and the series pages that confirm"
            + " search hits asked at once, over all searches (each search asks at most probe_concurrency of"
            + " org.catalogarr.search at once); they also store what the pages said, after the answer.",
            min = "1", max = "64")
    int probe__threads() default 4;

    @AttributeDefinition(name = "Episode page queue", description = "Episode-page workers that may wait for a thread;"
            + " beyond it a search asks its pages itself, one after the other.", min = "1", max = "4096")
    int probe__queue() default 128;
}
