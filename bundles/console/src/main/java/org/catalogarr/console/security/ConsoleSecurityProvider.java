package org.catalogarr.console.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import org.apache.felix.webconsole.spi.SecurityProvider;
import org.catalogarr.core.login.LogLimiter;
import org.catalogarr.core.login.LoginThrottle;
import org.catalogarr.settings.Settings;
import org.catalogarr.settings.SettingsRules;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Guards the Web Console with the operator's admin credentials. The launcher names this provider in
 * {@code felix.webconsole.security.providers}, which makes the console refuse everyone, its built-in
 * admin/admin included, until this provider is registered.
 *
 * <p>Logins are throttled like the qBittorrent API's: {@value #MAX_FAILURES} wrong credentials in a row
 * from one address ban it for {@code ban_duration} seconds, during which it gets 403 whatever it sends.
 * Failures and bans are logged with the address (never the password); refusals of a banned address at
 * most once a minute. A request without credentials (a browser's first) is only asked for them.
 */
@Component(service = {SecurityProvider.class, AdminLogin.class},
        configurationPid = ConsoleSecurityProvider.PID, property = SecurityProvider.PROPERTY_ID + "=" + ConsoleSecurityProvider.PROVIDER_ID)
@Designate(ocd = ConsoleSecurityProvider.Config.class)
public class ConsoleSecurityProvider implements SecurityProvider, AdminLogin {

    static final String PID = "org.catalogarr.console.admin";
    static final String PROVIDER_ID = "catalogarr";
    static final String DATA_FOLDER_PROPERTY = "catalogarr.data";

    @ObjectClassDefinition(name = "Catalogarr admin login",
            description = "Who may use the admin console. Without a password, one is generated on the first start,"
                    + " stored in the data folder as 'admin-password' and printed once.")
    public @interface Config {
        @AttributeDefinition(name = "User name")
        String username() default "admin";

        @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD,
                description = "Empty: use the generated password from the data folder.")
        String password() default "";

        @AttributeDefinition(name = "Ban duration (seconds)",
                description = "How long an address is refused after 5 failed logins in a row.")
        long ban__duration() default 3600;
    }

    static final int MAX_FAILURES = 5;
    static final String BANNED = "Too many failed logins from your address; try again later.";
    private static final long THIRTY_DAYS = 30L * 24 * 3600;

    /**
     * Validated as every Catalogarr configuration is: a refused change leaves the previous login in force,
     * and a ban of no length, which would switch the throttle off, is refused.
     */
    static final SettingsRules RULES = SettingsRules.none()
            .check("username", name -> !name.toString().isBlank(), "must not be empty")
            .range("ban_duration", 1, THIRTY_DAYS);

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleSecurityProvider.class);

    private final LogLimiter warnings = new LogLimiter(Clock.systemUTC(), Duration.ofMinutes(1));

    @Reference
    private Settings settings;

    /** For Declarative Services, which then injects {@link #settings}. */
    public ConsoleSecurityProvider() {
    }

    ConsoleSecurityProvider(Settings settings) {
        this.settings = settings;
    }

    private volatile String username;
    private volatile AdminPassword password;
    private volatile LoginThrottle throttle;

    @Activate
    @Modified
    void configure(BundleContext context, Map<String, Object> properties) throws IOException {
        Config config = settings.apply(PID, Config.class, RULES, properties);
        Duration ban = Duration.ofSeconds(config.ban__duration());
        if (throttle == null || !throttle.banDuration().equals(ban)) {
            throttle = new LoginThrottle(Clock.systemUTC(), MAX_FAILURES, ban);
        }
        username = config.username().strip();
        if (!config.password().isEmpty()) {
            password = AdminPassword.of(config.password());
            LOG.info("Admin console: user '{}' with the configured password", username);
            return;
        }
        String dataFolder = context.getProperty(DATA_FOLDER_PROPERTY);
        Path folder = Path.of(dataFolder == null || dataFolder.isBlank() ? "data" : dataFolder).toAbsolutePath();
        password = AdminPassword.storedIn(folder, generated -> announce(folder, generated));
        LOG.info("Admin console: user '{}' with the password stored in {}", username,
                folder.resolve(AdminPassword.FILE_NAME));
    }

    /** Printed, not logged: the password must not end up in log files. */
    private void announce(Path folder, String generated) {
        System.out.println("""

                ==================================================================
                 Catalogarr admin console: user '%s', password: %s
                 Generated on this first start and stored in %s.
                 Set your own with the 'password' of %s.
                ==================================================================
                """.formatted(username, generated, folder.resolve(AdminPassword.FILE_NAME), PID));
        LOG.info("Admin console: generated a new admin password (printed on the console once)");
    }

    static final String ASK = "Log in with the admin console's user name and password.";

    @Override
    public Login login(HttpServletRequest request) {
        String address = request.getRemoteAddr();
        LoginThrottle current = throttle;
        if (current.banned(address)) {
            logBanned(address);
            return Login.refused(HttpServletResponse.SC_FORBIDDEN, BANNED);
        }
        Optional<BasicCredentials> sent = BasicCredentials.parse(request.getHeader("Authorization"));
        if (sent.isEmpty()) {
            return Login.refused(HttpServletResponse.SC_UNAUTHORIZED, ASK);
        }
        boolean match = sent.get().username().equals(username) & password.matches(sent.get().password());
        switch (current.attempt(address, match)) {
            case OK:
                return Login.ok(sent.get().username());
            case FAILED:
                LOG.warn("Failed admin console login from {}", address);
                return Login.refused(HttpServletResponse.SC_UNAUTHORIZED, "Wrong user name or password.");
            case BANNED_NOW:
                LOG.warn("Failed admin console login from {}; the address is banned for {} s after {} failures in a"
                        + " row", address, current.banDuration().toSeconds(), MAX_FAILURES);
                return Login.refused(HttpServletResponse.SC_FORBIDDEN, BANNED);
            default:
                logBanned(address);
                return Login.refused(HttpServletResponse.SC_FORBIDDEN, BANNED);
        }
    }


    @Override
    public Object authenticate(HttpServletRequest request, HttpServletResponse response) {
        Login login = login(request);
        if (login.user().isPresent()) {
            return login.user().get();
        }
        if (login.status() == HttpServletResponse.SC_UNAUTHORIZED) {
            AdminLogin.challenge(response);
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        } else {
            write(response, login.status(), login.message());
        }
        return null;
    }

    private void logBanned(String address) {
        if (warnings.allow("banned")) {
            LOG.warn("Refused an admin console request from {}: the address is banned after too many failed logins"
                    + " (logged at most once a minute)", address);
        }
    }

    private static void write(HttpServletResponse response, int status, String text) {
        response.setStatus(status);
        response.setContentType("text/plain; charset=UTF-8");
        try {
            response.getWriter().write(text);
        } catch (IOException e) {
            // The client went away; the status is all it would have read.
        }
    }

    @Override
    public boolean authorize(Object user, String role) {
        return username.equals(user);
    }

    @Override
    public void logout(HttpServletRequest request, HttpServletResponse response) {
        // Basic authentication has no server-side session to end.
    }

    /** The user name and password of an HTTP Basic {@code Authorization} header. */
    record BasicCredentials(String username, String password) {

        static Optional<BasicCredentials> parse(String header) {
            if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
                return Optional.empty();
            }
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            int colon = decoded.indexOf(':');
            return colon < 0 ? Optional.empty()
                    : Optional.of(new BasicCredentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
        }
    }
}
