package org.catalogarr.core.qbit;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The WebUI sessions (SID cookies). Like qBittorrent, a session expires after a period without requests.
 * At most {@value #MAX_SESSIONS} are kept: a new login then pushes out the session that has been idle
 * longest, rather than being refused, because a client whose session is gone gets 403 and logs in again
 * (Sonarr does), while a refused login would lock every client out until some session timed out.
 */
public final class Sessions {

    static final int MAX_SESSIONS = 256;

    private static final char[] SID_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final Clock clock;
    private final Duration timeout;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, Session> bypassed = new ConcurrentHashMap<>();

    public Sessions(Clock clock, Duration timeout) {
        this.clock = clock;
        this.timeout = timeout;
    }

    /**
     * Opens a session and returns it; expired sessions are dropped on the way, and when
     * {@value #MAX_SESSIONS} are still open, the one idle longest (the first to expire) is closed.
     */
    public synchronized Session open() {
        Instant now = clock.instant();
        sessions.values().removeIf(s -> s.expired(now));
        while (sessions.size() >= MAX_SESSIONS) {
            sessions.values().stream().min(Comparator.comparing(Session::expiresAt))
                    .ifPresent(idlest -> sessions.remove(idlest.sid(), idlest));
        }
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
        if (bypassed.size() >= MAX_SESSIONS && !bypassed.containsKey(address)) {
            // Only loopback addresses get here, but 127/8 has millions: starting the deltas over is harmless.
            bypassed.clear();
        }
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

        Instant expiresAt() {
            return expiresAt;
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
