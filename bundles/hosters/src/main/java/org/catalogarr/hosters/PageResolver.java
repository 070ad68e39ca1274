package org.catalogarr.hosters;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.catalogarr.hoster.api.DestinationPolicy;
import org.catalogarr.hoster.api.HosterResolver;
import org.catalogarr.settings.Settings;
import org.osgi.service.component.annotations.Modified;

/**
 * A resolver that visits its hoster as one browser: one user agent for the pages and the media, one
 * timeout, bounded pages that are fetched only where the destination policy allows, and the hoster's
 * name in every message.
 *
 * <p>Its configuration is read through the shared {@link Settings} rather than converted by Declarative
 * Services, as every Catalogarr configuration is: a change with a bad value (say {@code timeout_seconds = abc})
 * is refused as a whole, named in the log and in {@code /health}, and the previous settings stay in force;
 * the component neither fails its activation nor restarts for a change.
 */
abstract class PageResolver<C> implements HosterResolver {

    /** The settings in force and what requests are made with under them; replaced as a whole on a change. */
    private record Visit<C>(C config, String userAgent, PageFetcher fetcher, EmbedPages pages) {
    }

    private final String name;
    private final DestinationPolicy destinations;
    private final Settings settings;
    private final HosterSettings<C> configuration;
    private volatile Visit<C> visit;

    /** @param properties the component's configuration properties, as Declarative Services gives them */
    PageResolver(String name, DestinationPolicy destinations, Settings settings, HosterSettings<C> configuration,
            Map<String, ?> properties) {
        this.name = name;
        this.destinations = destinations;
        this.settings = settings;
        this.configuration = configuration;
        modified(properties);
    }

    /** Takes a changed configuration, or keeps the settings in force when the change is refused. */
    @Modified
    void modified(Map<String, ?> properties) {
        C config = settings.apply(configuration.pid(), configuration.type(), configuration.rules(), properties);
        String userAgent = configuration.userAgent().apply(config);
        Duration timeout = Duration.ofSeconds(configuration.timeoutSeconds().applyAsInt(config));
        PageFetcher fetcher = new PageFetcher(name, destinations, userAgent, timeout, EmbedPages.MAX_PAGE_BYTES);
        visit = new Visit<>(config, userAgent, fetcher, new EmbedPages(name, fetcher));
    }

    @Override
    public String name() {
        return name;
    }

    /** The settings in force, for what a hoster configures beyond user agent and timeout. */
    C config() {
        return visit.config();
    }

    String userAgent() {
        return visit.userAgent();
    }

    /** For requests beyond the player page, such as the player's own script makes. */
    PageFetcher fetcher() {
        return visit.fetcher();
    }

    EmbedPages pages() {
        return visit.pages();
    }

    /** What every request for the media sends, coming from the given player page. */
    Map<String, String> mediaHeaders(URI playerPage) {
        return EmbedPages.mediaHeaders(visit.userAgent(), playerPage);
    }
}
