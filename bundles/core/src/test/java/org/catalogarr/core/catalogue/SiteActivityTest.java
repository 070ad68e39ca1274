package org.catalogarr.core.catalogue;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.catalogarr.catalogue.api.CatalogueException.Reason;
import org.catalogarr.catalogue.api.CatalogueProvider;
import org.catalogarr.catalogue.api.CatalogueSite;
import org.catalogarr.catalogue.api.Language;
import org.junit.Test;
import org.osgi.service.event.Event;

public class SiteActivityTest {

    private static final Instant T0 = Instant.parse("2026-12-05T06:00:00Z");

    private final MutableClock clock = new MutableClock();
    private final List<String> backoffAsked = new ArrayList<>();
    private final SiteActivity activity = new SiteActivity(clock, siteId -> {
        backoffAsked.add(siteId);
        return Duration.ofSeconds(300);
    });

    private static final class MutableClock extends Clock {
        Instant now = T0;

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @Test
    public void aSearchRecordsWhenAndHowLong() {
        activity.searched("sto", Duration.ofMillis(812));

        SiteActivity.State state = activity.state("sto");
        assertEquals(Optional.of(T0), state.lastSearchAt());
        assertEquals(812, state.lastLatencyMs().getAsLong());
        assertTrue(state.lastError().isEmpty());
        assertEquals(SiteActivity.State.NONE, activity.state("aniworld"));
    }

    @Test
    public void aFailureIsKeptUntilTheSiteAnswersAgain() {
        activity.failed("sto", Reason.TIMEOUT, "sto did not answer within 10 s", Optional.of(Duration.ofSeconds(10)));
        assertEquals(Optional.of("sto did not answer within 10 s"), activity.state("sto").lastError());
        assertEquals(10_000, activity.state("sto").lastLatencyMs().getAsLong());

        clock.now = T0.plusSeconds(5);
        activity.answered("sto");
        assertTrue(activity.state("sto").lastError().isEmpty());
        assertEquals("an index fetch is no search", Optional.of(T0), activity.state("sto").lastSearchAt());
    }

    @Test
    public void aSeriesTheSiteLacksIsAnAnswer() {
        activity.failed("sto", Reason.NOT_FOUND, "no such series", Optional.of(Duration.ofMillis(90)));

        assertTrue(activity.state("sto").lastError().isEmpty());
        assertEquals(90, activity.state("sto").lastLatencyMs().getAsLong());
    }

    @Test
    public void aChallengeStartsTheBackoffOnceAndItEnds() {
        activity.failed("sto", Reason.BLOCKED, "sto answered with a challenge page", Optional.empty());
        assertEquals(Optional.of(T0.plusSeconds(300)), activity.state("sto").blockedUntil());
        assertTrue(activity.state("sto").blocked(T0.plusSeconds(299)));

        clock.now = T0.plusSeconds(100);
        activity.failed("sto", Reason.BLOCKED, "leaving it alone for another 200 s", Optional.empty());
        assertEquals("the running back-off is kept", Optional.of(T0.plusSeconds(300)),
                activity.state("sto").blockedUntil());
        assertEquals(List.of("sto"), backoffAsked);

        assertFalse(activity.state("sto").blocked(T0.plusSeconds(300)));
        clock.now = T0.plusSeconds(400);
        activity.failed("sto", Reason.BLOCKED, "sto answered with a challenge page", Optional.empty());
        assertEquals("a new challenge after the back-off starts another", Optional.of(T0.plusSeconds(700)),
                activity.state("sto").blockedUntil());
    }

    @Test
    public void aRemovedSiteStartsAfresh() {
        activity.failed("sto", Reason.SITE_ERROR, "HTTP 503", Optional.empty());
        activity.handleEvent(new Event(CatalogueRegistry.TOPIC_CHANGED, Map.of(CatalogueRegistry.EVENT_SITE_ID, "sto",
                CatalogueRegistry.EVENT_CHANGE, "modified")));
        assertTrue(activity.state("sto").lastError().isPresent());

        activity.handleEvent(new Event(CatalogueRegistry.TOPIC_CHANGED, Map.of(CatalogueRegistry.EVENT_SITE_ID, "sto",
                CatalogueRegistry.EVENT_CHANGE, "removed")));
        assertEquals(SiteActivity.State.NONE, activity.state("sto"));
    }

    @Test
    public void reachabilityNamesWhyAnEnabledSiteCannotBeUsed() {
        CatalogueEntry sto = entry(true);
        Optional<TitleIndex.Status> indexed = Optional.of(new TitleIndex.Status(120, Optional.of(T0), Optional.empty()));
        assertEquals("ok", SiteReachability.state(sto, activity.state("sto"), indexed, T0));
        assertEquals(List.of(), SiteReachability.problems(sto, activity.state("sto"), indexed, T0));

        Optional<TitleIndex.Status> never = Optional.of(new TitleIndex.Status(0, Optional.empty(), Optional.empty()));
        assertEquals(List.of("s.to has not answered yet: its title index is still empty"),
                SiteReachability.problems(sto, activity.state("sto"), never, T0));
        Optional<TitleIndex.Status> unreachable = Optional.of(new TitleIndex.Status(0, Optional.empty(),
                Optional.of("sto could not be reached: ConnectException")));
        assertEquals("failing", SiteReachability.state(sto, activity.state("sto"), unreachable, T0));

        activity.failed("sto", Reason.BLOCKED, "challenge", Optional.empty());
        assertEquals("blocked", SiteReachability.state(sto, activity.state("sto"), indexed, T0));
        assertEquals(List.of("s.to answered with a challenge (captcha or anti-bot) page; it is left alone until"
                + " 06:05:00 UTC"), SiteReachability.problems(sto, activity.state("sto"), indexed, T0));

        assertEquals("disabled", SiteReachability.state(entry(false), activity.state("sto"), indexed, T0));
        assertEquals(List.of(), SiteReachability.problems(entry(false), activity.state("sto"), indexed, T0));
    }

    private static CatalogueEntry entry(boolean enabled) {
        CatalogueSite site = new CatalogueSite("sto", "s.to", URI.create("https://s.to"), 2,
                List.of(Language.GERMAN_DUB), enabled, 10, Set.of(), 24, 6, false);
        return new CatalogueEntry("sto", Optional.of(site), List.of(), (CatalogueProvider) null);
    }
}
