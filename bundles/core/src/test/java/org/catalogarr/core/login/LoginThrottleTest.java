package org.catalogarr.core.login;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.catalogarr.core.login.LoginThrottle.Outcome;
import org.junit.Test;

public class LoginThrottleTest {

    private Instant now = Instant.parse("2026-11-26T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    };
    private final LoginThrottle throttle = new LoginThrottle(clock, 5, Duration.ofMinutes(30));

    @Test
    public void fiveFailuresInARowBanTheAddress() {
        for (int i = 0; i < 4; i++) {
            assertEquals(Outcome.FAILED, throttle.attempt("10.0.0.9", false));
        }
        assertEquals(Outcome.BANNED_NOW, throttle.attempt("10.0.0.9", false));

        assertTrue(throttle.banned("10.0.0.9"));
        assertEquals("even the right credentials", Outcome.BANNED, throttle.attempt("10.0.0.9", true));
        assertFalse(throttle.banned("10.0.0.10"));
        assertEquals(Outcome.OK, throttle.attempt("10.0.0.10", true));
    }

    @Test
    public void aSuccessClearsTheCount() {
        for (int i = 0; i < 4; i++) {
            throttle.attempt("10.0.0.9", false);
        }
        assertEquals(Outcome.OK, throttle.attempt("10.0.0.9", true));

        for (int i = 0; i < 4; i++) {
            assertEquals(Outcome.FAILED, throttle.attempt("10.0.0.9", false));
        }
        assertFalse(throttle.banned("10.0.0.9"));
    }

    @Test
    public void failuresSpreadOverLongQuietSpellsDoNotAddUp() {
        for (int i = 0; i < 4; i++) {
            throttle.attempt("10.0.0.9", false);
        }
        now = now.plus(Duration.ofMinutes(30));

        assertEquals(Outcome.FAILED, throttle.attempt("10.0.0.9", false));
        assertFalse(throttle.banned("10.0.0.9"));
    }

    @Test
    public void theBanEndsAfterItsDuration() {
        for (int i = 0; i < 5; i++) {
            throttle.attempt("10.0.0.9", false);
        }
        now = now.plus(Duration.ofMinutes(29));
        assertTrue(throttle.banned("10.0.0.9"));

        now = now.plus(Duration.ofMinutes(1));

        assertFalse(throttle.banned("10.0.0.9"));
        assertEquals(Outcome.FAILED, throttle.attempt("10.0.0.9", false));
        assertFalse("the count starts again after a ban", throttle.banned("10.0.0.9"));
    }

    @Test
    public void aFloodOfAddressesKeepsTheBansButNotTheTable() {
        for (int i = 0; i < 5; i++) {
            throttle.attempt("10.0.0.9", false);
        }
        for (int i = 0; i < LoginThrottle.MAX_ADDRESSES + 10; i++) {
            throttle.attempt("2001:db8::" + Integer.toHexString(i), false);
        }

        assertTrue(throttle.banned("10.0.0.9"));
        for (int i = 0; i < 4; i++) {
            throttle.attempt("2001:db8::1", false);
        }
        assertFalse("its earlier failure was forgotten with the others", throttle.banned("2001:db8::1"));
    }

    @Test
    public void aLimiterLetsOneMessageAMinuteThroughPerKey() {
        LogLimiter limiter = new LogLimiter(clock, Duration.ofMinutes(1));

        assertTrue(limiter.allow("banned"));
        assertFalse(limiter.allow("banned"));
        assertTrue("another key has its own minute", limiter.allow("host"));
        now = now.plus(Duration.ofSeconds(59));
        assertFalse(limiter.allow("banned"));
        now = now.plus(Duration.ofSeconds(1));
        assertTrue(limiter.allow("banned"));
    }
}
