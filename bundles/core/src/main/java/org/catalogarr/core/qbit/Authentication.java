package org.catalogarr.core.qbit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may use the API: {@code auth/login} and {@code auth/logout}, and the session behind each request.
 *
 * <p>With an empty password, qBittorrent's "bypass authentication for clients on localhost" applies:
 * loopback clients need no login (and a login from there always succeeds), every other client is
 * refused with 403 and a warning in the log, at most once a minute, says how to set a password.
 */
public final class Authentication {

    static final String BANNED = "Your IP address has been banned after too many failed authentication attempts.";

    private static final Logger LOG = LoggerFactory.getLogger(Authentication.class);
    private static final Duration WARNING_INTERVAL = Duration.ofMinutes(1);
    /** Only a well-formed IPv4 literal; anything else would make {@link InetAddress} ask DNS. */
    private static final String OCTET = "(25[0-5]|2[0-4]\\d|1?\\d?\\d)";
    private static final Pattern IPV4 = Pattern.compile("(" + OCTET + "\\.){3}" + OCTET);

    private final Sessions sessions;
    private final Clock clock;
    private final AtomicReference<Instant> lastPasswordWarning = new AtomicReference<>();
    private volatile Credentials credentials;

    public Authentication(Sessions sessions, Clock clock, Credentials credentials) {
        this.sessions = sessions;
        this.clock = clock;
        this.credentials = credentials;
    }

    /** Takes new credentials; sessions opened with the old ones end. */
    public void configure(Credentials newCredentials) {
        if (!newCredentials.equals(credentials)) {
            credentials = newCredentials;
            sessions.closeAll();
        }
    }

    public String username() {
        return credentials.username();
    }

    /** The session of the request's SID cookie, or the lasting one of a loopback client without password. */
    public Optional<Sessions.Session> session(ApiRequest request) {
        Optional<Sessions.Session> session = sessions.find(request.cookies().get("SID"));
        if (session.isPresent() || !credentials.loopbackOnly()) {
            return session;
        }
        if (loopback(request.remoteAddress())) {
            return Optional.of(sessions.bypass(request.remoteAddress()));
        }
        warnAboutMissingPassword(request.remoteAddress());
        return Optional.empty();
    }

    /** 200 {@code Ok.} with the SID cookie, 200 {@code Fails.}, or 403 for a banned or refused address. */
    public ApiResponse login(ApiRequest request) {
        String address = request.remoteAddress();
        if (sessions.banned(address)) {
            return ApiResponse.text(403, BANNED);
        }
        Credentials current = credentials;
        if (current.loopbackOnly() && !loopback(address)) {
            warnAboutMissingPassword(address);
            return ApiResponse.text(403, "Forbidden");
        }
        boolean match = current.loopbackOnly()
                || current.match(request.parameters().text("username"), request.parameters().text("password"));
        return switch (sessions.attempt(address, match)) {
            case OK -> ApiResponse.ok("Ok.").withHeader("Set-Cookie",
                    "SID=" + sessions.open().sid() + "; HttpOnly; path=/");
            case WRONG_CREDENTIALS -> ApiResponse.ok("Fails.");
            case BANNED -> ApiResponse.text(403, BANNED);
        };
    }

    public ApiResponse logout(ApiRequest request) {
        sessions.close(request.cookies().get("SID"));
        return ApiResponse.ok("");
    }

    private void warnAboutMissingPassword(String address) {
        Instant now = clock.instant();
        Instant last = lastPasswordWarning.get();
        if ((last == null || !now.isBefore(last.plus(WARNING_INTERVAL)))
                && lastPasswordWarning.compareAndSet(last, now)) {
            LOG.warn("Refused a qBittorrent API request from {}: without a password only clients on this machine"
                    + " are served. Set a password in the configuration org.catalogarr.qbit (password=...) and"
                    + " enter it, with the username, in the download client's settings.", address);
        }
    }

    /** Whether the address is a loopback one; only IP literals count, so nothing is looked up in DNS. */
    static boolean loopback(String address) {
        if (address == null) {
            return false;
        }
        String literal = address.startsWith("[") && address.endsWith("]")
                ? address.substring(1, address.length() - 1) : address;
        if (!literal.contains(":") && !IPV4.matcher(literal).matches()) {
            return false;
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
