package org.catalogarr.core.login;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed logins in a row per address and the bans they lead to, as qBittorrent counts them: an address
 * that fails {@code maxFailures} times in a row is refused for the ban's length, whatever it sends; a
 * success clears its count; failures a ban's length apart do not add up.
 */
public final class LoginThrottle {

    /** What a login attempt came to. */
    public enum Outcome {
        /** The credentials matched. */
        OK,
        /** They did not; the address may try again. */
        FAILED,
        /** They did not, and this failure banned the address. */
        BANNED_NOW,
        /** The address is banned; its credentials were not looked at. */
        BANNED
    }

    /**
     * Addresses counted at most. Beyond it (many addresses, e.g. from an IPv6 prefix), the counts of
     * addresses not banned are forgotten rather than letting the table grow without end.
     */
    static final int MAX_ADDRESSES = 10_000;

    private final Clock clock;
    private final int maxFailures;
    private final Duration ban;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    /** Failed logins in a row from one address, the last one's time, and the ban if there is one. */
    private record Failures(int count, Instant last, Instant bannedUntil) {
    }

    public LoginThrottle(Clock clock, int maxFailures, Duration ban) {
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.ban = ban;
    }

    public Duration banDuration() {
        return ban;
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
    public Outcome attempt(String address, boolean credentialsMatch) {
        if (banned(address)) {
            return Outcome.BANNED;
        }
        if (credentialsMatch) {
            failures.remove(address);
            return Outcome.OK;
        }
        Instant now = clock.instant();
        forgetQuietFailures(now);
        Failures after = failures.merge(address, new Failures(1, now, null),
                (old, one) -> new Failures(old.count() + 1, now, null));
        if (after.count() >= maxFailures) {
            failures.put(address, new Failures(after.count(), now, now.plus(ban)));
            return Outcome.BANNED_NOW;
        }
        return Outcome.FAILED;
    }

    /**
     * Forgets the counts of addresses that stayed quiet for a ban's length, so that the table does not
     * grow with every address that ever mistyped a password; when it is full all the same, the counts of
     * addresses that are not banned go.
     */
    private void forgetQuietFailures(Instant now) {
        failures.values().removeIf(f -> f.bannedUntil() == null && !now.isBefore(f.last().plus(ban)));
        if (failures.size() >= MAX_ADDRESSES) {
            failures.values().removeIf(f -> f.bannedUntil() == null);
        }
    }
}
