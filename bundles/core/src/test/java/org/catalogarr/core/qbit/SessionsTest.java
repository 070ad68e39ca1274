package org.catalogarr.core.qbit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.Test;

public class SessionsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
    private final Sessions sessions = new Sessions(clock, Duration.ofMinutes(60));

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
    public void atTheCapTheSessionIdleLongestIsClosed() {
        List<String> sids = new ArrayList<>();
        for (int i = 0; i < Sessions.MAX_SESSIONS; i++) {
            sids.add(sessions.open().sid());
            clock.advance(Duration.ofSeconds(1));
        }
        assertTrue(sessions.find(sids.get(0)).isPresent());

        String newest = sessions.open().sid();

        assertTrue(sessions.find(newest).isPresent());
        assertTrue("just used, so no longer the idlest", sessions.find(sids.get(0)).isPresent());
        assertFalse(sessions.find(sids.get(1)).isPresent());
        assertEquals(Sessions.MAX_SESSIONS - 1, sids.stream().filter(s -> sessions.find(s).isPresent()).count());
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
