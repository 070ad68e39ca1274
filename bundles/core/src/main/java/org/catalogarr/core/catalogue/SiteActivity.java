package org.catalogarr.core.catalogue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.catalogarr.catalogue.api.CatalogueException.Reason;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * How each site answered lately: when a search last asked it and how long it took, why its last request
 * failed, and until when it is left alone after a challenge page. The console, the admin API and
 * {@code /health} read it, so a site that stopped answering is seen without reading the log.
 * Only failures that say something about the site count: a series it does not have is an answer.
 */
@Component(service = {SiteActivity.class, EventHandler.class},
        property = EventConstants.EVENT_TOPIC + "=" + CatalogueRegistry.TOPIC_CHANGED)
public class SiteActivity implements EventHandler {

    /** The site kit's default, for a site whose configuration cannot be read. */
    private static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(300);

    /**
     * One site's recent activity.
     *
     * @param lastSearchAt when a search last got an answer or a failure from the site
     * @param lastLatencyMs how long that took
     * @param lastError why the site's last request failed; empty after an answer
     * @param failedReason what kind of failure that was
     * @param blockedUntil until when the site is left alone after a challenge
     */
    public record State(Optional<Instant> lastSearchAt, OptionalLong lastLatencyMs, Optional<String> lastError,
            Optional<Reason> failedReason, Optional<Instant> blockedUntil) {

        public static final State NONE = new State(Optional.empty(), OptionalLong.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());

        /** Whether the site is left alone now. */
        public boolean blocked(Instant now) {
            return blockedUntil.filter(now::isBefore).isPresent();
        }
    }

    private final Map<String, State> states = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Function<String, Duration> backoff;

    @Activate
    public SiteActivity(BundleContext context, @Reference ConfigurationAdmin configurationAdmin) {
        this(Clock.systemUTC(), backoffOf(new SiteConfigurations(context, configurationAdmin)));
    }

    private static Function<String, Duration> backoffOf(SiteConfigurations configurations) {
        return siteId -> configurations.value(siteId, SiteConfigurations.CHALLENGE_BACKOFF_SECONDS)
                .flatMap(SiteActivity::seconds).orElse(DEFAULT_BACKOFF);
    }

    private static Optional<Duration> seconds(Object value) {
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value.toString().strip())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * @param backoff the site's {@code challenge_backoff_seconds}, asked only when a fresh challenge is recorded
     */
    public SiteActivity(Clock clock, Function<String, Duration> backoff) {
        this.clock = clock;
        this.backoff = backoff;
    }

    public State state(String siteId) {
        return states.getOrDefault(siteId, State.NONE);
    }

    /** A search got the site's answer after {@code latency}. */
    public void searched(String siteId, Duration latency) {
        Instant now = clock.instant();
        states.compute(siteId, (id, before) -> new State(Optional.of(now), OptionalLong.of(latency.toMillis()),
                Optional.empty(), Optional.empty(), Optional.empty()));
    }

    /** Another request (the title index, a test) got the site's answer: its last error is gone. */
    public void answered(String siteId) {
        states.compute(siteId, (id, before) -> {
            State state = before == null ? State.NONE : before;
            return new State(state.lastSearchAt(), state.lastLatencyMs(), Optional.empty(), Optional.empty(),
                    Optional.empty());
        });
    }

    /**
     * A request to the site failed. A search's failure also counts as its last search. A challenge
     * starts the site's back-off, unless one is running (the site was not even asked then).
     *
     * @param latency how long a search waited, empty for other requests
     */
    public void failed(String siteId, Reason reason, String message, Optional<Duration> latency) {
        if (reason == Reason.NOT_FOUND) {
            latency.ifPresent(waited -> searched(siteId, waited));
            return;
        }
        Instant now = clock.instant();
        states.compute(siteId, (id, before) -> {
            State state = before == null ? State.NONE : before;
            Optional<Instant> blockedUntil = state.blockedUntil().filter(now::isBefore);
            if (reason == Reason.BLOCKED && blockedUntil.isEmpty()) {
                blockedUntil = Optional.of(now.plus(backoff.apply(siteId)));
            } else if (reason != Reason.BLOCKED) {
                blockedUntil = Optional.empty();
            }
            return new State(latency.isPresent() ? Optional.of(now) : state.lastSearchAt(),
                    latency.map(d -> OptionalLong.of(d.toMillis())).orElse(state.lastLatencyMs()),
                    Optional.of(message), Optional.of(reason), blockedUntil);
        });
    }

    /** A site that left (its bundle removed) starts afresh when it returns. */
    @Override
    public void handleEvent(Event event) {
        Object siteId = event.getProperty(CatalogueRegistry.EVENT_SITE_ID);
        if (siteId != null && "removed".equals(event.getProperty(CatalogueRegistry.EVENT_CHANGE))) {
            states.remove(siteId.toString());
        }
    }
}
