package org.catalogarr.core.qbit;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The WebUI sessions (SID cookies) and the login throttle. Like qBittorrent, a session expires after a
 * period without requests, and an address that fails to log in {@value #MAX_FAILURES} times in a row is
 * banned for a while; a successful login clears its count.
 */
public final class Sessions {

    static final int MAX_FAILURES = 5;

    /** What a login attempt came to. */
    public enum Login {
        OK, WRONG_CREDENTIALS, BANNED
    }

    private static final char[] SID_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final Clock clock;
    private final Duration timeout;
    private final Duration ban;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final Map<String, Session> bypassed = new ConcurrentHashMap<>();

    /** Failed logins in a row from one address, the last one's time, and the ban if there is one. */
    private record Failures(int count, Instant last, Instant bannedUntil) {
    }

    public Sessions(Clock clock, Duration timeout, Duration ban) {
        this.clock = clock;
        this.timeout = timeout;
        this.ban = ban;
    }

    /** Whether the address is banned now; a ban that ran out is forgotten together with its count. */
    public boolean banned(String address) {
        Failures f = failures.get(address);
        if (f == null || f.bannedUntil() == null) {
            return false;
        }
        if (clock.instant().isBefore(f.bannedUntil())) {
            return true;
        }
        failures.remove(address, f);
        return false;
    }

    /** Records the outcome of checking credentials sent from the address. */
    public Login attempt(String address, boolean credentialsMatch) {
        if (banned(address)) {
            return Login.BANNED;
        }
        if (credentialsMatch) {
            failures.remove(address);
            return Login.OK;
        }
        Instant now = clock.instant();
        forgetQuietFailures(now);
        Failures after = failures.merge(address, new Failures(1, now, null),
                (old, one) -> new Failures(old.count() + 1, now, null));
        if (after.count() >= MAX_FAILURES) {
            failures.put(address, new Failures(after.count(), now, now.plus(ban)));
        }
        return Login.WRONG_CREDENTIALS;
    }

    /**
     * Forgets the counts of addresses that stayed quiet for a ban's length, so that the table does not
     * grow with every address that ever mistyped a password.
     */
    private void forgetQuietFailures(Instant now) {
        failures.values().removeIf(f -> f.bannedUntil() == null && !now.isBefore(f.last().plus(ban)));
    }

    /** Opens a session and returns it; expired sessions are dropped on the way. */
    public Session open() {
        Instant now = clock.instant();
        sessions.values().removeIf(s -> s.expired(now));
        Session session = new Session(newSid(), now.plus(timeout));
        sessions.put(session.sid(), session);
        return session;
    }

    /** The live session with this SID, its expiry pushed back, or empty when unknown or expired. */
    public Optional<Session> find(String sid) {
        if (sid == null) {
            return Optional.empty();
        }
        Session session = sessions.get(sid);
        if (session == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (session.expired(now)) {
            sessions.remove(sid, session);
            return Optional.empty();
        }
        session.extendTo(now.plus(timeout));
        return Optional.of(session);
    }

    /**
     * The session of a client that needs no login (loopback without a password); it never expires, so
     * that client's {@code sync/maindata} deltas work like a logged-in one's.
     */
    public Session bypass(String address) {
        return bypassed.computeIfAbsent(address, a -> new Session("", Instant.MAX));
    }

    public void close(String sid) {
        if (sid != null) {
            sessions.remove(sid);
        }
    }

    /** Forgets every session, e.g. after the credentials changed. */
    public void closeAll() {
        sessions.clear();
        bypassed.clear();
    }

    private String newSid() {
        char[] sid = new char[32];
        for (int i = 0; i < sid.length; i++) {
            sid[i] = SID_ALPHABET[random.nextInt(SID_ALPHABET.length)];
        }
        return new String(sid);
    }

    /** One logged-in client; it also remembers what {@code sync/maindata} last sent it. */
    public static final class Session {
        private final String sid;
        private volatile Instant expiresAt;
        private MainData.Snapshot lastSync;

        Session(String sid, Instant expiresAt) {
            this.sid = sid;
            this.expiresAt = expiresAt;
        }

        public String sid() {
            return sid;
        }

        boolean expired(Instant now) {
            return !now.isBefore(expiresAt);
        }

        void extendTo(Instant newExpiry) {
            expiresAt = newExpiry;
        }

        /** Runs one maindata exchange under the session's lock, so concurrent polls cannot interleave. */
        synchronized MainData.Reply sync(long rid, MainData.Snapshot current) {
            MainData.Reply reply = MainData.reply(lastSync, rid, current);
            lastSync = reply.snapshot();
            return reply;
        }
    }
}
