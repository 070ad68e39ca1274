package org.catalogarr.console.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import org.apache.felix.webconsole.spi.SecurityProvider;
import org.catalogarr.core.settings.Settings;
import org.catalogarr.core.settings.SettingsRules;
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
 */
@Component(configurationPid = ConsoleSecurityProvider.PID,
        property = SecurityProvider.PROPERTY_ID + "=" + ConsoleSecurityProvider.PROVIDER_ID)
@Designate(ocd = ConsoleSecurityProvider.Config.class)
public class ConsoleSecurityProvider implements SecurityProvider {

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
    }

    /** Validated as every Catalogarr configuration is: a refused change leaves the previous login in force. */
    static final SettingsRules RULES = SettingsRules.none()
            .check("username", name -> !name.toString().isBlank(), "must not be empty");

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleSecurityProvider.class);

    @Reference
    private Settings settings;

    private volatile String username;
    private volatile AdminPassword password;

    @Activate
    @Modified
    void configure(BundleContext context, Map<String, Object> properties) throws IOException {
        Config config = settings.apply(PID, Config.class, RULES, properties);
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

    @Override
    public Object authenticate(HttpServletRequest request, HttpServletResponse response) {
        String user = BasicCredentials.parse(request.getHeader("Authorization"))
                .filter(c -> c.username().equals(username) && password.matches(c.password()))
                .map(BasicCredentials::username)
                .orElse(null);
        if (user == null) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"Catalogarr\", charset=\"UTF-8\"");
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        }
        return user;
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
