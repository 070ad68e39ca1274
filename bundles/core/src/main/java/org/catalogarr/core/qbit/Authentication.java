package org.catalogarr.core.qbit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

import org.catalogarr.core.login.LogLimiter;
import org.catalogarr.core.login.LoginThrottle;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may use the API: {@code auth/login} and {@code auth/logout}, and the session behind each request.
 *
 * <p>With an empty password, qBittorrent's "bypass authentication for clients on localhost" applies:
 * loopback clients need no login (and a login from there always succeeds), every other client is
 * refused with 403, whatever SID it shows, and a warning in the log, at most once a minute, says how to
 * set a password. Failed logins and bans are logged with the address, never with what was sent.
 *
 * <p>The SID cookie is {@code SameSite=Strict}, as qBittorrent sets it: a browser does not send it with a
 * request another site starts.
 */
public final class Authentication {

    /** Failed logins in a row after which an address is banned, as in qBittorrent. */
    static final int MAX_FAILURES = 5;
    static final String BANNED = "Your IP address has been banned after too many failed authentication attempts.";
    /**
     * The 403's body for a client on another machine while no password is set: Sonarr shows it, and an
     * operator with Sonarr in a container (another address) learns what to change without reading our log.
     */
    static final String NEEDS_PASSWORD = "Forbidden: this server has no password for the qBittorrent API, so only"
            + " clients on its own machine are served and your address is not one. Set username and password in"
            + " org.catalogarr.qbit.cfg and enter them in the download client's settings.";

    private static final Logger LOG = LoggerFactory.getLogger(Authentication.class);
    private static final Duration WARNING_INTERVAL = Duration.ofMinutes(1);
    private static final String NO_PASSWORD_WARNING = "no-password";
    private static final String BANNED_WARNING = "banned";
    /** Only a well-formed IPv4 literal; anything else would make {@link InetAddress} ask DNS. */
    private static final String OCTET = "(25[0-5]|2[0-4]\\d|1?\\d?\\d)";
    private static final Pattern IPV4 = Pattern.compile("(" + OCTET + "\\.){3}" + OCTET);

    private final Sessions sessions;
    private final LoginThrottle throttle;
    private final LogLimiter warnings;
    private volatile Credentials credentials;

    public Authentication(Sessions sessions, LoginThrottle throttle, Clock clock, Credentials credentials) {
        this.sessions = sessions;
        this.throttle = throttle;
        this.warnings = new LogLimiter(clock, WARNING_INTERVAL);
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

    /**
     * The session of the request's SID cookie, or the lasting one of a loopback client without password.
     * Without a password, a client that is not on this machine has no session even with a SID a loopback
     * client obtained: being on this machine is the only credential then.
     */
    public Optional<Sessions.Session> session(ApiRequest request) {
        if (!credentials.loopbackOnly()) {
            return sessions.find(request.cookies().get("SID"));
        }
        if (!loopback(request.remoteAddress())) {
            warnAboutMissingPassword(request.remoteAddress());
            return Optional.empty();
        }
        return sessions.find(request.cookies().get("SID"))
                .or(() -> Optional.of(sessions.bypass(request.remoteAddress())));
    }

    /**
     * The 403 for a request without a session: qBittorrent's bare {@code Forbidden}, or why a client on
     * another machine cannot have one.
     */
    public ApiResponse refusal(ApiRequest request) {
        return credentials.loopbackOnly() && !loopback(request.remoteAddress())
                ? ApiResponse.text(403, NEEDS_PASSWORD) : ApiResponse.text(403, "Forbidden");
    }

    /** 200 {@code Ok.} with the SID cookie, 200 {@code Fails.}, or 403 for a banned or refused address. */
    public ApiResponse login(ApiRequest request) {
        String address = request.remoteAddress();
        if (throttle.banned(address)) {
            warnAboutBannedAddress(address);
            return ApiResponse.text(403, BANNED);
        }
        Credentials current = credentials;
        if (current.loopbackOnly() && !loopback(address)) {
            warnAboutMissingPassword(address);
            return ApiResponse.text(403, NEEDS_PASSWORD);
        }
        boolean match = current.loopbackOnly()
                || current.match(request.parameters().text("username"), request.parameters().text("password"));
        return switch (throttle.attempt(address, match)) {
            case OK -> ApiResponse.ok("Ok.").withHeader("Set-Cookie",
                    "SID=" + sessions.open().sid() + "; HttpOnly; SameSite=Strict; path=/");
            case FAILED -> {
                LOG.warn("Failed qBittorrent API login from {}", address);
                yield ApiResponse.ok("Fails.");
            }
            case BANNED_NOW -> {
                LOG.warn("Failed qBittorrent API login from {}; the address is banned for {} s after {} failures"
                        + " in a row", address, throttle.banDuration().toSeconds(), MAX_FAILURES);
                yield ApiResponse.ok("Fails.");
            }
            case BANNED -> {
                warnAboutBannedAddress(address);
                yield ApiResponse.text(403, BANNED);
            }
        };
    }

    public ApiResponse logout(ApiRequest request) {
        sessions.close(request.cookies().get("SID"));
        return ApiResponse.ok("");
    }

    private void warnAboutBannedAddress(String address) {
        if (warnings.allow(BANNED_WARNING)) {
            LOG.warn("Refused a qBittorrent API login from {}: the address is banned after too many failed logins"
                    + " (logged at most once a minute)", address);
        }
    }

    private void warnAboutMissingPassword(String address) {
        if (warnings.allow(NO_PASSWORD_WARNING)) {
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
