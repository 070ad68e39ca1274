package org.catalogarr.core.qbit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.catalogarr.core.qbit.Sessions.Login;
import org.junit.Test;

public class SessionsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
    private final Sessions sessions = new Sessions(clock, Duration.ofMinutes(60), Duration.ofMinutes(30));

    @Test
    public void opensSessionsWithDistinctSids() {
        String a = sessions.open().sid();
        String b = sessions.open().sid();

        assertEquals(32, a.length());
        assertTrue(a.matches("[A-Za-z0-9]+"));
        assertNotEquals(a, b);
        assertTrue(sessions.find(a).isPresent());
    }

    @Test
    public void unknownAndMissingSidsFindNothing() {
        assertEquals(Optional.empty(), sessions.find("nope"));
        assertEquals(Optional.empty(), sessions.find(null));
    }

    @Test
    public void aSessionExpiresAfterTheTimeoutWithoutRequests() {
        String sid = sessions.open().sid();

        clock.advance(Duration.ofMinutes(60));

        assertEquals(Optional.empty(), sessions.find(sid));
    }

    @Test
    public void everyRequestPushesTheExpiryBack() {
        String sid = sessions.open().sid();
        clock.advance(Duration.ofMinutes(50));
        assertTrue(sessions.find(sid).isPresent());

        clock.advance(Duration.ofMinutes(50));

        assertTrue(sessions.find(sid).isPresent());
    }

    @Test
    public void closingEndsTheSession() {
        String sid = sessions.open().sid();

        sessions.close(sid);

        assertFalse(sessions.find(sid).isPresent());
    }

    @Test
    public void fiveFailuresInARowBanTheAddress() {
        for (int i = 0; i < 5; i++) {
            assertEquals(Login.WRONG_CREDENTIALS, sessions.attempt("10.0.0.9", false));
        }

        assertTrue(sessions.banned("10.0.0.9"));
        assertEquals(Login.BANNED, sessions.attempt("10.0.0.9", true));
        assertFalse(sessions.banned("10.0.0.10"));
        assertEquals(Login.OK, sessions.attempt("10.0.0.10", true));
    }

    @Test
    public void aSuccessClearsTheCount() {
        for (int i = 0; i < 4; i++) {
            sessions.attempt("10.0.0.9", false);
        }
        assertEquals(Login.OK, sessions.attempt("10.0.0.9", true));

        for (int i = 0; i < 4; i++) {
            assertEquals(Login.WRONG_CREDENTIALS, sessions.attempt("10.0.0.9", false));
        }
        assertFalse(sessions.banned("10.0.0.9"));
    }

    @Test
    public void failuresSpreadOverLongQuietSpellsDoNotAddUp() {
        for (int i = 0; i < 4; i++) {
            sessions.attempt("10.0.0.9", false);
        }
        clock.advance(Duration.ofMinutes(30));

        sessions.attempt("10.0.0.9", false);

        assertFalse(sessions.banned("10.0.0.9"));
    }

    @Test
    public void theBanEndsAfterItsDuration() {
        for (int i = 0; i < 5; i++) {
            sessions.attempt("10.0.0.9", false);
        }
        clock.advance(Duration.ofMinutes(29));
        assertTrue(sessions.banned("10.0.0.9"));

        clock.advance(Duration.ofMinutes(1));

        assertFalse(sessions.banned("10.0.0.9"));
        assertEquals(Login.WRONG_CREDENTIALS, sessions.attempt("10.0.0.9", false));
        assertFalse("the count starts again after a ban", sessions.banned("10.0.0.9"));
    }

    @Test
    public void aBypassSessionIsKeptPerAddressAndNeverExpires() {
        Sessions.Session local = sessions.bypass("127.0.0.1");
        clock.advance(Duration.ofDays(30));

        assertSame(local, sessions.bypass("127.0.0.1"));
        assertFalse(local.expired(clock.instant()));
    }

    @Test
    public void closeAllEndsEverySession() {
        String sid = sessions.open().sid();
        Sessions.Session local = sessions.bypass("127.0.0.1");

        sessions.closeAll();

        assertFalse(sessions.find(sid).isPresent());
        assertNotEquals(local, sessions.bypass("127.0.0.1"));
    }
}
